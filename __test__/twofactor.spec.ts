/**
 * hazmat/primitives/twofactor/{hotp,totp}: codes checked against an independent HOTP built on
 * node:crypto's HMAC, verify, provisioning URIs, and bad input for every constructor and
 * method. RFC vectors and PyCA interop live in vectors-fernet-twofactor.spec.ts.
 */
import { createHmac } from "node:crypto";
import test from "ava";
import { ERR_HAZMAT_INVALID_TYPE, InvalidToken, ValueError } from "hazmat/exceptions";
import { MD5, SHA1, SHA224, SHA256, SHA512 } from "hazmat/primitives/hashes";
import { HOTP, InvalidToken as HotpInvalidToken } from "hazmat/primitives/twofactor/hotp";
import { TOTP, InvalidToken as TotpInvalidToken } from "hazmat/primitives/twofactor/totp";
import { randomBytes } from "hazmat/random";

const typeErrorCode = (error: unknown) => (error as { code?: string }).code;

/** RFC 4226 section 5.3, with node:crypto. */
function referenceHotp(key: Buffer, counter: bigint, digits: number, hash: string): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const digest = createHmac(hash, key).update(message).digest();
  const offset = (digest[digest.length - 1] as number) & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, "0");
}

test("both modules re-export hazmat/exceptions' InvalidToken", (t) => {
  t.is(HotpInvalidToken, InvalidToken);
  t.is(TotpInvalidToken, InvalidToken);
});

test("HOTP codes match an independent RFC 4226 implementation", (t) => {
  for (const [algorithm, hash] of [
    [new SHA1(), "sha1"],
    [new SHA256(), "sha256"],
    [new SHA512(), "sha512"],
  ] as const) {
    for (const length of [6, 7, 8]) {
      const key = randomBytes(20);
      const hotp = new HOTP(key, length, algorithm);
      for (const counter of [0n, 1n, 2n ** 32n + 5n, 2n ** 64n - 1n]) {
        const expected = referenceHotp(key, counter, length, hash);
        const code = hotp.generate(counter);
        t.true(Buffer.isBuffer(code));
        t.is(code.toString(), expected);
        if (counter < 2n ** 53n) t.is(hotp.generate(Number(counter)).toString(), expected);
        t.notThrows(() => hotp.verify(Buffer.from(expected), counter));
      }
    }
  }
});

test("HOTP.verify: wrong, shorter, longer codes are InvalidToken; the object stays usable", (t) => {
  const hotp = new HOTP(Buffer.from("12345678901234567890"), 6, new SHA1());
  const good = hotp.generate(0);
  t.is(good.toString(), "755224");
  for (const bad of ["755225", "75522", "7552240", "", "287082"]) {
    const error = t.throws(() => hotp.verify(Buffer.from(bad), 0), { instanceOf: InvalidToken });
    t.is(error?.message, "Supplied HOTP value does not match.");
    t.false(error?.message.includes("755224"));
  }
  t.notThrows(() => hotp.verify(good, 0));
  const error = t.throws(() => hotp.verify("755224" as unknown as Uint8Array, 0), {
    instanceOf: TypeError,
  });
  t.is(typeErrorCode(error), ERR_HAZMAT_INVALID_TYPE);
});

test("HOTP constructor: key length, length 6-8, algorithm, enforceKeyLength", (t) => {
  const key = randomBytes(16);
  const short = t.throws(() => new HOTP(randomBytes(15), 6, new SHA1()), {
    instanceOf: ValueError,
  });
  t.is(short?.message, "Key length has to be at least 128 bits.");
  t.notThrows(() => new HOTP(randomBytes(15), 6, new SHA1(), false));
  t.notThrows(() => new HOTP(Buffer.alloc(0), 6, new SHA1(), false));
  t.notThrows(() => new HOTP(key, 6, new SHA1()));
  for (const length of [5, 9, 0, -6]) {
    const error = t.throws(() => new HOTP(key, length, new SHA1()), { instanceOf: ValueError });
    t.is(error?.message, "Length of HOTP has to be between 6 and 8.");
  }
  for (const length of [6.5, "6", null, 6n]) {
    const error = t.throws(() => new HOTP(key, length as number, new SHA1()), {
      instanceOf: TypeError,
    });
    t.is(error?.message, "Length parameter must be an integer type.");
  }
  for (const algorithm of [new MD5(), new SHA224(), "sha1", null, SHA1]) {
    const error = t.throws(() => new HOTP(key, 6, algorithm as unknown as SHA1), {
      instanceOf: TypeError,
    });
    t.is(error?.message, "Algorithm must be SHA1, SHA256 or SHA512.");
    t.is(typeErrorCode(error), ERR_HAZMAT_INVALID_TYPE);
  }
  for (const badKey of ["0123456789abcdef", null, 16]) {
    t.throws(() => new HOTP(badKey as unknown as Uint8Array, 6, new SHA1()), {
      instanceOf: TypeError,
    });
  }
  // The key is copied: changing the caller's buffer later changes nothing.
  const mutable = Buffer.from("12345678901234567890");
  const hotp = new HOTP(mutable, 6, new SHA1());
  mutable.fill(0);
  t.is(hotp.generate(0).toString(), "755224");
  t.false(String(hotp).includes("1234"));
});

