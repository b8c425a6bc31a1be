/**
 * The one place that loads the native addon and turns its errors into hazmat's classes.
 * Native errors carry their code in brackets at the start of the message
 * (`[ERR_HAZMAT_INTERNAL] RAND_bytes failed in OpenSSL\nosrandom_engine: …`), see
 * `crates/hazmat/src/errors.rs`.
 */
import * as binding from "../../index.js";
import {
  AlreadyFinalized,
  AlreadyUpdated,
  InternalError,
  InvalidKey,
  InvalidSignature,
  InvalidTag,
  InvalidToken,
  InvalidUnwrap,
  NotYetFinalized,
  type OpenSSLError,
  UnsupportedAlgorithm,
  ValueError,
} from "../exceptions.js";
import { invalidType } from "./validate.js";

export const native: typeof binding = binding;

const TAGGED = /^\[(ERR_HAZMAT_[A-Z_]+)\] ([\s\S]*)$/;

function parseOpenSSLErrors(lines: string[]): OpenSSLError[] {
  return lines.map((line) => {
    const split = line.indexOf(": ");
    return split < 0
      ? { lib: "", reasonText: line }
      : { lib: line.slice(0, split), reasonText: line.slice(split + 2) };
  });
}

/** Maps an error thrown by the addon to the documented hazmat error. */
export function translateNativeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const tagged = TAGGED.exec(error.message);
  if (tagged === null) {
    // napi-rs argument conversion: the façade checks types first, so this is a hazmat bug
    // or a value that changed under us; report it as the type error it is.
    return (error as { code?: string }).code === "InvalidArg" ? invalidType(error.message) : error;
  }
  const [, code, message] = tagged as unknown as [string, string, string];
  switch (code) {
    case "ERR_HAZMAT_VALUE":
      return new ValueError(message);
    case "ERR_HAZMAT_INVALID_TAG":
      return new InvalidTag(message);
    case "ERR_HAZMAT_INVALID_SIGNATURE":
      return new InvalidSignature(message);
    case "ERR_HAZMAT_INVALID_UNWRAP":
      return new InvalidUnwrap(message);
    case "ERR_HAZMAT_INVALID_KEY":
      return new InvalidKey(message);
    case "ERR_HAZMAT_INVALID_TOKEN":
      return new InvalidToken(message);
    case "ERR_HAZMAT_ALREADY_FINALIZED":
      return new AlreadyFinalized(message);
    case "ERR_HAZMAT_NOT_YET_FINALIZED":
      return new NotYetFinalized(message);
    case "ERR_HAZMAT_ALREADY_UPDATED":
      return new AlreadyUpdated(message);
    case "ERR_HAZMAT_UNSUPPORTED_ALGORITHM":
      return new UnsupportedAlgorithm(message);
    case "ERR_HAZMAT_INTERNAL": {
      const [summary = message, ...queue] = message.split("\n");
      const errors = parseOpenSSLErrors(queue);
      const detail = errors.map((e) => `${e.lib}: ${e.reasonText}`).join("; ");
      return new InternalError(detail ? `${summary}: ${detail}` : summary, errors);
    }
    default:
      return error;
  }
}

/** Calls into the addon, translating its errors. */
export function callNative<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw translateNativeError(error);
  }
}

/** Awaits an addon promise, translating its rejection. */
export async function awaitNative<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    throw translateNativeError(error);
  }
}
