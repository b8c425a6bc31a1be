/**
 * Behaviour of hazmat/primitives/kdf/*: one use per instance (`AlreadyFinalized`), `verify`
 * (`InvalidKey`), `deriveAsync` off the JavaScript thread, the backend's PBKDF2/scrypt methods,
 * and every constructor and method refusing bad input with PyCA's error and message — with no
 * key material in any message, and the process alive afterwards.
 */
import { spawnSync } from "node:child_process";
import { Worker } from "node:worker_threads";
import test, { type ExecutionContext } from "ava";
import { backend } from "hazmat/backends/openssl";
import { TripleDES } from "hazmat/decrepit/ciphers/algorithms";
import { AlreadyFinalized, InvalidKey, UnsupportedAlgorithm, ValueError } from "hazmat/exceptions";
import { AES, ChaCha20 } from "hazmat/primitives/ciphers/algorithms";
import { SHA1, SHA3_256, SHA256, SHA512, SHAKE128 } from "hazmat/primitives/hashes";
import { Argon2id } from "hazmat/primitives/kdf/argon2";
import { ConcatKDFHash, ConcatKDFHMAC } from "hazmat/primitives/kdf/concatkdf";
import { HKDF, HKDFExpand } from "hazmat/primitives/kdf/hkdf";
import { CounterLocation, KBKDFCMAC, KBKDFHMAC, Mode } from "hazmat/primitives/kdf/kbkdf";
import { PBKDF2HMAC } from "hazmat/primitives/kdf/pbkdf2";
import { Scrypt } from "hazmat/primitives/kdf/scrypt";
import { X963KDF } from "hazmat/primitives/kdf/x963kdf";
import {
  argon2idRecord,
  bytes,
  field,
  loadCountedRecords,
  scryptRecord,
  textBytes,
  where,
} from "./helpers/vectors";

const SECRET = Buffer.from("hunter2-very-secret-key-material");
const salt = Buffer.from("0123456789abcdef");
const S = () => new SHA256();
const B = CounterLocation.BeforeFixed;

/** Every KDF, freshly built with valid parameters. */
const factories: Record<
  string,
  () => { derive(k: Uint8Array): Buffer; verify(k: Uint8Array, e: Uint8Array): void }
> = {
  PBKDF2HMAC: () => new PBKDF2HMAC(S(), 32, salt, 10),
  Scrypt: () => new Scrypt(salt, 32, 16, 8, 1),
  HKDF: () => new HKDF(S(), 32, salt, null),
  HKDFExpand: () => new HKDFExpand(S(), 32, null),
  ConcatKDFHash: () => new ConcatKDFHash(S(), 32, null),
  ConcatKDFHMAC: () => new ConcatKDFHMAC(S(), 32, null, null),
  X963KDF: () => new X963KDF(S(), 32, null),
  KBKDFHMAC: () => new KBKDFHMAC(S(), Mode.CounterMode, 32, 4, 4, B, null, null, null),
  KBKDFCMAC: () => new KBKDFCMAC(AES, Mode.CounterMode, 32, 4, 4, B, null, null, null),
  Argon2id: () => new Argon2id({ salt, length: 32, iterations: 1, lanes: 1, memoryCost: 8 }),
};
const KEY16 = SECRET.subarray(0, 16);
const keyFor = (name: string) => (name === "KBKDFCMAC" ? KEY16 : SECRET);

function noSecretIn(t: ExecutionContext, error: unknown): void {
  const message = String((error as Error)?.message);
  t.false(message.includes(SECRET.toString("hex")), message);
  t.false(message.includes(SECRET.toString("latin1")), message);
}

