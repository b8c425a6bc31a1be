/**
 * hazmat/primitives/{hmac,cmac,poly1305,constant_time}: agreement with independent
 * implementations (node:crypto's HMAC, CMAC built here from node:crypto's block ciphers per
 * SP 800-38B), a few RFC/NIST known answers, life cycle, verify, and bad input. The full
 * known-answer suites live in vectors-mac.spec.ts.
 */
import { createCipheriv, createHmac } from "node:crypto";
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import { TripleDES } from "hazmat/decrepit/ciphers/algorithms";
import {
  _Reasons,
  AlreadyFinalized,
  ERR_HAZMAT_INVALID_TYPE,
  InvalidSignature,
  UnsupportedAlgorithm,
  ValueError,
} from "hazmat/exceptions";
import { AES, AES128, Camellia, ChaCha20, SM4 } from "hazmat/primitives/ciphers/algorithms";
import { CMAC } from "hazmat/primitives/cmac";
import { bytesEq } from "hazmat/primitives/constant_time";
import {
  BLAKE2b,
  BLAKE2s,
  type HashAlgorithm,
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
} from "hazmat/primitives/hashes";
import { HMAC } from "hazmat/primitives/hmac";
import { Poly1305 } from "hazmat/primitives/poly1305";
import { randomBytes } from "hazmat/random";

const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");
const unhex = (text: string) => Buffer.from(text, "hex");
const typeErrorCode = (error: unknown) => (error as { code?: string }).code;

// ---------------------------------------------------------------------------------------------
// HMAC

const hmacHashes: [HashAlgorithm, string][] = [
  [new SHA1(), "sha1"],
  [new SHA224(), "sha224"],
  [new SHA256(), "sha256"],
  [new SHA384(), "sha384"],
  [new SHA512(), "sha512"],
  [new SHA512_224(), "sha512-224"],
  [new SHA512_256(), "sha512-256"],
  [new SHA3_224(), "sha3-224"],
  [new SHA3_256(), "sha3-256"],
  [new SHA3_384(), "sha3-384"],
  [new SHA3_512(), "sha3-512"],
  [new BLAKE2b(64), "blake2b512"],
  [new BLAKE2s(32), "blake2s256"],
  [new SM3(), "sm3"],
  [new MD5(), "md5"],
];

