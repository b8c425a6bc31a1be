/**
 * `cryptography.hazmat.primitives.twofactor.totp`: time-based one-time passwords (RFC 6238),
 * a {@link HOTP} whose counter is the number of `timeStep`s since the epoch.
 *
 * ```ts
 * const totp = new TOTP(key, 8, new SHA1(), 30);
 * const code = totp.generate(Date.now() / 1000);
 * totp.verify(code, Date.now() / 1000);   // InvalidToken if it does not match
 * ```
 *
 * Times are seconds since the epoch, as numbers (fractions allowed, as PyCA). PyCA's `backend`
 * parameter is dropped, so `enforceKeyLength` is the fifth argument.
 *
 * @module
 */
import { InvalidToken, ValueError } from "../../exceptions.js";
import { checkBytes, invalidType } from "../../lib/validate.js";
import { bytesEq } from "../constant_time.js";
import { _generateUri, HOTP, type HOTPHashTypes } from "./hotp.js";

export { InvalidToken } from "../../exceptions.js";

/** A TOTP generator and verifier (PyCA's `TOTP`). */
export class TOTP {
  readonly #hotp: HOTP;
  readonly #timeStep: number;

  /**
   * `key`, `length`, `algorithm` and `enforceKeyLength` as for {@link HOTP}; `timeStep`: the
   * period in seconds, a positive number (RFC 6238 recommends 30).
   */
  constructor(
    key: Uint8Array,
    length: number,
    algorithm: HOTPHashTypes,
    timeStep: number,
    enforceKeyLength: boolean = true,
  ) {
    if (typeof timeStep !== "number") {
      throw invalidType("timeStep must be a number of seconds.");
    }
    if (!Number.isFinite(timeStep) || timeStep <= 0) {
      throw new ValueError(`timeStep must be a positive number of seconds, got ${timeStep}`);
    }
    this.#hotp = new HOTP(key, length, algorithm, enforceKeyLength);
    this.#timeStep = timeStep;
  }

  /** The code for `time` (seconds since the epoch): the HOTP of `trunc(time / timeStep)`. */
  generate(time: number): Buffer {
    if (typeof time !== "number") {
      throw invalidType("Time parameter must be an integer type or float type.");
    }
    if (!Number.isFinite(time)) {
      throw new ValueError(`Time must be a finite number of seconds, got ${time}`);
    }
    return this.#hotp.generate(Math.trunc(time / this.#timeStep));
  }

  /**
   * Compares `totp` with the code for `time` in constant time; throws {@link InvalidToken}
   * when they differ. Only `time`'s own step is accepted: callers that tolerate clock drift
   * check the neighbouring steps themselves.
   */
  verify(totp: Uint8Array, time: number): void {
    const candidate = checkBytes("totp", totp);
    if (!bytesEq(this.generate(time), candidate)) {
      throw new InvalidToken("Supplied TOTP value does not match.");
    }
  }

  /**
   * The `otpauth://totp/…` URI that authenticator apps import (it contains the key: treat it
   * as a secret).
   */
  getProvisioningUri(accountName: string, issuer: string | null): string {
    const period = Math.trunc(this.#timeStep).toString();
    return _generateUri(this.#hotp, "totp", accountName, issuer, [["period", period]]);
  }

  /** Key material is never shown. */
  toString(): string {
    return `<TOTP ${this.#timeStep} s>`;
  }
}