for (const [name, make] of Object.entries(factories)) {
  test(`${name}: derive once, then AlreadyFinalized; verify; InvalidKey; types`, (t) => {
    const key = keyFor(name);
    const kdf = make();
    const derived = kdf.derive(key);
    t.true(Buffer.isBuffer(derived));
    t.is(derived.length, 32);
    t.is(derived.toString("hex"), make().derive(key).toString("hex"), "deterministic");
    t.throws(() => kdf.derive(key), {
      instanceOf: AlreadyFinalized,
      message: "Context was already finalized.",
    });
    t.throws(() => kdf.verify(key, derived), { instanceOf: AlreadyFinalized });
    t.notThrows(() => make().verify(key, derived));
    for (const wrong of [Buffer.from(derived).fill(0), derived.subarray(1), Buffer.alloc(0)]) {
      const error = t.throws(() => make().verify(key, wrong), {
        instanceOf: InvalidKey,
        message: "Keys do not match.",
      });
      t.is((error as { code?: string }).code, "ERR_HAZMAT_INVALID_KEY");
    }
    const other = Buffer.from(key);
    other[0] = (other[0] ?? 0) ^ 1;
    t.throws(() => make().verify(other, derived), { instanceOf: InvalidKey });
    for (const bad of ["string key", null, undefined, 42, [1, 2], new ArrayBuffer(4)]) {
      const error = t.throws(() => make().derive(bad as never), { instanceOf: TypeError });
      t.is((error as { code?: string }).code, "ERR_HAZMAT_INVALID_TYPE");
      t.throws(() => make().verify(key, bad as never), { instanceOf: TypeError });
    }
  });
}

test("deriveAsync runs off the JavaScript thread, equals derive, and uses the instance", async (t) => {
  const asyncOnes = [
    () => new PBKDF2HMAC(S(), 32, salt, 20_000),
    () => new Scrypt(salt, 32, 1024, 8, 1),
    () => new Argon2id({ salt, length: 32, iterations: 2, lanes: 2, memoryCost: 256 }),
  ];
  for (const make of asyncOnes) {
    const kdf = make();
    const input = Buffer.from(SECRET);
    const pending = kdf.deriveAsync(input);
    input.fill(0); // the input was copied: changing it now changes nothing
    let ticked = false;
    setImmediate(() => {
      ticked = true;
    });
    const key = await pending;
    t.true(ticked, "the event loop ran while deriving");
    t.is(key.toString("hex"), make().derive(SECRET).toString("hex"));
    await t.throwsAsync(kdf.deriveAsync(SECRET), { instanceOf: AlreadyFinalized });
    t.throws(() => kdf.derive(SECRET), { instanceOf: AlreadyFinalized });
    await t.throwsAsync(make().deriveAsync("password" as never), { instanceOf: TypeError });
  }
  const many = await Promise.all(
    Array.from({ length: 6 }, () => new Scrypt(salt, 16, 256, 8, 1).deriveAsync(SECRET)),
  );
  t.is(new Set(many.map((k) => k.toString("hex"))).size, 1);
});

