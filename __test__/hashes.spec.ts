/**
 * hazmat/primitives/hashes: algorithm properties as PyCA has them, agreement with node:crypto
 * (a second, independent OpenSSL) for every algorithm, Hash/XOFHash life cycle, the one-shot
 * hash, and bad input. The full known-answer suites live in vectors-hashes.spec.ts.
 */
import { createHash } from "node:crypto";
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import {
  _Reasons,
  AlreadyFinalized,
  ERR_HAZMAT_INVALID_TYPE,
  UnsupportedAlgorithm,
  ValueError,
} from "hazmat/exceptions";
import {
  BLAKE2b,
  BLAKE2s,
  ExtendableOutputFunction,
  Hash,
  type HashAlgorithm,
  hash,
  MD5,
  SHA1,
  SHA3_224,
  SHA3_256,
  SHA3_384,
  SHA3_512,
  SHA224,
  SHA256,
  SHA384,
  SHA512,
  SHA512_224,
  SHA512_256,
  SHAKE128,
  SHAKE256,
  SM3,
  XOFHash,
} from "hazmat/primitives/hashes";
import { randomBytes } from "hazmat/random";

const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");
const abc = Buffer.from("abc");

/** [algorithm, PyCA name, digest size, block size, node:crypto name]. */
const fixed: [HashAlgorithm, string, number, number | null, string][] = [
  [new SHA1(), "sha1", 20, 64, "sha1"],
  [new SHA224(), "sha224", 28, 64, "sha224"],
  [new SHA256(), "sha256", 32, 64, "sha256"],
  [new SHA384(), "sha384", 48, 128, "sha384"],
  [new SHA512(), "sha512", 64, 128, "sha512"],
  [new SHA512_224(), "sha512-224", 28, 128, "sha512-224"],
  [new SHA512_256(), "sha512-256", 32, 128, "sha512-256"],
  [new SHA3_224(), "sha3-224", 28, null, "sha3-224"],
  [new SHA3_256(), "sha3-256", 32, null, "sha3-256"],
  [new SHA3_384(), "sha3-384", 48, null, "sha3-384"],
  [new SHA3_512(), "sha3-512", 64, null, "sha3-512"],
  [new BLAKE2b(64), "blake2b", 64, 128, "blake2b512"],
  [new BLAKE2s(32), "blake2s", 32, 64, "blake2s256"],
  [new SM3(), "sm3", 32, 64, "sm3"],
  [new MD5(), "md5", 16, 64, "md5"],
];

test("every algorithm has PyCA's name, digestSize and blockSize", (t) => {
  for (const [algorithm, name, digestSize, blockSize] of fixed) {
    t.is(algorithm.name, name);
    t.is(algorithm.digestSize, digestSize, name);
    t.is(algorithm.blockSize, blockSize, name);
  }
  const shake128 = new SHAKE128(20);
  const shake256 = new SHAKE256(7);
  t.deepEqual([shake128.name, shake128.digestSize, shake128.blockSize], ["shake128", 20, null]);
  t.deepEqual([shake256.name, shake256.digestSize, shake256.blockSize], ["shake256", 7, null]);
  t.true(shake128 instanceof ExtendableOutputFunction);
  t.is(SHAKE256.xof().digestSize, Number.MAX_SAFE_INTEGER);
});