test("HMAC matches RFC 4231 test case 2", (t) => {
  const mac = new HMAC(Buffer.from("Jefe"), new SHA256());
  mac.update(Buffer.from("what do ya want for nothing?"));
  t.is(hex(mac.finalize()), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
});

test("HMAC agrees with node:crypto for every hash, key length and message length", (t) => {
  for (const [algorithm, nodeName] of hmacHashes) {
    for (const keyLength of [0, 1, 32, 200]) {
      for (const size of [0, 17, 1000]) {
        const key = randomBytes(keyLength);
        const data = randomBytes(size);
        const expected = createHmac(nodeName, key).update(data).digest("hex");
        const mac = new HMAC(key, algorithm);
        mac.update(data.subarray(0, 5));
        mac.update(data.subarray(5));
        const tag = mac.finalize();
        t.true(Buffer.isBuffer(tag));
        t.is(tag.length, algorithm.digestSize);
        t.is(hex(tag), expected, `${nodeName} key ${keyLength} data ${size}`);
      }
    }
  }
});

test("HMAC copy() continues independently and keeps the algorithm", (t) => {
  const key = randomBytes(16);
  const mac = new HMAC(key, new SHA512());
  mac.update(Buffer.from("part one, "));
  const copy = mac.copy();
  t.is(copy.algorithm, mac.algorithm);
  mac.update(Buffer.from("part two"));
  copy.update(Buffer.from("another part"));
  t.is(hex(mac.finalize()), createHmac("sha512", key).update("part one, part two").digest("hex"));
  t.is(
    hex(copy.finalize()),
    createHmac("sha512", key).update("part one, another part").digest("hex"),
  );
});

test("HMAC verify accepts the right tag and rejects tampered, truncated and empty ones", (t) => {
  const key = randomBytes(32);
  const data = randomBytes(100);
  const tag = createHmac("sha256", key).update(data).digest();
  const fresh = () => {
    const mac = new HMAC(key, new SHA256());
    mac.update(data);
    return mac;
  };
  t.notThrows(() => fresh().verify(tag));
  const flipped = Buffer.from(tag);
  flipped[31] = (flipped[31] ?? 0) ^ 0x80;
  for (const bad of [
    flipped,
    tag.subarray(0, 31),
    Buffer.concat([tag, Buffer.alloc(1)]),
    Buffer.alloc(0),
  ]) {
    const mac = fresh();
    const error = t.throws(() => mac.verify(bad), { instanceOf: InvalidSignature });
    t.is(error?.message, "Signature did not match digest.");
    t.is(error?.code, "ERR_HAZMAT_INVALID_SIGNATURE");
    // verify finalizes, whatever its outcome.
    t.throws(() => mac.update(data), { instanceOf: AlreadyFinalized });
  }
});

test("HMAC after finalize or verify: every call throws AlreadyFinalized", (t) => {
  const mac = new HMAC(randomBytes(8), new SHA1());
  mac.finalize();
  for (const call of [
    () => mac.update(Buffer.alloc(1)),
    () => mac.copy(),
    () => mac.finalize(),
    () => mac.verify(Buffer.alloc(20)),
  ]) {
    t.throws(call, { instanceOf: AlreadyFinalized, message: "Context was already finalized." });
  }
});

test("HMAC refuses SHAKE with UnsupportedAlgorithm and bad arguments with TypeError", (t) => {
  for (const xof of [new SHAKE128(16), new SHAKE256(32)]) {
    const error = t.throws(() => new HMAC(Buffer.alloc(16), xof), {
      instanceOf: UnsupportedAlgorithm,
    });
    t.is(error?.reason, _Reasons.UNSUPPORTED_HASH);
  }
  t.throws(() => new HMAC(Buffer.alloc(16), { name: "whirlpool", digestSize: 64, blockSize: 64 }), {
    instanceOf: UnsupportedAlgorithm,
  });
  for (const badKey of ["secret", null, undefined, [1, 2], new ArrayBuffer(4)]) {
    const error = t.throws(() => new HMAC(badKey as unknown as Uint8Array, new SHA256()), {
      instanceOf: TypeError,
    });
    t.is(typeErrorCode(error), ERR_HAZMAT_INVALID_TYPE);
    t.regex(error?.message ?? "", /^key must be bytes/);
  }
  for (const badAlgorithm of ["sha256", null, SHA256, {}]) {
    t.throws(() => new HMAC(Buffer.alloc(4), badAlgorithm as unknown as HashAlgorithm), {
      instanceOf: TypeError,
      message: /^algorithm must be a HashAlgorithm/,
    });
  }
  const mac = new HMAC(Buffer.alloc(4), new SHA256());
  t.throws(() => mac.update("data" as unknown as Uint8Array), {
    instanceOf: TypeError,
    message: /^data/,
  });
  t.throws(() => mac.verify("tag" as unknown as Uint8Array), {
    instanceOf: TypeError,
    message: /^signature/,
  });
  // Rejected arguments leave the context usable.
  t.is(mac.finalize().length, 32);
});

test("the backend answers hmacSupported and creates HMAC contexts", (t) => {
  for (const [algorithm] of hmacHashes) t.true(backend.hmacSupported(algorithm), algorithm.name);
  t.false(backend.hmacSupported(new SHAKE128(16)));
  t.false(backend.hmacSupported({ name: "whirlpool", digestSize: 64, blockSize: 64 }));
  const key = randomBytes(20);
  const mac = backend.createHmacCtx(key, new SHA256());
  t.true(mac instanceof HMAC);
  mac.update(Buffer.from("x"));
  t.is(hex(mac.finalize()), createHmac("sha256", key).update("x").digest("hex"));
});

// ---------------------------------------------------------------------------------------------
// CMAC

/** CMAC (NIST SP 800-38B) written out over node:crypto's raw block cipher, for comparison. */
function referenceCmac(
  nodeCipher: string,
  key: Uint8Array,
  blockBytes: number,
  data: Uint8Array,
): Buffer {
  const encryptBlock = (block: Uint8Array) => {
    const cipher = createCipheriv(nodeCipher, key, null).setAutoPadding(false);
    return Buffer.concat([cipher.update(block), cipher.final()]);
  };
  const rb = blockBytes === 16 ? 0x87 : 0x1b;
  const double = (value: Buffer) => {
    const out = Buffer.alloc(blockBytes);
    for (let i = 0; i < blockBytes; i++) {
      out[i] = (((value[i] ?? 0) << 1) | ((value[i + 1] ?? 0) >> 7)) & 0xff;
    }
    if (((value[0] ?? 0) & 0x80) !== 0) out[blockBytes - 1] = (out[blockBytes - 1] ?? 0) ^ rb;
    return out;
  };
  const k1 = double(encryptBlock(Buffer.alloc(blockBytes)));
  const k2 = double(k1);
  const blocks = Math.max(1, Math.ceil(data.length / blockBytes));
  const complete = data.length > 0 && data.length % blockBytes === 0;
  const last = Buffer.alloc(blockBytes);
  last.set(data.subarray((blocks - 1) * blockBytes));
  if (!complete) last[data.length - (blocks - 1) * blockBytes] = 0x80;
  const subkey = complete ? k1 : k2;
  let state = Buffer.alloc(blockBytes);
  for (let i = 0; i < blocks; i++) {
    const block = i === blocks - 1 ? last : data.subarray(i * blockBytes, (i + 1) * blockBytes);
    const mixed = Buffer.alloc(blockBytes);
    for (let j = 0; j < blockBytes; j++) {
      mixed[j] = (state[j] ?? 0) ^ (block[j] ?? 0) ^ (i === blocks - 1 ? (subkey[j] ?? 0) : 0);
    }
    state = encryptBlock(mixed);
  }
  return state;
}

test("CMAC-AES matches the SP 800-38B examples", (t) => {
  const key = unhex("2b7e151628aed2a6abf7158809cf4f3c");
  t.is(hex(new CMAC(new AES(key)).finalize()), "bb1d6929e95937287fa37d129b756746");
  const mac = new CMAC(new AES(key));
  mac.update(unhex("6bc1bee22e409f96e93d7e117393172a"));
  t.is(hex(mac.finalize()), "070a16b46b4d4144f79bdd9dd04a287c");
});

test("CMAC agrees with SP 800-38B over node:crypto for AES, Camellia, SM4 and 3DES", (t) => {
  const cases: [string, () => Uint8Array, (key: Uint8Array) => CMAC, string, number][] = [
    ["AES-128", () => randomBytes(16), (k) => new CMAC(new AES(k)), "aes-128-ecb", 16],
    ["AES-192", () => randomBytes(24), (k) => new CMAC(new AES(k)), "aes-192-ecb", 16],
    ["AES-256", () => randomBytes(32), (k) => new CMAC(new AES(k)), "aes-256-ecb", 16],
    ["AES128", () => randomBytes(16), (k) => new CMAC(new AES128(k)), "aes-128-ecb", 16],
    [
      "Camellia-256",
      () => randomBytes(32),
      (k) => new CMAC(new Camellia(k)),
      "camellia-256-ecb",
      16,
    ],
    ["SM4", () => randomBytes(16), (k) => new CMAC(new SM4(k)), "sm4-ecb", 16],
    ["3DES", () => randomBytes(24), (k) => new CMAC(new TripleDES(k)), "des-ede3", 8],
  ];
  for (const [label, makeKey, makeMac, nodeCipher, blockBytes] of cases) {
    for (const size of [0, 1, blockBytes - 1, blockBytes, blockBytes + 1, 3 * blockBytes, 1000]) {
      const key = makeKey();
      const data = randomBytes(size);
      const mac = makeMac(key);
      mac.update(data.subarray(0, 3));
      mac.update(data.subarray(3));
      const tag = mac.finalize();
      t.is(tag.length, blockBytes);
      t.is(hex(tag), hex(referenceCmac(nodeCipher, key, blockBytes, data)), `${label} ${size}`);
    }
  }
});

test("CMAC with a short 3DES key uses PyCA's key expansion", (t) => {
  const k1 = randomBytes(8);
  const data = randomBytes(40);
  const short = new CMAC(new TripleDES(k1));
  short.update(data);
  const expanded = new CMAC(new TripleDES(Buffer.concat([k1, k1, k1])));
  expanded.update(data);
  t.deepEqual(short.finalize(), expanded.finalize());
});

test("CMAC copy, verify and use after finalize", (t) => {
  const key = randomBytes(16);
  const mac = new CMAC(new AES(key));
  mac.update(Buffer.from("first "));
  const copy = mac.copy();
  mac.update(Buffer.from("second"));
  const tag = mac.finalize();
  t.is(hex(tag), hex(referenceCmac("aes-128-ecb", key, 16, Buffer.from("first second"))));
  copy.update(Buffer.from("second"));
  t.notThrows(() => copy.verify(tag));
  for (const call of [
    () => mac.update(Buffer.alloc(1)),
    () => mac.copy(),
    () => mac.finalize(),
    () => copy.verify(tag),
  ]) {
    t.throws(call, { instanceOf: AlreadyFinalized });
  }
  const tampered = Buffer.from(tag);
  tampered[0] = (tampered[0] ?? 0) ^ 1;
  for (const bad of [tampered, tag.subarray(0, 8)]) {
    const again = new CMAC(new AES(key));
    again.update(Buffer.from("first second"));
    t.throws(() => again.verify(bad), {
      instanceOf: InvalidSignature,
      message: "Signature did not match digest.",
    });
  }
});

test("CMAC refuses stream ciphers, non-algorithms and unsupported key sizes", (t) => {
  for (const bad of [
    new ChaCha20(randomBytes(32), randomBytes(16)),
    "AES",
    null,
    { name: "AES", key: Buffer.alloc(16) },
  ]) {
    const error = t.throws(() => new CMAC(bad as unknown as AES), { instanceOf: TypeError });
    t.is(typeErrorCode(error), ERR_HAZMAT_INVALID_TYPE);
  }
  // AES accepts 512-bit keys for XTS only; there is no AES-512-CBC to run CMAC on.
  const error = t.throws(() => new CMAC(new AES(randomBytes(64))), {
    instanceOf: UnsupportedAlgorithm,
  });
  t.is(error?.message, "CMAC is not supported with this algorithm");
  t.is(error?.reason, _Reasons.UNSUPPORTED_CIPHER);
  const mac = new CMAC(new AES(randomBytes(16)));
  t.throws(() => mac.update("x" as unknown as Uint8Array), { instanceOf: TypeError });
  t.throws(() => mac.verify([1] as unknown as Uint8Array), { instanceOf: TypeError });
});

test("the backend answers cmacAlgorithmSupported and creates CMAC contexts", (t) => {
  t.true(backend.cmacAlgorithmSupported(new AES(randomBytes(16))));
  t.true(backend.cmacAlgorithmSupported(new TripleDES(randomBytes(16))));
  t.false(backend.cmacAlgorithmSupported(new AES(randomBytes(64))));
  t.false(
    backend.cmacAlgorithmSupported(
      new ChaCha20(randomBytes(32), randomBytes(16)) as unknown as AES,
    ),
  );
  const key = randomBytes(16);
  const mac = backend.createCmacCtx(new AES(key));
  t.true(mac instanceof CMAC);
  t.is(hex(mac.finalize()), hex(referenceCmac("aes-128-ecb", key, 16, new Uint8Array())));
});

// ---------------------------------------------------------------------------------------------
// Poly1305

const rfcKey = unhex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
const rfcMessage = Buffer.from("Cryptographic Forum Research Group");
const rfcTag = "a8061dc1305136c6c22b8baf0c0127a9";

test("Poly1305 matches RFC 8439 section 2.5.2 in every form", (t) => {
  const mac = new Poly1305(rfcKey);
  mac.update(rfcMessage.subarray(0, 7));
  mac.update(rfcMessage.subarray(7));
  t.is(hex(mac.finalize()), rfcTag);
  t.is(hex(Poly1305.generateTag(rfcKey, rfcMessage)), rfcTag);
  t.notThrows(() => Poly1305.verifyTag(rfcKey, rfcMessage, unhex(rfcTag)));
  const verifying = new Poly1305(rfcKey);
  verifying.update(rfcMessage);
  t.notThrows(() => verifying.verify(unhex(rfcTag)));
});

test("Poly1305 streaming and one-shot agree; the one-shot is re-keyed every call", (t) => {
  for (const size of [0, 1, 16, 17, 1000, 65_536]) {
    const key = randomBytes(32);
    const data = randomBytes(size);
    const mac = new Poly1305(key);
    mac.update(data.subarray(0, size >> 1));
    mac.update(data.subarray(size >> 1));
    const tag = mac.finalize();
    t.is(tag.length, 16);
    t.deepEqual(Poly1305.generateTag(key, data), tag);
    t.notDeepEqual(Poly1305.generateTag(randomBytes(32), data), tag);
  }
});

test("Poly1305 rejects tampered tags and is finalized afterwards", (t) => {
  const tampered = unhex(rfcTag);
  tampered[15] = (tampered[15] ?? 0) ^ 1;
  for (const bad of [tampered, unhex(rfcTag).subarray(0, 15), Buffer.alloc(0)]) {
    t.throws(() => Poly1305.verifyTag(rfcKey, rfcMessage, bad), {
      instanceOf: InvalidSignature,
      message: "Value did not match computed tag.",
    });
    const mac = new Poly1305(rfcKey);
    mac.update(rfcMessage);
    t.throws(() => mac.verify(bad), { instanceOf: InvalidSignature });
    for (const call of [
      () => mac.update(rfcMessage),
      () => mac.finalize(),
      () => mac.verify(bad),
    ]) {
      t.throws(call, { instanceOf: AlreadyFinalized });
    }
  }
  t.throws(() => Poly1305.verifyTag(rfcKey, Buffer.from("other message"), unhex(rfcTag)), {
    instanceOf: InvalidSignature,
  });
  t.false("copy" in new Poly1305(rfcKey));
});

test("Poly1305 keys must be 32 bytes (ValueError) and bytes (TypeError)", (t) => {
  for (const size of [0, 16, 31, 33, 64]) {
    const key = randomBytes(size);
    for (const call of [
      () => new Poly1305(key),
      () => Poly1305.generateTag(key, rfcMessage),
      () => Poly1305.verifyTag(key, rfcMessage, unhex(rfcTag)),
    ]) {
      t.throws(call, { instanceOf: ValueError, message: "A poly1305 key is 32 bytes long" });
    }
  }
  const stringKey = "k".repeat(32) as unknown as Uint8Array;
  t.throws(() => new Poly1305(stringKey), { instanceOf: TypeError, message: /^key must be bytes/ });
  t.throws(() => Poly1305.generateTag(rfcKey, "data" as unknown as Uint8Array), {
    instanceOf: TypeError,
    message: /^data/,
  });
  t.throws(() => Poly1305.verifyTag(rfcKey, rfcMessage, rfcTag as unknown as Uint8Array), {
    instanceOf: TypeError,
    message: /^tag/,
  });
});

// ---------------------------------------------------------------------------------------------
// constant_time

test("bytesEq compares contents and lengths", (t) => {
  const a = randomBytes(64);
  t.true(bytesEq(a, Buffer.from(a)));
  t.true(bytesEq(new Uint8Array(), Buffer.alloc(0)));
  const b = Buffer.from(a);
  b[63] = (b[63] ?? 0) ^ 1;
  t.false(bytesEq(a, b));
  t.false(bytesEq(a, a.subarray(0, 63)));
  t.false(bytesEq(Buffer.alloc(0), Buffer.alloc(1)));
});

test("bytesEq takes bytes only", (t) => {
  for (const [x, y] of [
    ["abc", Buffer.from("abc")],
    [Buffer.from("abc"), "abc"],
    [null, null],
    [[1], [1]],
  ]) {
    const error = t.throws(() => bytesEq(x as unknown as Uint8Array, y as unknown as Uint8Array), {
      instanceOf: TypeError,
    });
    t.is(typeErrorCode(error), ERR_HAZMAT_INVALID_TYPE);
  }
});