test("concurrent deriveAsync calls, more than the pool has threads, all settle with the RFC answers", async (t) => {
  const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");
  interface Case {
    what: string;
    start: () => Promise<Buffer>;
    expected: string;
  }
  // RFC 6070, RFC 7914 and RFC 9106 (+ PyCA's) records, the slow and large ones left out.
  const pbkdf2 = loadCountedRecords("KDF/rfc-6070-PBKDF2-SHA1.txt")
    .filter((r) => Number(field(r, "iterations")) < 1_000_000)
    .map(
      (r): Case => ({
        what: where(r),
        start: () =>
          new PBKDF2HMAC(
            new SHA1(),
            Number(field(r, "length")),
            textBytes(field(r, "salt")),
            Number(field(r, "iterations")),
          ).deriveAsync(textBytes(field(r, "password"))),
        expected: hex(bytes(field(r, "derived_key"))),
      }),
    );
  const scrypt = loadCountedRecords("KDF/scrypt.txt")
    .filter((r) => Number(field(r, "n")) <= 2 ** 14)
    .map((r): Case => {
      const { args, password, expected } = scryptRecord(r);
      return {
        what: where(r),
        start: () => new Scrypt(...args).deriveAsync(password),
        expected: hex(expected),
      };
    });
  const argon2 = loadCountedRecords("KDF/argon2id.txt")
    .filter((r) => Number(field(r, "memcost")) <= 1024)
    .map((r): Case => {
      const { options, password, expected } = argon2idRecord(r);
      return {
        what: where(r),
        start: () => new Argon2id(options).deriveAsync(password),
        expected: hex(expected),
      };
    });
  t.is(pbkdf2.length, 5);
  t.is(scrypt.length, 3);
  t.true(argon2.length >= 3);
  const cases = [...pbkdf2, ...scrypt, ...argon2];
  // Three rounds of every case at once: several times the pool's thread count (at most 8).
  const rounds = [0, 1, 2].flatMap(() => cases);
  t.true(rounds.length > 24);
  // A failure in the middle of the batch (1 TiB of scrypt memory) rejects its own promise only,
  // with the class and message `derive` throws.
  const tooBig = () => new Scrypt(salt, 32, 2 ** 30, 8, 1);
  const syncError = t.throws(() => tooBig().derive(SECRET));
  const settled = await Promise.allSettled([
    ...rounds.map((c) => c.start()),
    tooBig().deriveAsync(SECRET),
  ]);
  t.is(settled.length, rounds.length + 1);
  rounds.forEach((c, i) => {
    const outcome = settled[i];
    t.is(outcome?.status, "fulfilled", c.what);
    if (outcome?.status === "fulfilled") t.is(hex(outcome.value), c.expected, c.what);
  });
  const failure = settled[rounds.length];
  t.is(failure?.status, "rejected");
  if (failure?.status === "rejected") {
    t.is((failure.reason as Error).constructor, (syncError as Error).constructor);
    t.is((failure.reason as Error).message, (syncError as Error).message);
    noSecretIn(t, failure.reason);
  }
});

test("deriveAsync in a Worker; a Worker ended mid-derivation leaves the pool working", async (t) => {
  const derive = `
    const { parentPort } = require("node:worker_threads");
    const { Argon2id } = require("hazmat/primitives/kdf/argon2");
    const options = (m) => ({ salt: Buffer.alloc(16, 1), length: 32, iterations: 1, lanes: 1, memoryCost: m });
    new Argon2id(options(64)).deriveAsync(Buffer.from("pw")).then((key) => {
      parentPort.postMessage(key.toString("hex"));
      // Slow enough to be running when the parent terminates this Worker.
      new Argon2id({ ...options(64 * 1024), iterations: 4 }).deriveAsync(Buffer.from("pw"));
      parentPort.postMessage("started");
    });
  `;
  const options = { salt: Buffer.alloc(16, 1), length: 32, iterations: 1, lanes: 1 };
  const expected = new Argon2id({ ...options, memoryCost: 64 }).derive(Buffer.from("pw"));
  const worker = new Worker(derive, { eval: true });
  const messages: string[] = [];
  await new Promise<void>((resolve, reject) => {
    worker.on("message", (message: string) => {
      messages.push(message);
      if (message === "started") resolve();
    });
    worker.on("error", reject);
  });
  t.is(messages[0], expected.toString("hex"));
  t.is(await worker.terminate(), 1);
  const again = await new Argon2id({ ...options, memoryCost: 64 }).deriveAsync(Buffer.from("pw"));
  t.is(again.toString("hex"), expected.toString("hex"));
});

test("a process ends on its own once its derivations are done", (t) => {
  // The pool's idle threads wait 10 s for more work before they end: a process they kept alive
  // would outlive the hang guard below.
  const script = `
    const { Scrypt } = require("hazmat/primitives/kdf/scrypt");
    Promise.all([1, 2, 3, 4, 5].map(() => new Scrypt(Buffer.alloc(16), 32, 1024, 8, 1)
      .deriveAsync(Buffer.from("pw")))).then((keys) => console.log(new Set(keys.map(String)).size));
  `;
  const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 8_000 });
  t.is(child.error, undefined, "not killed by the hang guard");
  t.is(child.status, 0, child.stderr);
  t.is(child.stdout.trim(), "1");
});