test("known answers for 'abc' (FIPS 180-2, FIPS 202, RFC 1321)", (t) => {
  t.is(hex(hash(new SHA1(), abc)), "a9993e364706816aba3e25717850c26c9cd0d89d");
  t.is(
    hex(hash(new SHA256(), abc)),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  t.is(
    hex(hash(new SHA3_256(), abc)),
    "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
  );
  t.is(hex(hash(new MD5(), abc)), "900150983cd24fb0d6963f7d28e17f72");
  t.is(hex(hash(new SHAKE128(16), new Uint8Array())), "7f9c2ba4e88f827d616045507605853e");
});

test("every algorithm agrees with node:crypto, one-shot and streamed, on random data", (t) => {
  for (const size of [0, 1, 63, 64, 65, 1000, 100_000]) {
    const data = randomBytes(size);
    for (const [algorithm, name, , , nodeName] of fixed) {
      const expected = createHash(nodeName).update(data).digest("hex");
      t.is(hex(hash(algorithm, data)), expected, `${name} one-shot, ${size} bytes`);
      const ctx = new Hash(algorithm);
      ctx.update(data.subarray(0, size >> 1));
      ctx.update(data.subarray(size >> 1));
      t.is(hex(ctx.finalize()), expected, `${name} streamed, ${size} bytes`);
    }
    for (const [algorithm, nodeName] of [
      [new SHAKE128(100), "shake128"],
      [new SHAKE256(3), "shake256"],
    ] as const) {
      const expected = createHash(nodeName, { outputLength: algorithm.digestSize })
        .update(data)
        .digest("hex");
      t.is(hex(hash(algorithm, data)), expected, `${nodeName} one-shot, ${size} bytes`);
      const ctx = new Hash(algorithm);
      ctx.update(data);
      t.is(hex(ctx.finalize()), expected, `${nodeName} streamed, ${size} bytes`);
    }
  }
});

test("digests are Buffers of digestSize bytes and update accepts any Uint8Array", (t) => {
  const ctx = new Hash(new SHA384());
  t.is(ctx.algorithm.name, "sha384");
  ctx.update(new Uint8Array([1, 2, 3]));
  ctx.update(Buffer.from([4]));
  ctx.update(new Uint8Array(new ArrayBuffer(16), 4, 8).fill(9));
  const digest = ctx.finalize();
  t.true(Buffer.isBuffer(digest));
  t.is(digest.length, 48);
  const whole = Buffer.concat([Buffer.from([1, 2, 3, 4]), Buffer.alloc(8, 9)]);
  t.deepEqual(digest, hash(new SHA384(), whole));
});

test("copy() continues independently of the original", (t) => {
  const original = new Hash(new SHA256());
  original.update(Buffer.from("hello "));
  const copy = original.copy();
  t.not(copy, original);
  t.is(copy.algorithm, original.algorithm);
  original.update(Buffer.from("world"));
  copy.update(Buffer.from("there"));
  t.deepEqual(original.finalize(), hash(new SHA256(), Buffer.from("hello world")));
  t.deepEqual(copy.finalize(), hash(new SHA256(), Buffer.from("hello there")));
});

test("after finalize every call throws AlreadyFinalized", (t) => {
  const ctx = new Hash(new SHA512());
  ctx.finalize();
  for (const call of [() => ctx.update(abc), () => ctx.copy(), () => ctx.finalize()]) {
    const error = t.throws(call, { instanceOf: AlreadyFinalized });
    t.is(error?.message, "Context was already finalized.");
    t.is(error?.code, "ERR_HAZMAT_ALREADY_FINALIZED");
  }
});

test("XOFHash squeezes in parts up to digestSize, then refuses more", (t) => {
  const data = randomBytes(300);
  const expected = createHash("shake256", { outputLength: 50 }).update(data).digest();
  const xof = new XOFHash(new SHAKE256(50));
  t.is(xof.algorithm.name, "shake256");
  xof.update(data.subarray(0, 100));
  xof.update(data.subarray(100));
  const parts = [xof.squeeze(1), xof.squeeze(0), xof.squeeze(20), xof.squeeze(29)];
  t.deepEqual(Buffer.concat(parts), expected);
  t.throws(() => xof.squeeze(1), {
    instanceOf: ValueError,
    message: "Exceeded maximum squeeze limit specified by digest_size.",
  });
  t.throws(() => xof.update(data), {
    instanceOf: AlreadyFinalized,
    message: "Context was already squeezed.",
  });
});

test("XOFHash copies, before and while squeezing, are independent", (t) => {
  const xof = new XOFHash(SHAKE128.xof());
  xof.update(abc);
  const beforeSqueeze = xof.copy();
  const first = xof.squeeze(10);
  const whileSqueezing = xof.copy();
  const next = xof.squeeze(10);
  t.deepEqual(whileSqueezing.squeeze(10), next);
  beforeSqueeze.update(Buffer.from("d"));
  t.deepEqual(
    beforeSqueeze.squeeze(10),
    createHash("shake128", { outputLength: 10 }).update("abcd").digest(),
  );
  t.deepEqual(
    Buffer.concat([first, next]),
    createHash("shake128", { outputLength: 20 }).update("abc").digest(),
  );
});

test("XOFHash takes extendable output functions only", (t) => {
  for (const bad of [new SHA256(), new BLAKE2b(64), { name: "shake128", digestSize: 16 }]) {
    const error = t.throws(() => new XOFHash(bad as unknown as SHAKE128), {
      instanceOf: TypeError,
    });
    t.is((error as { code?: string }).code, ERR_HAZMAT_INVALID_TYPE);
  }
});

test("BLAKE2 sizes other than PyCA's are a ValueError; bad SHAKE sizes are rejected", (t) => {
  for (const size of [32, 0, 65, 64.5]) {
    t.throws(() => new BLAKE2b(size), {
      instanceOf: ValueError,
      message: "Digest size must be 64",
    });
  }
  for (const size of [64, 16, 0]) {
    t.throws(() => new BLAKE2s(size), {
      instanceOf: ValueError,
      message: "Digest size must be 32",
    });
  }
  t.throws(() => new BLAKE2b("64" as unknown as number), { instanceOf: TypeError });
  for (const size of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    t.throws(() => new SHAKE128(size), { instanceOf: ValueError });
  }
  t.throws(() => new SHAKE256(16n as unknown as number), { instanceOf: TypeError });
  t.throws(() => new SHAKE256(undefined as unknown as number), { instanceOf: TypeError });
});

test("bad data is a TypeError naming the argument; strings are not bytes", (t) => {
  const ctx = new Hash(new SHA256());
  for (const bad of [
    "abc",
    [1, 2, 3],
    null,
    undefined,
    42,
    new Uint16Array(2),
    new ArrayBuffer(2),
  ]) {
    const error = t.throws(() => ctx.update(bad as unknown as Uint8Array), {
      instanceOf: TypeError,
    });
    t.is((error as { code?: string }).code, ERR_HAZMAT_INVALID_TYPE);
    t.regex(error?.message ?? "", /^data must be bytes/);
    t.throws(() => hash(new SHA256(), bad as unknown as Uint8Array), { instanceOf: TypeError });
  }
  // The failed calls left the context usable.
  ctx.update(abc);
  t.is(hex(ctx.finalize()), hex(hash(new SHA256(), abc)));
  const xof = new XOFHash(new SHAKE128(4));
  t.throws(() => xof.update("abc" as unknown as Uint8Array), { instanceOf: TypeError });
  t.throws(() => xof.squeeze(-1), { instanceOf: ValueError });
  t.throws(() => xof.squeeze("1" as unknown as number), { instanceOf: TypeError });
});

test("non-algorithms are a TypeError; unknown names an UnsupportedAlgorithm", (t) => {
  for (const bad of ["sha256", null, undefined, {}, { name: "sha256" }, SHA256]) {
    const error = t.throws(() => new Hash(bad as unknown as HashAlgorithm), {
      instanceOf: TypeError,
    });
    t.regex(error?.message ?? "", /^algorithm must be a HashAlgorithm/);
    t.throws(() => hash(bad as unknown as HashAlgorithm, abc), { instanceOf: TypeError });
  }
  const whirlpool = { name: "whirlpool", digestSize: 64, blockSize: 64 };
  const error = t.throws(() => new Hash(whirlpool), { instanceOf: UnsupportedAlgorithm });
  t.is(error?.message, "whirlpool is not a supported hash on this backend");
  t.is(error?.reason, _Reasons.UNSUPPORTED_HASH);
  t.throws(() => hash(whirlpool, abc), { instanceOf: UnsupportedAlgorithm });
});

test("any object shaped like a HashAlgorithm with a known name works, as PyCA subclasses do", (t) => {
  class MySHA256 implements HashAlgorithm {
    readonly name = "sha256";
    readonly digestSize = 32;
    readonly blockSize = 64;
  }
  t.deepEqual(hash(new MySHA256(), abc), hash(new SHA256(), abc));
});

test("SHAKE output beyond one Buffer must go through XOFHash", (t) => {
  t.throws(() => new Hash(new SHAKE128(2 ** 31)), { instanceOf: ValueError, message: /XOFHash/ });
  t.throws(() => hash(SHAKE256.xof(), abc), { instanceOf: ValueError });
  const xof = new XOFHash(SHAKE256.xof());
  t.throws(() => xof.squeeze(2 ** 31), { instanceOf: ValueError });
  t.is(xof.squeeze(1 << 20).length, 1 << 20);
});

test("the backend answers hashSupported and creates hash contexts", (t) => {
  for (const [algorithm] of fixed) t.true(backend.hashSupported(algorithm), algorithm.name);
  t.true(backend.hashSupported(new SHAKE128(16)));
  t.false(backend.hashSupported({ name: "whirlpool", digestSize: 64, blockSize: 64 }));
  t.false(backend.hashSupported("sha256" as unknown as HashAlgorithm));
  const ctx = backend.createHashCtx(new SHA256());
  t.true(ctx instanceof Hash);
  ctx.update(abc);
  t.deepEqual(ctx.finalize(), hash(new SHA256(), abc));
});