test("HOTP counters: 0 to 2^64 - 1, integers only", (t) => {
  const hotp = new HOTP(randomBytes(16), 6, new SHA1());
  for (const counter of [-1, -1n, 2n ** 64n]) {
    const error = t.throws(() => hotp.generate(counter), { instanceOf: ValueError });
    t.is(error?.message, "Counter must be between 0 and 18446744073709551615.");
  }
  for (const counter of [1.5, "1", null, Number.NaN, Number.POSITIVE_INFINITY]) {
    const error = t.throws(() => hotp.generate(counter as number), { instanceOf: TypeError });
    t.is(error?.message, "Counter parameter must be an integer type.");
  }
  t.throws(() => hotp.verify(Buffer.from("000000"), -1), { instanceOf: ValueError });
});

test("TOTP codes are HOTP codes of trunc(time / timeStep)", (t) => {
  const key = randomBytes(32);
  const totp = new TOTP(key, 8, new SHA256(), 30);
  const hotp = new HOTP(key, 8, new SHA256());
  for (const time of [0, 29, 29.999, 30, 59, 1_111_111_109, 2_000_000_000.5, -0.5]) {
    const code = totp.generate(time);
    t.deepEqual(code, hotp.generate(Math.trunc(time / 30)));
    t.notThrows(() => totp.verify(code, time));
  }
  const odd = new TOTP(key, 6, new SHA1(), 7.5);
  t.deepEqual(odd.generate(15), new HOTP(key, 6, new SHA1()).generate(2));
  t.notThrows(() => new TOTP(randomBytes(10), 6, new SHA1(), 30, false));
});

test("TOTP.verify and bad input", (t) => {
  const key = randomBytes(20);
  const totp = new TOTP(key, 6, new SHA1(), 30);
  const code = totp.generate(1000);
  const wrong = t.throws(() => totp.verify(code, 1000 + 30), { instanceOf: InvalidToken });
  t.is(wrong?.message, "Supplied TOTP value does not match.");
  t.throws(() => totp.verify(Buffer.from("abcdef"), 1000), { instanceOf: InvalidToken });
  t.throws(() => totp.verify(code.toString() as unknown as Uint8Array, 1000), {
    instanceOf: TypeError,
  });
  for (const time of ["1000", null, 1000n]) {
    const error = t.throws(() => totp.generate(time as unknown as number), {
      instanceOf: TypeError,
    });
    t.is(error?.message, "Time parameter must be an integer type or float type.");
  }
  for (const time of [Number.NaN, Number.POSITIVE_INFINITY, -30]) {
    t.throws(() => totp.generate(time), { instanceOf: ValueError });
  }
  t.throws(() => new TOTP(randomBytes(10), 6, new SHA1(), 30), { instanceOf: ValueError });
  t.throws(() => new TOTP(key, 9, new SHA1(), 30), { instanceOf: ValueError });
  t.throws(() => new TOTP(key, 6, new MD5() as unknown as SHA1, 30), { instanceOf: TypeError });
  for (const step of [0, -30, Number.NaN, Number.POSITIVE_INFINITY]) {
    t.throws(() => new TOTP(key, 6, new SHA1(), step), { instanceOf: ValueError });
  }
  t.throws(() => new TOTP(key, 6, new SHA1(), "30" as unknown as number), {
    instanceOf: TypeError,
  });
});

test("provisioning URIs", (t) => {
  const key = Buffer.from("12345678901234567890");
  const hotp = new HOTP(key, 6, new SHA1());
  t.is(
    hotp.getProvisioningUri("Alice Smith", 1, "Example Co"),
    "otpauth://hotp/Example%20Co:Alice%20Smith?digits=6&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&issuer=Example+Co&counter=1",
  );
  t.is(
    hotp.getProvisioningUri("alice@example.com", 0, null),
    "otpauth://hotp/alice%40example.com?digits=6&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&counter=0",
  );
  const totp = new TOTP(Buffer.alloc(17, 0xff), 8, new SHA512(), 60);
  t.is(
    totp.getProvisioningUri("a/b", ""),
    "otpauth://totp/a/b?digits=8&secret=777777777777777777777777777Q%3D%3D%3D%3D&algorithm=SHA512&issuer=&period=60",
  );
  for (const bad of [null, 42, Buffer.from("x")]) {
    t.throws(() => hotp.getProvisioningUri(bad as unknown as string, 0, null), {
      instanceOf: TypeError,
    });
    t.throws(() => totp.getProvisioningUri(bad as unknown as string, null), {
      instanceOf: TypeError,
    });
  }
  t.throws(() => totp.getProvisioningUri("x", 42 as unknown as string), { instanceOf: TypeError });
  t.throws(() => hotp.getProvisioningUri("x", "1" as unknown as number, null), {
    instanceOf: TypeError,
  });
  t.throws(() => totp.getProvisioningUri("\ud800", null), { instanceOf: ValueError });
});