test("salts and infos are copied at construction", (t) => {
  const mutable = Buffer.from(salt);
  const kdf = new HKDF(S(), 32, mutable, mutable);
  const expected = new HKDF(S(), 32, salt, salt).derive(SECRET);
  mutable.fill(0);
  t.deepEqual(kdf.derive(SECRET), expected);
});

test("PBKDF2HMAC checks its parameters as PyCA", (t) => {
  t.is(new PBKDF2HMAC(S(), 0, salt, 1).derive(SECRET).length, 0);
  t.throws(() => new PBKDF2HMAC(S(), 32, salt, 0), {
    instanceOf: ValueError,
    message: "iterations must be greater than or equal to 1.",
  });
  t.throws(() => new PBKDF2HMAC(S(), 32, "salt" as never, 1), { instanceOf: TypeError });
  t.throws(() => new PBKDF2HMAC(S(), -1, salt, 1), { instanceOf: ValueError });
  t.throws(() => new PBKDF2HMAC(S(), 1.5, salt, 1), { instanceOf: ValueError });
  t.throws(() => new PBKDF2HMAC(S(), "32" as never, salt, 1), { instanceOf: TypeError });
  t.throws(() => new PBKDF2HMAC(S(), 32, salt, 1.5), { instanceOf: ValueError });
  t.throws(() => new PBKDF2HMAC("sha256" as never, 32, salt, 1), { instanceOf: TypeError });
  t.throws(() => new PBKDF2HMAC(new SHAKE128(16), 32, salt, 1), {
    instanceOf: UnsupportedAlgorithm,
  });
  t.throws(
    () => new PBKDF2HMAC({ name: "whirlpool", digestSize: 64, blockSize: 64 }, 32, salt, 1),
    {
      instanceOf: UnsupportedAlgorithm,
    },
  );
});

test("Scrypt checks n, r, p and reports impossible memory", (t) => {
  for (const n of [0, 1, 3, 1000, 2 ** 20 + 1]) {
    t.throws(() => new Scrypt(salt, 32, n, 8, 1), {
      instanceOf: ValueError,
      message: "n must be greater than 1 and be a power of 2.",
    });
  }
  t.throws(() => new Scrypt(salt, 32, 16, 0, 1), {
    instanceOf: ValueError,
    message: "r must be greater than or equal to 1.",
  });
  t.throws(() => new Scrypt(salt, 32, 16, 8, 0), {
    instanceOf: ValueError,
    message: "p must be greater than or equal to 1.",
  });
  t.throws(() => new Scrypt("salt" as never, 32, 16, 8, 1), { instanceOf: TypeError });
  t.throws(() => new Scrypt(salt, 32, "16" as never, 8, 1), { instanceOf: TypeError });
  t.is(new Scrypt(salt, 0, 16, 8, 1).derive(SECRET).length, 0);
  // 1 TiB: refused by the allocator, reported with PyCA's message, process alive.
  const error = t.throws(() => new Scrypt(salt, 32, 2 ** 30, 8, 1).derive(SECRET));
  t.regex(String(error?.message), /These parameters require 1048576MB of memory\./);
  noSecretIn(t, error);
});

