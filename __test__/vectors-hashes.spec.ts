/**
 * Known answers for hazmat/primitives/hashes from PyCA's cryptography-vectors: NIST CAVP
 * byte-oriented SHA-1, SHA-2 and SHA-3 ShortMsg/LongMsg (every record) and Monte Carlo (the first
 * ten checkpoints of each, 10 000 chained hashes), SHAKE128/256 ShortMsg, LongMsg and
 * VariableOut, BLAKE2b/BLAKE2s, SM3 (OSCCA) and MD5 (RFC 1321).
 *
 * Every record is checked three ways: the one-shot `hash()`, a `Hash` fed in two pieces, and a
 * `copy()` taken between the pieces.
 */
import test, { type ExecutionContext } from "ava";
import {
  BLAKE2b,
  BLAKE2s,
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
import { bytes, field, type HashVector, loadHashVectors, loadNist } from "./helpers/vectors";

const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");

/** One-shot, two-piece streaming, and a copy taken between the pieces must all give `digest`. */
function checkDigest(
  t: ExecutionContext,
  makeAlgorithm: () => HashAlgorithm,
  vector: HashVector,
  label: string,
): void {
  const expected = hex(vector.digest);
  const { message } = vector;
  t.is(hex(hash(makeAlgorithm(), message)), expected, `${label}:${vector.line} one-shot`);
  const cut = Math.floor(message.length / 3);
  const streaming = new Hash(makeAlgorithm());
  streaming.update(message.subarray(0, cut));
  const copy = streaming.copy();
  streaming.update(message.subarray(cut));
  copy.update(message.subarray(cut));
  t.is(hex(streaming.finalize()), expected, `${label}:${vector.line} streaming`);
  t.is(hex(copy.finalize()), expected, `${label}:${vector.line} copy`);
}

const fixedHashes: [string, string, () => HashAlgorithm][] = [
  ["SHA-1", "hashes/SHA1/SHA1", () => new SHA1()],
  ["SHA-224", "hashes/SHA2/SHA224", () => new SHA224()],
  ["SHA-256", "hashes/SHA2/SHA256", () => new SHA256()],
  ["SHA-384", "hashes/SHA2/SHA384", () => new SHA384()],
  ["SHA-512", "hashes/SHA2/SHA512", () => new SHA512()],
  ["SHA-512/224", "hashes/SHA2/SHA512_224", () => new SHA512_224()],
  ["SHA-512/256", "hashes/SHA2/SHA512_256", () => new SHA512_256()],
  ["SHA3-224", "hashes/SHA3/SHA3_224", () => new SHA3_224()],
  ["SHA3-256", "hashes/SHA3/SHA3_256", () => new SHA3_256()],
  ["SHA3-384", "hashes/SHA3/SHA3_384", () => new SHA3_384()],
  ["SHA3-512", "hashes/SHA3/SHA3_512", () => new SHA3_512()],
];

for (const [name, prefix, makeAlgorithm] of fixedHashes) {
  for (const kind of ["ShortMsg", "LongMsg"]) {
    const file = `${prefix}${kind}.rsp`;
    const vectors = loadHashVectors(file);
    test(`${name} ${kind}: ${vectors.length} NIST records`, (t) => {
      t.true(vectors.length > 0);
      t.is(makeAlgorithm().digestSize, vectors[0]?.digest.length ?? 0);
      for (const vector of vectors) checkDigest(t, makeAlgorithm, vector, file);
    });
  }
}

/** How many Monte Carlo checkpoints to run (NIST gives 100; each is 1000 chained hashes). */
const MONTE_CHECKPOINTS = 10;

for (const [name, prefix, makeAlgorithm] of fixedHashes) {
  const file = `${prefix}Monte.rsp`;
  const records = loadNist(file).slice(0, MONTE_CHECKPOINTS);
  const sha3 = name.startsWith("SHA3");
  test(`${name} Monte Carlo: first ${records.length} of NIST's checkpoints`, (t) => {
    t.is(records.length, MONTE_CHECKPOINTS);
    const first = records[0];
    if (first === undefined) return;
    let seed = bytes(field(first, "seed"));
    for (const record of records) {
      if (sha3) {
        // SHA3VS: MD_i = SHA3(MD_{i-1}), 1000 times per checkpoint.
        for (let i = 0; i < 1000; i++) seed = hash(makeAlgorithm(), seed);
      } else {
        // SHAVS: M_i = MD_{i-3} || MD_{i-2} || MD_{i-1}, 1000 times per checkpoint.
        let [a, b, c] = [seed, seed, seed];
        for (let i = 0; i < 1000; i++) {
          [a, b, c] = [b, c, hash(makeAlgorithm(), Buffer.concat([a, b, c]))];
        }
        seed = c;
      }
      t.is(hex(seed), field(record, "md").toLowerCase(), `${file}:${record.line}`);
    }
  });
}

const shakes: [string, (size: number) => SHAKE128 | SHAKE256][] = [
  ["SHAKE128", (size) => new SHAKE128(size)],
  ["SHAKE256", (size) => new SHAKE256(size)],
];

for (const [name, makeShake] of shakes) {
  for (const kind of ["ShortMsg", "LongMsg"]) {
    const file = `hashes/SHAKE/${name}${kind}.rsp`;
    const vectors = loadHashVectors(file);
    test(`${name} ${kind}: ${vectors.length} NIST records`, (t) => {
      t.true(vectors.length > 0);
      for (const vector of vectors) {
        const size = vector.digest.length;
        checkDigest(t, () => makeShake(size), vector, file);
      }
    });
  }

  const variableFile = `hashes/SHAKE/${name}VariableOut.rsp`;
  const variable = loadNist(variableFile);
  test(`${name} VariableOut: ${variable.length} NIST records, one-shot and XOFHash.squeeze`, (t) => {
    t.true(variable.length > 0);
    for (const record of variable) {
      const outputBits = Number(field(record, "outputlen"));
      const message = bytes(field(record, "msg"));
      const expected = field(record, "output").toLowerCase();
      const label = `${variableFile}:${record.line}`;
      t.is(outputBits % 8, 0, label);
      const size = outputBits / 8;
      t.is(hex(hash(makeShake(size), message)), expected, `${label} one-shot`);
      // An XOF squeezed in two unequal parts gives the same stream.
      const xof = new XOFHash(makeShake(size));
      xof.update(message);
      const head = Math.floor(size / 3);
      t.is(hex(Buffer.concat([xof.squeeze(head), xof.squeeze(size - head)])), expected, label);
    }
  });
}

const others: [string, string, () => HashAlgorithm][] = [
  ["BLAKE2b-512", "hashes/blake2/blake2b.txt", () => new BLAKE2b(64)],
  ["BLAKE2s-256", "hashes/blake2/blake2s.txt", () => new BLAKE2s(32)],
  ["SM3", "hashes/SM3/oscca.txt", () => new SM3()],
  ["MD5", "hashes/MD5/rfc-1321.txt", () => new MD5()],
];

for (const [name, file, makeAlgorithm] of others) {
  const vectors = loadHashVectors(file);
  test(`${name}: ${vectors.length} records of ${file}`, (t) => {
    t.true(vectors.length > 0);
    t.is(makeAlgorithm().digestSize, vectors[0]?.digest.length ?? 0);
    for (const vector of vectors) checkDigest(t, makeAlgorithm, vector, file);
  });
}

test("a digest that differs from the file's expected value is detected", (t) => {
  // Guards the harness itself: a one-bit change of the message must change the SHA-256 digest.
  const [vector] = loadHashVectors("hashes/SHA2/SHA256ShortMsg.rsp").slice(1, 2);
  if (vector === undefined) return t.fail("no SHA-256 record");
  const altered = Buffer.from(vector.message);
  altered[0] = (altered[0] ?? 0) ^ 1;
  t.not(hex(hash(new SHA256(), altered)), hex(vector.digest));
});
