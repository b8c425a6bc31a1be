/**
 * hazmat/fernet: Fernet and MultiFernet behaviour, every kind of bad token, TTL and clock-skew
 * edges, keys, wrong types, reuse, and messages that never carry secrets. Spec vectors and
 * interop with PyCA live in vectors-fernet-twofactor.spec.ts.
 */
import { createDecipheriv, createHmac } from "node:crypto";
import test from "ava";
import * as root from "hazmat";
import { ERR_HAZMAT_INVALID_TYPE, InvalidToken, ValueError } from "hazmat/exceptions";
import { Fernet, InvalidToken as FernetInvalidToken, MultiFernet } from "hazmat/fernet";

const typeErrorCode = (error: unknown) => (error as { code?: string }).code;
const now = () => Math.floor(Date.now() / 1000);

/** The raw bytes of a token (Node's decoder is lenient; only used on well-formed tokens). */
const raw = (token: Uint8Array | string) => Buffer.from(token.toString(), "base64url");
const encode = (bytes: Uint8Array) =>
  Buffer.from(Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_"));

/** Signs raw token bytes with the key's signing half, as a key holder could. */
function signed(key: Buffer, body: Buffer): Buffer {
  const signingKey = raw(key).subarray(0, 16);
  const mac = createHmac("sha256", signingKey).update(body).digest();
  return encode(Buffer.concat([body, mac]));
}

test("root hazmat and hazmat/fernet export the same Fernet, MultiFernet and InvalidToken", (t) => {
  t.is(root.Fernet, Fernet);
  t.is(root.MultiFernet, MultiFernet);
  t.is(root.InvalidToken, InvalidToken);
  t.is(FernetInvalidToken, InvalidToken);
});

test("generateKey makes 44-character url-safe base64 keys of fresh random bytes", (t) => {
  const keys = Array.from({ length: 50 }, () => Fernet.generateKey());
  for (const key of keys) {
    t.true(Buffer.isBuffer(key));
    t.regex(key.toString("latin1"), /^[A-Za-z0-9_-]{43}=$/);
    t.is(raw(key).length, 32);
  }
  t.is(new Set(keys.map((k) => k.toString())).size, keys.length);
});

test("a token is AES-128-CBC + HMAC-SHA256 in the spec's layout (checked with node:crypto)", (t) => {
  const key = Fernet.generateKey();
  const f = new Fernet(key);
  const message = Buffer.from("session=abc123;user=42");
  const token = f.encryptAtTime(message, 1_700_000_000);
  t.regex(token.toString("latin1"), /^[A-Za-z0-9_-]+=*$/);
  const bytes = raw(token);
  t.is(bytes[0], 0x80);
  t.is(bytes.readBigUInt64BE(1), 1_700_000_000n);
  const keyBytes = raw(key);
  const mac = createHmac("sha256", keyBytes.subarray(0, 16))
    .update(bytes.subarray(0, -32))
    .digest();
  t.deepEqual(bytes.subarray(-32), mac);
  const decipher = createDecipheriv("aes-128-cbc", keyBytes.subarray(16), bytes.subarray(9, 25));
  const plain = Buffer.concat([decipher.update(bytes.subarray(25, -32)), decipher.final()]);
  t.deepEqual(plain, message);
  t.is(f.extractTimestamp(token), 1_700_000_000);
});

test("round trips of every size, from bytes or string keys and tokens; IVs are fresh", (t) => {
  const key = Fernet.generateKey();
  const fromBytes = new Fernet(key);
  const fromString = new Fernet(key.toString());
  for (const size of [0, 1, 15, 16, 17, 100, 4096, 100_000]) {
    const message = Buffer.alloc(size, size & 0xff);
    const token = fromBytes.encrypt(message);
    t.deepEqual(fromString.decrypt(token), message);
    t.deepEqual(fromString.decrypt(token.toString()), message);
    t.deepEqual(fromBytes.decrypt(new Uint8Array(token)), message);
    t.notDeepEqual(fromBytes.encrypt(message), token);
  }
  // Any Uint8Array is data.
  const token = fromBytes.encrypt(new Uint8Array([1, 2, 3]));
  t.deepEqual(fromBytes.decrypt(token), Buffer.from([1, 2, 3]));
  const ts = fromBytes.extractTimestamp(fromBytes.encrypt(Buffer.from("x")));
  t.true(Math.abs(ts - now()) <= 2);
});

test("tokens and keys decode as PyCA decodes them: padding, stray characters, both alphabets", (t) => {
  const key = Fernet.generateKey();
  const f = new Fernet(key);
  const token = f.encrypt(Buffer.from("lenient")).toString();
  const standard = token.replace(/-/g, "+").replace(/_/g, "/");
  for (const variant of [
    standard,
    `${token}\n`,
    ` ${token.slice(0, 10)}\n${token.slice(10)}`,
    `${token}garbage after the padding`,
  ]) {
    t.deepEqual(f.decrypt(variant), Buffer.from("lenient"), JSON.stringify(variant));
  }
  t.notThrows(() => new Fernet(`${key.toString()}\n`));
  t.notThrows(() => new Fernet(`${key.toString()}AAAA`));
  t.notThrows(() => new Fernet(key.toString().replace(/-/g, "+").replace(/_/g, "/")));
});

test("every bad token is InvalidToken, and the Fernet keeps working", (t) => {
  const key = Fernet.generateKey();
  const f = new Fernet(key);
  const message = Buffer.from("attack at dawn");
  const token = f.encryptAtTime(message, 1000);
  const bytes = raw(token);
  const flip = (index: number) => {
    const copy = Buffer.from(bytes);
    copy[index] = (copy[index] as number) ^ 1;
    return encode(copy);
  };
  const body = bytes.subarray(0, -32);
  const cases: [string, unknown][] = [
    ["tampered version byte", flip(0)],
    ["tampered timestamp", flip(5)],
    ["tampered IV", flip(12)],
    ["tampered ciphertext", flip(30)],
    ["tampered HMAC", flip(bytes.length - 1)],
    ["made with another key", new Fernet(Fernet.generateKey()).encryptAtTime(message, 1000)],
    [
      "wrong version byte, validly signed",
      signed(key, Buffer.concat([Buffer.from([0x81]), body.subarray(1)])),
    ],
    ["truncated by one character", token.subarray(0, token.length - 3)],
    ["truncated to the header", encode(bytes.subarray(0, 25))],
    ["truncated to 8 bytes", encode(bytes.subarray(0, 8))],
    ["no ciphertext, validly signed", signed(key, body.subarray(0, 25))],
    ["ciphertext not whole blocks, validly signed", signed(key, body.subarray(0, 40))],
    [
      "bad padding, validly signed",
      signed(key, Buffer.concat([body.subarray(0, 25), Buffer.alloc(16)])),
    ],
    ["empty", Buffer.alloc(0)],
    ["empty string", ""],
    ["bad base64 (one stray data character)", `${token.toString().replace(/=+$/, "")}A`],
    ["bad base64 (missing padding)", token.toString().replace(/=+$/, "")],
    ["not base64 at all", "!!!!"],
    ["non-ASCII string", `${token.toString()}é`],
    ["non-ASCII lookalike", token.toString().replace("A", "\u0141")],
    ["a number", 42],
    ["null", null],
    ["undefined", undefined],
    ["an object", { token: token.toString() }],
    ["an array", [...token]],
  ];
  for (const [what, bad] of cases) {
    // extractTimestamp only checks the version and the signature, as PyCA's does.
    const signedBody = what.endsWith(", validly signed") && !what.startsWith("wrong version");
    for (const attempt of [
      () => f.decrypt(bad as Uint8Array),
      () => f.decrypt(bad as Uint8Array, 1e9),
      () => f.decryptAtTime(bad as Uint8Array, 1e9, 1000),
      ...(signedBody ? [] : [() => f.extractTimestamp(bad as Uint8Array)]),
    ]) {
      const error = t.throws(attempt, { instanceOf: InvalidToken }, what);
      t.is(error?.code, "ERR_HAZMAT_INVALID_TOKEN");
      t.false(error?.message.includes(key.toString().slice(0, 20)) ?? true);
    }
  }
  // A validly signed token with a bad body still yields its timestamp (as PyCA).
  t.is(f.extractTimestamp(signed(key, body.subarray(0, 25))), 1000);
  t.is(f.extractTimestamp(signed(key, body.subarray(0, 40))), 1000);
  t.deepEqual(f.decrypt(token), message);
});

test("TTL: exactly ttl seconds old passes, one more fails; 60 s of clock skew allowed", (t) => {
  const f = new Fernet(Fernet.generateKey());
  const token = f.encryptAtTime(Buffer.from("x"), 10_000);
  t.deepEqual(f.decryptAtTime(token, 100, 10_100), Buffer.from("x"));
  t.throws(() => f.decryptAtTime(token, 100, 10_101), { instanceOf: InvalidToken });
  t.deepEqual(f.decryptAtTime(token, 100, 9_940), Buffer.from("x"));
  t.throws(() => f.decryptAtTime(token, 100, 9_939), { instanceOf: InvalidToken });
  t.throws(() => f.decryptAtTime(token, -1, 10_000), { instanceOf: InvalidToken });
  t.deepEqual(f.decryptAtTime(token, 0, 10_000), Buffer.from("x"));
  // Without a TTL, neither age nor the future matters.
  t.deepEqual(f.decrypt(token), Buffer.from("x"));
  t.deepEqual(f.decrypt(f.encryptAtTime(Buffer.from("y"), now() + 3600)), Buffer.from("y"));
  // decrypt(token, ttl) uses the clock.
  const fresh = f.encrypt(Buffer.from("z"));
  t.deepEqual(f.decrypt(fresh, 10), Buffer.from("z"));
  t.throws(() => f.decrypt(token, 10), { instanceOf: InvalidToken });
  t.throws(() => f.decrypt(f.encryptAtTime(Buffer.from("z"), now() + 120), 10), {
    instanceOf: InvalidToken,
  });
  t.deepEqual(f.decrypt(f.encryptAtTime(Buffer.from("z"), now() + 30), 10), Buffer.from("z"));
});

test("bad keys are a ValueError that says what a key must be; wrong types a TypeError", (t) => {
  const message = "Fernet key must be 32 url-safe base64-encoded bytes.";
  const good = Fernet.generateKey().toString();
  for (const key of [
    "",
    "abc",
    good.slice(0, 43),
    `${good.slice(0, 42)}=`,
    `AAAA${good}`,
    Buffer.from(good).subarray(0, 40),
    Buffer.alloc(32, 1),
    "é".repeat(44),
    `${good.slice(0, 40)}\u0141\u0141\u0141=`,
  ]) {
    const error = t.throws(() => new Fernet(key), { instanceOf: ValueError });
    t.is(error?.message, message);
  }
  for (const key of [null, undefined, 42, {}, [1, 2, 3]]) {
    const error = t.throws(() => new Fernet(key as unknown as string), { instanceOf: TypeError });
    t.is(typeErrorCode(error), ERR_HAZMAT_INVALID_TYPE);
  }
});

test("wrong argument types to encrypt and the times", (t) => {
  const f = new Fernet(Fernet.generateKey());
  const token = f.encrypt(Buffer.from("x"));
  for (const data of ["text", null, undefined, 1, [1]]) {
    const error = t.throws(() => f.encrypt(data as unknown as Uint8Array), {
      instanceOf: TypeError,
    });
    t.is(typeErrorCode(error), ERR_HAZMAT_INVALID_TYPE);
    t.throws(() => f.encryptAtTime(data as unknown as Uint8Array, 1), { instanceOf: TypeError });
  }
  t.throws(() => f.encryptAtTime(Buffer.from("x"), "1" as unknown as number), {
    instanceOf: TypeError,
  });
  for (const time of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
    t.throws(() => f.encryptAtTime(Buffer.from("x"), time), { instanceOf: ValueError });
  }
  t.throws(() => f.decrypt(token, "10" as unknown as number), { instanceOf: TypeError });
  t.throws(() => f.decrypt(token, 1.5), { instanceOf: ValueError });
  t.throws(() => f.decryptAtTime(token, 10, Number.NaN), { instanceOf: ValueError });
  const noTtl = t.throws(() => f.decryptAtTime(token, null as unknown as number, 1), {
    instanceOf: ValueError,
  });
  t.is(noTtl?.message, "decrypt_at_time() can only be used with a non-None ttl");
  t.throws(() => f._encryptFromParts(Buffer.from("x"), 1, Buffer.alloc(15)), {
    instanceOf: ValueError,
  });
});

test("a Fernet is reusable across many operations and never shows its key", (t) => {
  const key = Fernet.generateKey();
  const f = new Fernet(key);
  for (let i = 0; i < 2000; i++) {
    const message = Buffer.from(`message ${i}`);
    t.deepEqual(f.decrypt(f.encrypt(message)), message);
    if (i % 100 === 0)
      t.throws(() => f.decrypt(Buffer.from("garbage")), { instanceOf: InvalidToken });
  }
  t.is(String(f), "<Fernet>");
  const shown = `${String(f)} ${JSON.stringify(f)} ${require("node:util").inspect(f)}`;
  t.false(shown.includes(key.toString().slice(0, 10)));
});

test("MultiFernet encrypts with the first key and decrypts with any", (t) => {
  const k1 = new Fernet(Fernet.generateKey());
  const k2 = new Fernet(Fernet.generateKey());
  const mf = new MultiFernet([k1, k2]);
  const message = Buffer.from("rotating");
  const token = mf.encrypt(message);
  t.deepEqual(k1.decrypt(token), message);
  t.throws(() => k2.decrypt(token), { instanceOf: InvalidToken });
  t.deepEqual(mf.decrypt(k2.encrypt(message)), message);
  t.deepEqual(mf.decrypt(k2.encrypt(message).toString()), message);
  const old = k2.encryptAtTime(message, 5000);
  t.deepEqual(mf.decryptAtTime(old, 10, 5010), message);
  t.throws(() => mf.decryptAtTime(old, 10, 5011), { instanceOf: InvalidToken });
  t.deepEqual(mf.decrypt(k2.encrypt(message), 60), message);
  t.throws(() => mf.decrypt(old, 60), { instanceOf: InvalidToken });
  t.is(mf.extractTimestamp(old), 5000);
  t.is(mf.encryptAtTime(message, 77).length, token.length);
  t.is(k1.extractTimestamp(mf.encryptAtTime(message, 77)), 77);
  const stranger = new Fernet(Fernet.generateKey()).encrypt(message);
  for (const attempt of [
    () => mf.decrypt(stranger),
    () => mf.decryptAtTime(stranger, 60, now()),
    () => mf.extractTimestamp(stranger),
    () => mf.rotate(stranger),
    () => mf.decrypt(42 as unknown as string),
    () => mf.rotate(null as unknown as string),
  ]) {
    t.throws(attempt, { instanceOf: InvalidToken });
  }
  t.throws(() => mf.decryptAtTime(old, undefined as unknown as number, 1), {
    instanceOf: ValueError,
  });
});

test("MultiFernet.rotate re-encrypts under the first key and keeps the timestamp", (t) => {
  const oldKey = new Fernet(Fernet.generateKey());
  const newKey = new Fernet(Fernet.generateKey());
  const token = oldKey.encryptAtTime(Buffer.from("secret"), 123_456);
  const mf = new MultiFernet([newKey, oldKey]);
  const rotated = mf.rotate(token);
  t.deepEqual(newKey.decrypt(rotated), Buffer.from("secret"));
  t.is(newKey.extractTimestamp(rotated), 123_456);
  t.throws(() => oldKey.decrypt(rotated), { instanceOf: InvalidToken });
  // Rotating a token already under the first key re-encrypts it too (fresh IV).
  const again = mf.rotate(rotated.toString());
  t.notDeepEqual(again, rotated);
  t.deepEqual(new MultiFernet([newKey]).decrypt(again), Buffer.from("secret"));
  // Rotation ignores TTLs: an ancient token still rotates.
  t.notThrows(() => mf.rotate(oldKey.encryptAtTime(Buffer.from("old"), 0)));
});

test("MultiFernet checks its argument", (t) => {
  const empty = t.throws(() => new MultiFernet([]), { instanceOf: ValueError });
  t.is(empty?.message, "MultiFernet requires at least one Fernet instance");
  const f = new Fernet(Fernet.generateKey());
  t.notThrows(() => new MultiFernet(new Set([f])));
  t.notThrows(
    () =>
      new MultiFernet(
        (function* () {
          yield f;
        })(),
      ),
  );
  for (const bad of [null, undefined, 42, f, "keys", [f, "not a fernet"], [Fernet.generateKey()]]) {
    const error = t.throws(() => new MultiFernet(bad as unknown as Fernet[]), {
      instanceOf: TypeError,
    });
    t.is(typeErrorCode(error), ERR_HAZMAT_INVALID_TYPE);
  }
  t.is(String(new MultiFernet([f, f])), "<MultiFernet of 2>");
});