test("HKDF and HKDFExpand check lengths, salts and infos", (t) => {
  t.is(new HKDF(S(), 255 * 32, null, null).derive(SECRET).length, 8160);
  for (const make of [
    () => new HKDF(S(), 255 * 32 + 1, null, null),
    () => new HKDFExpand(S(), 255 * 32 + 1, null),
  ]) {
    t.throws(make, {
      instanceOf: ValueError,
      message: "Cannot derive keys larger than 8160 octets.",
    });
  }
  t.throws(() => new HKDF(new SHA512(), 255 * 64 + 1, null, null), {
    message: "Cannot derive keys larger than 16320 octets.",
  });
  t.throws(() => new HKDF(S(), 32, "salt" as never, null), { instanceOf: TypeError });
  t.throws(() => new HKDF(S(), 32, null, "info" as never), { instanceOf: TypeError });
  t.throws(() => new HKDFExpand(S(), 32, "info" as never), { instanceOf: TypeError });
  t.throws(() => new HKDF(new SHAKE128(32), 32, null, null), { instanceOf: UnsupportedAlgorithm });
  t.throws(() => new HKDFExpand(new SHAKE128(32), 32, null), { instanceOf: UnsupportedAlgorithm });
  t.deepEqual(
    new HKDF(S(), 32, null, null).derive(SECRET),
    new HKDF(S(), 32, Buffer.alloc(0), null).derive(SECRET),
  );
  t.is(new HKDF(S(), 32, null, null).derive(Buffer.alloc(0)).length, 32);
  t.throws(() => new HKDF(S(), 32, null, Buffer.alloc(32 * 1024 + 1)).derive(SECRET), {
    instanceOf: ValueError,
    message: /OpenSSL's HKDF limit/,
  });
});

test("ConcatKDF and X963KDF check lengths, hashes and shared secrets", (t) => {
  for (const make of [
    () => new ConcatKDFHash(S(), 2 ** 32 * 32, null),
    () => new ConcatKDFHMAC(S(), 2 ** 32 * 32, null, null),
    () => new X963KDF(S(), 2 ** 32 * 32, null),
  ]) {
    t.throws(make, {
      instanceOf: ValueError,
      message: "Cannot derive keys larger than 137438953440 bits.",
    });
  }
  t.throws(() => new ConcatKDFHMAC(new SHA3_256(), 32, null, null), {
    instanceOf: TypeError,
    message: "sha3-256 is unsupported for ConcatKDF",
  });
  t.throws(() => new ConcatKDFHMAC(new SHAKE128(16), 32, null, null), { instanceOf: TypeError });
  t.throws(() => new ConcatKDFHash(new SHAKE128(16), 32, null), {
    instanceOf: UnsupportedAlgorithm,
  });
  t.throws(() => new X963KDF(new SHAKE128(16), 32, null), { instanceOf: UnsupportedAlgorithm });
  t.throws(() => new ConcatKDFHash(S(), 32, "x" as never), { instanceOf: TypeError });
  t.throws(() => new ConcatKDFHMAC(S(), 32, "s" as never, null), { instanceOf: TypeError });
  t.throws(() => new X963KDF(S(), 32, "x" as never), { instanceOf: TypeError });
  t.is(new X963KDF(S(), 0, null).derive(SECRET).length, 0);
  t.is(new ConcatKDFHash(S(), 8161, null).derive(SECRET).length, 8161);
  for (const make of [
    () => new ConcatKDFHash(S(), 32, null),
    () => new ConcatKDFHMAC(S(), 32, null, null),
    () => new X963KDF(S(), 32, null),
  ]) {
    t.throws(() => make().derive(Buffer.alloc(0)), {
      instanceOf: ValueError,
      message: /keyMaterial must not be empty/,
    });
  }
  t.deepEqual(
    new ConcatKDFHMAC(S(), 32, null, null).derive(SECRET),
    new ConcatKDFHMAC(S(), 32, Buffer.alloc(64), null).derive(SECRET),
  );
});

test("KBKDF checks mode, location, rlen, llen, fixed data and breakLocation as PyCA", (t) => {
  const M = Mode.CounterMode;
  const mid = CounterLocation.MiddleFixed;
  const l = Buffer.from("label");
  const c = Buffer.from("context");
  const cases: [() => unknown, object][] = [
    [
      () => new KBKDFHMAC(S(), "x" as never, 32, 4, 4, B, l, c, null),
      { instanceOf: TypeError, message: "mode must be of type Mode" },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, 4, "x" as never, l, c, null),
      { instanceOf: TypeError, message: "location must be of type CounterLocation" },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 5, 4, B, l, c, null),
      { instanceOf: ValueError, message: "rlen must be between 1 and 4" },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 0, 4, B, l, c, null),
      { instanceOf: ValueError, message: "rlen must be between 1 and 4" },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, 0, B, l, c, null),
      { instanceOf: ValueError, message: "llen must be non-zero" },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, null, B, l, c, null),
      { instanceOf: ValueError, message: "Please specify an llen" },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, 4, B, l, null, Buffer.from("f")),
      {
        instanceOf: ValueError,
        message: "When supplying fixed data, label and context are ignored.",
      },
    ],
    [() => new KBKDFHMAC(S(), M, 32, 4, 4, B, "l" as never, c, null), { instanceOf: TypeError }],
    [() => new KBKDFHMAC(S(), M, 32, 4, 4, B, l, "c" as never, null), { instanceOf: TypeError }],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, null, B, null, null, "f" as never),
      { instanceOf: TypeError },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, 4, mid, l, c, null),
      { instanceOf: ValueError, message: "Please specify a break_location" },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, 4, B, l, c, null, { breakLocation: 2 }),
      {
        instanceOf: ValueError,
        message: "break_location is ignored when location is not CounterLocation.MiddleFixed",
      },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, 4, mid, l, c, null, { breakLocation: -1 }),
      { instanceOf: ValueError },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, 4, mid, l, c, null, { breakLocation: "1" as never }),
      { instanceOf: TypeError },
    ],
    [() => new KBKDFHMAC(S(), M, 32, 4, 4, B, l, c, null, "x" as never), { instanceOf: TypeError }],
    [
      () => new KBKDFHMAC(new SHAKE128(16), M, 32, 4, 4, B, l, c, null),
      { instanceOf: UnsupportedAlgorithm },
    ],
    [() => new KBKDFHMAC(AES as never, M, 32, 4, 4, B, l, c, null), { instanceOf: TypeError }],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, 4, mid, l, c, null, { breakLocation: 100 }).derive(SECRET),
      { instanceOf: ValueError, message: "break_location offset > len(fixed)" },
    ],
    [
      () => new KBKDFHMAC(S(), M, 256 * 32, 1, 4, B, l, c, null).derive(SECRET),
      { instanceOf: ValueError, message: "There are too many iterations." },
    ],
    [
      () => new KBKDFHMAC(S(), M, 32, 4, 1, B, l, c, null).derive(SECRET),
      { instanceOf: ValueError, message: /does not fit in llen/ },
    ],
    [
      () => new KBKDFCMAC(ChaCha20 as never, M, 32, 4, 4, B, l, c, null),
      { instanceOf: UnsupportedAlgorithm, message: "Algorithm must be a block cipher." },
    ],
    [
      () => new KBKDFCMAC(S as never, M, 32, 4, 4, B, l, c, null),
      { instanceOf: UnsupportedAlgorithm },
    ],
    [
      () => new KBKDFCMAC(new AES(KEY16) as never, M, 32, 4, 4, B, l, c, null),
      { instanceOf: TypeError },
    ],
    [
      () => new KBKDFCMAC(AES, M, 32, 4, 4, B, l, c, null).derive(SECRET.subarray(0, 15)),
      { instanceOf: ValueError, message: /Invalid key size \(120\) for AES/ },
    ],
  ];
  for (const [make, expectation] of cases) {
    const error = t.throws(make, expectation);
    noSecretIn(t, error);
  }
  t.is(new KBKDFHMAC(S(), M, 255 * 32, 1, 4, B, l, c, null).derive(SECRET).length, 8160);
  t.is(new KBKDFHMAC(S(), M, 0, 4, 4, B, l, c, null).derive(SECRET).length, 0);
  // Counter locations give different keys; a break at 0 is "before", at the end "after".
  const fixed = Buffer.from("fixed-input-data");
  const at = (location: CounterLocation, breakLocation?: number) =>
    new KBKDFHMAC(S(), M, 32, 4, null, location, null, null, fixed, { breakLocation })
      .derive(SECRET)
      .toString("hex");
  t.is(at(mid, 0), at(B));
  t.is(at(mid, fixed.length), at(CounterLocation.AfterFixed));
  t.not(at(B), at(CounterLocation.AfterFixed));
  t.not(at(mid, 5), at(B));
  t.is(
    new KBKDFCMAC(TripleDES, M, 32, 4, 4, B, l, c, null).derive(SECRET.subarray(0, 24)).length,
    32,
  );
});

test("Argon2id checks its options as PyCA", (t) => {
  const ok = { salt, length: 32, iterations: 1, lanes: 1, memoryCost: 8 };
  const cases: [object, object][] = [
    [
      { ...ok, salt: salt.subarray(0, 7) },
      { instanceOf: ValueError, message: "salt must be at least 8 bytes" },
    ],
    [{ ...ok, salt: "saltsalt" }, { instanceOf: TypeError }],
    [
      { ...ok, length: 3 },
      { instanceOf: ValueError, message: "length must be greater than or equal to 4." },
    ],
    [
      { ...ok, iterations: 0 },
      { instanceOf: ValueError, message: "iterations must be greater than or equal to 1." },
    ],
    [
      { ...ok, lanes: 0 },
      { instanceOf: ValueError, message: "lanes must be greater than or equal to 1." },
    ],
    [{ ...ok, lanes: 2 ** 24 }, { instanceOf: ValueError }],
    [
      { ...ok, memoryCost: 7 },
      { instanceOf: ValueError, message: "memory_cost must be an integer >= 8 * lanes." },
    ],
    [
      { ...ok, lanes: 2, memoryCost: 15 },
      { instanceOf: ValueError, message: "memory_cost must be an integer >= 8 * lanes." },
    ],
    [{ ...ok, memoryCost: 2 ** 32 }, { instanceOf: ValueError }],
    [{ ...ok, ad: "x" }, { instanceOf: TypeError }],
    [{ ...ok, secret: "x" }, { instanceOf: TypeError }],
    [{ ...ok, iterations: "1" }, { instanceOf: TypeError }],
  ];
  for (const [options, expectation] of cases) {
    t.throws(() => new Argon2id(options as never), expectation);
  }
  t.throws(() => new Argon2id(undefined as never), { instanceOf: TypeError });
  t.throws(() => new (Argon2id as never as new (...a: unknown[]) => Argon2id)(salt, 32, 1, 1, 8), {
    instanceOf: TypeError,
  });
  t.is(new Argon2id({ ...ok, length: 4 }).derive(SECRET).length, 4);
  const withAd = new Argon2id({ ...ok, ad: Buffer.from("ad") }).derive(SECRET);
  const withSecret = new Argon2id({ ...ok, secret: Buffer.from("pepper") }).derive(SECRET);
  t.not(withAd.toString("hex"), withSecret.toString("hex"));
});

test("the backend derives PBKDF2 and scrypt and answers what it supports", (t) => {
  t.true(backend.pbkdf2HmacSupported(new SHA1()));
  t.true(backend.pbkdf2HmacSupported(S()));
  t.false(backend.pbkdf2HmacSupported(new SHAKE128(16)));
  t.false(backend.pbkdf2HmacSupported({ name: "whirlpool", digestSize: 64, blockSize: 64 }));
  t.true(backend.scryptSupported());
  t.deepEqual(
    backend.derivePbkdf2Hmac(S(), 32, salt, 10, SECRET),
    new PBKDF2HMAC(S(), 32, salt, 10).derive(SECRET),
  );
  t.deepEqual(
    backend.deriveScrypt(SECRET, salt, 32, 16, 8, 1),
    new Scrypt(salt, 32, 16, 8, 1).derive(SECRET),
  );
  t.throws(() => backend.deriveScrypt(SECRET, salt, 32, 15, 8, 1), { instanceOf: ValueError });
  t.throws(() => backend.derivePbkdf2Hmac(S(), 32, salt, 0, SECRET), { instanceOf: ValueError });
});

test("the process is alive after every failure above", (t) => {
  t.is(new HKDF(S(), 16, null, null).derive(SECRET).length, 16);
});
