/**
 * Behaviour of hazmat/primitives/asymmetric/rsa and …/padding: generation (sync and async),
 * PKCS#1 v1.5 and PSS signatures, OAEP and PKCS#1 v1.5 encryption, data recovery, numbers,
 * the CRT helpers, the backend's RSA methods, bad input with PyCA's errors and messages, and
 * interop with PyCA `cryptography` and node:crypto both ways.
 */
import * as crypto from "node:crypto";
import { inspect } from "node:util";
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import { InvalidSignature, UnsupportedAlgorithm, ValueError } from "hazmat/exceptions";
import {
  type AsymmetricPadding,
  calculateMaxPssSaltLength,
  MGF1,
  OAEP,
  PKCS1v15,
  PSS,
} from "hazmat/primitives/asymmetric/padding";
import {
  generatePrivateKey,
  generatePrivateKeyAsync,
  RSAPrivateKey,
  RSAPrivateNumbers,
  RSAPublicKey,
  RSAPublicNumbers,
  rsaCrtDmp1,
  rsaCrtDmq1,
  rsaCrtIqmp,
  rsaRecoverPrimeFactors,
  rsaRecoverPrivateExponent,
} from "hazmat/primitives/asymmetric/rsa";
import {
  decodeDssSignature,
  encodeDssSignature,
  Prehashed,
} from "hazmat/primitives/asymmetric/utils";
import { MD5, SHA1, SHA256, SHA384, SHA512, SHAKE128 } from "hazmat/primitives/hashes";
import {
  Encoding,
  NoEncryption,
  PrivateFormat,
  PublicFormat,
} from "hazmat/primitives/serialization";
import { askPycaRsa, type HexPadding, type HexPrivateNumbers } from "./helpers/pyca-rsa";

const key = generatePrivateKey(65537, 2048);
const pub = key.publicKey();
const message = Buffer.from("attack at dawn");
const pss = (salt: ConstructorParameters<typeof PSS>[1] = PSS.MAX_LENGTH) =>
  new PSS(new MGF1(new SHA256()), salt);
const oaep = (label: Uint8Array | null = null) =>
  new OAEP(new MGF1(new SHA256()), new SHA256(), label);

const hex = (n: bigint) => n.toString(16);
function numbersHex(k: RSAPrivateKey): HexPrivateNumbers {
  const n = k.privateNumbers();
  return {
    p: hex(n.p),
    q: hex(n.q),
    d: hex(n.d),
    dmp1: hex(n.dmp1),
    dmq1: hex(n.dmq1),
    iqmp: hex(n.iqmp),
    e: hex(n.publicNumbers.e),
    n: hex(n.publicNumbers.n),
  };
}
function fromHexNumbers(h: HexPrivateNumbers): RSAPrivateNumbers {
  const b = (s: string) => BigInt(`0x${s}`);
  return new RSAPrivateNumbers(
    b(h.p),
    b(h.q),
    b(h.d),
    b(h.dmp1),
    b(h.dmq1),
    b(h.iqmp),
    new RSAPublicNumbers(b(h.e), b(h.n)),
  );
}

test("generated keys have the asked size and exponent and are classes of their own", (t) => {
  t.true(key instanceof RSAPrivateKey);
  t.true(pub instanceof RSAPublicKey);
  t.is(key.keySize, 2048);
  t.is(pub.keySize, 2048);
  t.is(pub.publicNumbers().e, 65537n);
  t.is(pub.publicNumbers().n.toString(2).length, 2048);
  t.true(pub.equals(key.publicKey()));
  t.false(pub.equals(generatePrivateKey(3, 1024).publicKey()));
  t.false(pub.equals("not a key"));
  const legacy = generatePrivateKey(3, 1025);
  t.is(legacy.keySize, 1025);
  t.is(legacy.privateNumbers().publicNumbers.e, 3n);
  t.is(backend.generateRsaPrivateKey(65537, 1024).keySize, 1024);
});

test("generation refuses PyCA's bad sizes and exponents with its messages", (t) => {
  for (const size of [512, 1023, 0, -1]) {
    t.throws(() => generatePrivateKey(65537, size), {
      instanceOf: ValueError,
      message: "key_size must be at least 1024-bits.",
    });
  }
  for (const e of [1, 4, 5, 17, 65539, 3n + 2n]) {
    t.throws(() => generatePrivateKey(e, 2048), {
      instanceOf: ValueError,
      message:
        "public_exponent must be either 3 (for legacy compatibility) or 65537. Almost everyone should choose 65537 here!",
    });
  }
  t.throws(() => generatePrivateKey(65537, 16385), { instanceOf: ValueError });
  t.throws(() => generatePrivateKey(65537, 1024.5), { instanceOf: TypeError });
  t.throws(() => generatePrivateKey("65537" as never, 2048), { instanceOf: TypeError });
  t.throws(() => generatePrivateKey(65537, "2048" as never), { instanceOf: TypeError });
});

test("generatePrivateKeyAsync runs off the event loop and rejects bad input", async (t) => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const [a, b] = await Promise.all([
    generatePrivateKeyAsync(65537, 2048),
    generatePrivateKeyAsync(65537n, 1024),
  ]);
  clearInterval(timer);
  t.is(a.keySize, 2048);
  t.is(b.keySize, 1024);
  t.false(a.publicKey().equals(b.publicKey()));
  t.true(ticks > 0);
  await t.throwsAsync(generatePrivateKeyAsync(65537, 1000), { instanceOf: ValueError });
  await t.throwsAsync(generatePrivateKeyAsync(7, 2048), { instanceOf: ValueError });
});

test("PSS and PKCS1v15 signatures verify, and any tampering is InvalidSignature", (t) => {
  const cases: [AsymmetricPadding, InstanceType<typeof SHA256>][] = [
    [pss(), new SHA256()],
    [pss(PSS.DIGEST_LENGTH), new SHA384()],
    [pss(0), new SHA512()],
    [new PSS(new MGF1(new SHA1()), 20), new SHA256()],
    [new PKCS1v15(), new SHA256()],
    [new PKCS1v15(), new SHA1()],
  ];
  for (const [padding, algorithm] of cases) {
    const signature = key.sign(message, padding, algorithm);
    t.is(signature.length, 256);
    t.notThrows(() => pub.verify(signature, message, padding, algorithm));
    const flipped = Buffer.from(signature);
    flipped[17] = (flipped[17] ?? 0) ^ 1;
    t.throws(() => pub.verify(flipped, message, padding, algorithm), {
      instanceOf: InvalidSignature,
    });
    t.throws(() => pub.verify(signature, Buffer.from("attack at dusk"), padding, algorithm), {
      instanceOf: InvalidSignature,
    });
    t.throws(() => pub.verify(signature.subarray(1), message, padding, algorithm), {
      instanceOf: InvalidSignature,
    });
    t.throws(() => pub.verify(Buffer.alloc(0), message, padding, algorithm), {
      instanceOf: InvalidSignature,
    });
  }
  // PSS is randomised, PKCS1v15 deterministic.
  t.notDeepEqual(key.sign(message, pss(), new SHA256()), key.sign(message, pss(), new SHA256()));
  t.deepEqual(
    key.sign(message, new PKCS1v15(), new SHA256()),
    key.sign(message, new PKCS1v15(), new SHA256()),
  );
  // Wrong hash, wrong padding, wrong key.
  const signature = key.sign(message, pss(), new SHA256());
  t.throws(() => pub.verify(signature, message, pss(), new SHA384()), {
    instanceOf: InvalidSignature,
  });
  t.throws(() => pub.verify(signature, message, new PKCS1v15(), new SHA256()), {
    instanceOf: InvalidSignature,
  });
  t.throws(
    () =>
      generatePrivateKey(65537, 1024).publicKey().verify(signature, message, pss(), new SHA256()),
    {
      instanceOf: InvalidSignature,
    },
  );
  // AUTO recovers any salt length when verifying; fixed lengths must match.
  const salted = key.sign(message, pss(7), new SHA256());
  t.notThrows(() => pub.verify(salted, message, pss(PSS.AUTO), new SHA256()));
  t.throws(() => pub.verify(salted, message, pss(8), new SHA256()), {
    instanceOf: InvalidSignature,
  });
});

test("Prehashed signs and verifies a digest; its length is checked", (t) => {
  const digest = crypto.createHash("sha256").update(message).digest();
  const prehashed = new Prehashed(new SHA256());
  t.is(prehashed.digestSize, 32);
  const signature = key.sign(digest, pss(), prehashed);
  t.notThrows(() => pub.verify(signature, message, pss(), new SHA256()));
  const plain = key.sign(message, new PKCS1v15(), new SHA256());
  t.notThrows(() => pub.verify(plain, digest, new PKCS1v15(), prehashed));
  t.throws(() => key.sign(digest.subarray(1), pss(), prehashed), {
    instanceOf: ValueError,
    message: "The provided data must be the same length as the hash algorithm's digest size.",
  });
  t.throws(() => pub.recoverDataFromSignature(plain, new PKCS1v15(), prehashed as never), {
    instanceOf: TypeError,
  });
});

test("signing refuses what PyCA refuses, with its errors", (t) => {
  t.throws(() => key.sign(message, pss(PSS.AUTO), new SHA256()), {
    instanceOf: ValueError,
    message: "PSS salt length can only be set to Auto when verifying",
  });
  t.throws(() => key.sign(message, pss(300), new SHA512()), {
    instanceOf: ValueError,
    message: /^Digest or salt length too long for key size/,
  });
  t.throws(() => key.sign(message, oaep(), new SHA256()), {
    instanceOf: UnsupportedAlgorithm,
    message: "EME-OAEP is not supported by this backend.",
  });
  t.throws(() => key.sign(message, pss(), new SHAKE128(32)), {
    instanceOf: UnsupportedAlgorithm,
    message: "shake128 is not supported by this backend for RSA signing.",
  });
  t.throws(() => key.sign(message, "PSS" as never, new SHA256()), {
    instanceOf: TypeError,
    message: "Padding must be an instance of AsymmetricPadding.",
  });
  t.throws(() => key.sign(message, pss(), null as never), {
    instanceOf: TypeError,
    message: /HashAlgorithm/,
  });
  t.throws(() => key.sign("text" as never, pss(), new SHA256()), { instanceOf: TypeError });
  t.throws(() => pub.verify("sig" as never, message, pss(), new SHA256()), {
    instanceOf: TypeError,
  });
  class OtherMgf {
    _algorithm = new SHA256();
  }
  t.throws(() => key.sign(message, new PSS(new OtherMgf() as never, 0), new SHA256()), {
    instanceOf: UnsupportedAlgorithm,
    message: "Only MGF1 is supported by this backend.",
  });
});

test("padding constructors check their arguments as PyCA does", (t) => {
  t.throws(() => new PSS(new MGF1(new SHA256()), -1), {
    instanceOf: ValueError,
    message: "salt_length must be zero or greater.",
  });
  t.throws(() => new PSS(new MGF1(new SHA256()), 1.5), {
    instanceOf: TypeError,
    message: "salt_length must be an integer, MAX_LENGTH, DIGEST_LENGTH, or AUTO",
  });
  t.throws(() => new MGF1(null as never), {
    message: "Expected instance of hashes.HashAlgorithm.",
  });
  t.throws(() => new OAEP(new MGF1(new SHA1()), "sha1" as never, null), { instanceOf: TypeError });
  t.throws(() => new OAEP(new MGF1(new SHA1()), new SHA1(), "label" as never), {
    instanceOf: TypeError,
  });
  t.is(new PKCS1v15().name, "EMSA-PKCS1-v1_5");
  t.is(pss().name, "EMSA-PSS");
  t.is(oaep().name, "EME-OAEP");
  t.is(PSS.MAX_LENGTH, MGF1.MAX_LENGTH);
  t.is(calculateMaxPssSaltLength(key, new SHA256()), 256 - 32 - 2);
  t.is(calculateMaxPssSaltLength(generatePrivateKey(65537, 1025), new SHA256()), 128 - 32 - 2);
});

test("OAEP and PKCS1v15 encryption round-trip; every decryption failure says the same", (t) => {
  for (const padding of [
    oaep(),
    oaep(Buffer.from("a label")),
    new OAEP(new MGF1(new SHA1()), new SHA512(), null),
    new PKCS1v15(),
  ]) {
    const ciphertext = pub.encrypt(message, padding);
    t.is(ciphertext.length, 256);
    t.deepEqual(key.decrypt(ciphertext, padding), message);
    t.notDeepEqual(pub.encrypt(message, padding), ciphertext); // randomised padding
  }
  const ciphertext = pub.encrypt(message, oaep(Buffer.from("label")));
  const flipped = Buffer.from(ciphertext);
  flipped[100] = (flipped[100] ?? 0) ^ 0x10;
  const failures = [
    () => key.decrypt(flipped, oaep(Buffer.from("label"))),
    () => key.decrypt(ciphertext, oaep()), // wrong label
    () =>
      key.decrypt(ciphertext, new OAEP(new MGF1(new SHA1()), new SHA256(), Buffer.from("label"))),
    () => key.decrypt(Buffer.alloc(256), oaep()),
    () => key.decrypt(Buffer.alloc(256, 0xff), oaep()), // larger than the modulus
    () => generatePrivateKey(65537, 2048).decrypt(ciphertext, oaep(Buffer.from("label"))),
  ];
  for (const fail of failures) {
    const error = t.throws(fail, { instanceOf: ValueError });
    t.is(error?.message, "Decryption failed");
  }
  // PKCS1v15: implicit rejection, a bad ciphertext yields deterministic pseudo-random bytes.
  const pkcs1 = pub.encrypt(message, new PKCS1v15());
  const bad = Buffer.from(pkcs1);
  bad[200] = (bad[200] ?? 0) ^ 1;
  const garbage = key.decrypt(bad, new PKCS1v15());
  t.notDeepEqual(garbage, message);
  t.deepEqual(key.decrypt(bad, new PKCS1v15()), garbage);
  // Length is public: a wrong length is its own error.
  t.throws(() => key.decrypt(ciphertext.subarray(1), oaep()), {
    instanceOf: ValueError,
    message: "Ciphertext length must be equal to key size.",
  });
  t.throws(() => pub.encrypt(Buffer.alloc(300), oaep()), {
    instanceOf: ValueError,
    message: "Encryption failed",
  });
  t.throws(() => pub.encrypt(Buffer.alloc(246), new PKCS1v15()), {
    instanceOf: ValueError,
    message: "Encryption failed",
  });
  t.throws(() => pub.encrypt(message, pss()), {
    instanceOf: UnsupportedAlgorithm,
    message: "EMSA-PSS is not supported by this backend.",
  });
  t.throws(() => pub.encrypt(message, new OAEP(new MGF1(new SHAKE128(16)), new SHA256(), null)), {
    instanceOf: UnsupportedAlgorithm,
  });
  t.throws(() => pub.encrypt("text" as never, oaep()), { instanceOf: TypeError });
  t.throws(() => key.decrypt(ciphertext, {} as never), { instanceOf: TypeError });
});

test("recoverDataFromSignature returns the digest or the raw payload of PKCS1v15 signatures", (t) => {
  const signature = key.sign(message, new PKCS1v15(), new SHA256());
  t.deepEqual(
    pub.recoverDataFromSignature(signature, new PKCS1v15(), new SHA256()),
    crypto.createHash("sha256").update(message).digest(),
  );
  const raw = pub.recoverDataFromSignature(signature, new PKCS1v15(), null);
  t.is(raw.length, 19 + 32); // DigestInfo + digest
  const flipped = Buffer.from(signature);
  flipped[3] = (flipped[3] ?? 0) ^ 4;
  t.throws(() => pub.recoverDataFromSignature(flipped, new PKCS1v15(), new SHA256()), {
    instanceOf: InvalidSignature,
  });
  t.throws(() => pub.recoverDataFromSignature(signature, pss(), new SHA256()), {
    instanceOf: UnsupportedAlgorithm,
    message: "EMSA-PSS is not supported for the RSA signature operation",
  });
});

test("numbers round-trip, and bad numbers are refused with PyCA's messages", (t) => {
  const numbers = key.privateNumbers();
  const again = numbers.privateKey();
  t.true(again.publicKey().equals(pub));
  t.true(again.privateNumbers().equals(numbers));
  t.true(numbers.publicNumbers.publicKey().equals(pub));
  t.true(pub.publicNumbers().equals(numbers.publicNumbers));
  t.true(backend.loadRsaPrivateNumbers(numbers).publicKey().equals(pub));
  t.true(backend.loadRsaPublicNumbers(numbers.publicNumbers).equals(pub));
  t.deepEqual(again.decrypt(pub.encrypt(message, oaep()), oaep()), message);
  const { p, q, d, dmp1, dmq1, iqmp, publicNumbers } = numbers;
  const { e, n } = publicNumbers;
  const bad = (
    values: Partial<Record<"p" | "q" | "d" | "dmp1" | "dmq1" | "iqmp" | "e" | "n", bigint>>,
  ) =>
    new RSAPrivateNumbers(
      values.p ?? p,
      values.q ?? q,
      values.d ?? d,
      values.dmp1 ?? dmp1,
      values.dmq1 ?? dmq1,
      values.iqmp ?? iqmp,
      new RSAPublicNumbers(values.e ?? e, values.n ?? n),
    );
  const cases: [Parameters<typeof bad>[0], string][] = [
    [{ n: 2n }, "modulus must be >= 3."],
    [{ p: n }, "p must be < modulus."],
    [{ q: n + 1n }, "q must be < modulus."],
    [{ d: n }, "private_exponent must be < modulus."],
    [{ e: 2n }, "public_exponent must be >= 3 and < modulus."],
    [{ e: 65538n }, "public_exponent must be odd."],
    [{ dmp1: dmp1 + 1n }, "dmp1 must be odd."],
    [{ dmq1: dmq1 + 1n }, "dmq1 must be odd."],
    [{ p: p + 2n }, "p*q must equal modulus."],
    [{ iqmp: iqmp + 1n }, "Invalid private key"],
    [{ d: d + 2n }, "Invalid private key"],
  ];
  for (const [values, expected] of cases) {
    t.throws(() => bad(values).privateKey(), { instanceOf: ValueError, message: expected });
  }
  // The unsafe switch skips OpenSSL's consistency check, not the structural ones.
  t.notThrows(() => bad({ iqmp: iqmp + 1n }).privateKey({ unsafeSkipRsaKeyValidation: true }));
  t.throws(() => bad({ p: n }).privateKey({ unsafeSkipRsaKeyValidation: true }), {
    instanceOf: ValueError,
  });
  t.throws(() => new RSAPublicNumbers(65537n, 5n).publicKey(), {
    instanceOf: ValueError,
    message: "e must be >= 3 and < n.",
  });
  t.throws(() => new RSAPublicNumbers(4n, n).publicKey(), {
    instanceOf: ValueError,
    message: "e must be odd.",
  });
  t.throws(() => new RSAPublicNumbers(65537 as never, n), { instanceOf: TypeError });
  t.throws(() => new RSAPrivateNumbers(1 as never, q, d, dmp1, dmq1, iqmp, publicNumbers), {
    instanceOf: TypeError,
  });
  t.throws(() => new RSAPrivateNumbers(p, q, d, dmp1, dmq1, iqmp, 5 as never), {
    instanceOf: TypeError,
  });
  t.throws(() => backend.loadRsaPrivateNumbers({} as never), { instanceOf: TypeError });
  t.throws(() => backend.loadRsaPublicNumbers(null as never), { instanceOf: TypeError });
});

test("CRT helpers agree with the key's own numbers", (t) => {
  const { p, q, d, dmp1, dmq1, iqmp, publicNumbers } = key.privateNumbers();
  t.is(rsaCrtIqmp(p, q), iqmp);
  t.is(rsaCrtDmp1(d, p), dmp1);
  t.is(rsaCrtDmq1(d, q), dmq1);
  const [big, small] = rsaRecoverPrimeFactors(publicNumbers.n, publicNumbers.e, d);
  t.deepEqual([big, small], p > q ? [p, q] : [q, p]);
  const recovered = rsaRecoverPrivateExponent(publicNumbers.e, p, q);
  t.is((recovered * publicNumbers.e) % (((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n)), 1n);
  t.throws(() => rsaRecoverPrimeFactors(publicNumbers.n, 3n, d), {
    instanceOf: ValueError,
    message: "n, d, e don't match",
  });
  t.throws(() => rsaCrtIqmp(6n, 4n), { instanceOf: ValueError });
  t.throws(() => rsaCrtIqmp(6 as never, 4n), { instanceOf: TypeError });
});

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

test("backend: RSA padding and parameter support", (t) => {
  t.true(backend.rsaPaddingSupported(new PKCS1v15()));
  t.true(backend.rsaPaddingSupported(pss()));
  t.true(backend.rsaPaddingSupported(oaep()));
  t.false(backend.rsaPaddingSupported(new OAEP(new MGF1(new SHAKE128(16)), new SHA256(), null)));
  t.false(backend.rsaPaddingSupported("PKCS1" as never));
  t.true(backend.generateRsaParametersSupported(65537, 2048));
  t.true(backend.generateRsaParametersSupported(3, 512));
  t.false(backend.generateRsaParametersSupported(65537, 511));
  t.false(backend.generateRsaParametersSupported(4, 2048));
  t.false(backend.generateRsaParametersSupported(1, 2048));
});

test("keys and private numbers never show their material", (t) => {
  const secretHex = key.privateNumbers().d.toString(16).slice(0, 16);
  for (const shown of [
    String(key),
    inspect(key),
    JSON.stringify({ key }),
    String(key.privateNumbers()),
    inspect(key.privateNumbers()),
  ]) {
    t.false(shown.includes(secretHex));
    t.false(/[0-9a-f]{32}/i.test(shown), shown);
  }
  t.is(String(key), "<RSAPrivateKey (2048 bits)>");
  t.is(String(pub), "<RSAPublicKey (2048 bits)>");
});

test("serialization goes through the shared helpers; node:crypto reads and verifies it", (t) => {
  const pem = key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption());
  t.true(pem.toString().startsWith("-----BEGIN PRIVATE KEY-----"));
  const der = pub.publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo);
  const nodePublic = crypto.createPublicKey({ key: der, format: "der", type: "spki" });
  const jwk = nodePublic.export({ format: "jwk" });
  t.is(BigInt(`0x${Buffer.from(jwk.n ?? "", "base64url").toString("hex")}`), pub.publicNumbers().n);
  // hazmat signs, node verifies; node signs, hazmat verifies.
  const signature = key.sign(message, pss(32), new SHA256());
  t.true(
    crypto.verify(
      "sha256",
      message,
      { key: nodePublic, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      signature,
    ),
  );
  const nodePrivate = crypto.createPrivateKey(pem);
  const nodeSignature = crypto.sign("sha384", message, {
    key: nodePrivate,
    padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
  });
  t.notThrows(() =>
    pub.verify(nodeSignature, message, new PSS(new MGF1(new SHA384()), PSS.AUTO), new SHA384()),
  );
  const nodeCiphertext = crypto.publicEncrypt({ key: nodePublic, oaepHash: "sha256" }, message);
  t.deepEqual(key.decrypt(nodeCiphertext, oaep()), message);
});

test("interop with PyCA: signatures, ciphertexts and numbers agree both ways", (t) => {
  const ours = numbersHex(key);
  const data = message.toString("hex");
  const paddings: [HexPadding, AsymmetricPadding, string, InstanceType<typeof SHA256>][] = [
    [{ kind: "pss", mgf: "SHA256", salt: "max" }, pss(), "SHA256", new SHA256()],
    [
      { kind: "pss", mgf: "SHA1", salt: "digest" },
      new PSS(new MGF1(new SHA1()), PSS.DIGEST_LENGTH),
      "SHA512",
      new SHA512(),
    ],
    [{ kind: "pkcs1" }, new PKCS1v15(), "SHA384", new SHA384()],
  ];
  const encryptions: [HexPadding, AsymmetricPadding][] = [
    [{ kind: "oaep", mgf: "SHA256", hash: "SHA256", label: null }, oaep()],
    [
      { kind: "oaep", mgf: "SHA1", hash: "SHA384", label: "6c6162656c" },
      new OAEP(new MGF1(new SHA1()), new SHA384(), Buffer.from("label")),
    ],
    [{ kind: "pkcs1" }, new PKCS1v15()],
  ];
  const signatures = paddings.map(([, padding, , algorithm]) =>
    key.sign(message, padding, algorithm),
  );
  const ciphertexts = encryptions.map(([, padding]) => pub.encrypt(message, padding));
  const answers = askPycaRsa([
    { op: "generate", key_size: 2048 },
    ...paddings.map(([padding, , hash], i) => ({
      op: "verify" as const,
      public: { e: ours.e, n: ours.n },
      signature: signatures[i]?.toString("hex") ?? "",
      data,
      padding,
      hash,
    })),
    ...encryptions.map(([padding], i) => ({
      op: "decrypt" as const,
      private: ours,
      data: ciphertexts[i]?.toString("hex") ?? "",
      padding,
    })),
    ...paddings.map(([padding, , hash]) => ({
      op: "sign" as const,
      private: ours,
      data,
      padding,
      hash,
    })),
    ...encryptions.map(([padding]) => ({
      op: "encrypt" as const,
      public: { e: ours.e, n: ours.n },
      data,
      padding,
    })),
    { op: "crt", p: ours.p, q: ours.q, d: ours.d, e: ours.e, n: ours.n },
  ]);
  const [generated, ...rest] = answers;
  t.true(generated?.ok);
  const theirs = fromHexNumbers(generated?.private as HexPrivateNumbers).privateKey();
  t.is(theirs.keySize, 2048);
  const verified = rest.slice(0, 3);
  for (const answer of verified) t.true(answer.value, JSON.stringify(answer));
  const decrypted = rest.slice(3, 6);
  for (const answer of decrypted) t.is(answer.out, data);
  const pycaSignatures = rest.slice(6, 9);
  pycaSignatures.forEach((answer, i) => {
    const [, padding, , algorithm] = paddings[i] ?? [];
    t.notThrows(() =>
      pub.verify(
        Buffer.from(answer.out ?? "", "hex"),
        message,
        padding as AsymmetricPadding,
        algorithm as InstanceType<typeof SHA256>,
      ),
    );
  });
  const pycaCiphertexts = rest.slice(9, 12);
  pycaCiphertexts.forEach((answer, i) => {
    const [, padding] = encryptions[i] ?? [];
    t.deepEqual(
      key.decrypt(Buffer.from(answer.out ?? "", "hex"), padding as AsymmetricPadding),
      message,
    );
  });
  const crt = rest[12];
  const { p, q, d } = fromHexNumbers(ours);
  t.is(hex(rsaCrtIqmp(p, q)), crt?.iqmp ?? "");
  t.is(hex(rsaCrtDmp1(d, p)), crt?.dmp1 ?? "");
  t.is(hex(rsaCrtDmq1(d, q)), crt?.dmq1 ?? "");
  t.is(hex(rsaRecoverPrivateExponent(65537n, p, q)), crt?.recovered_d ?? "");
  t.deepEqual(rsaRecoverPrimeFactors(BigInt(`0x${ours.n}`), 65537n, d).map(hex), crt?.factors);
});

test("DSS signature encoding round-trips and rejects malformed DER", (t) => {
  for (const [r, s] of [
    [1n, 2n],
    [0n, 0n],
    [2n ** 255n, 2n ** 520n - 1n],
    [127n, 128n],
  ] as const) {
    t.deepEqual(decodeDssSignature(encodeDssSignature(r, s)), [r, s]);
  }
  t.deepEqual(encodeDssSignature(1n, 128n), Buffer.from("300702010102020080", "hex"));
  for (const bad of [
    "",
    "30",
    "3007020101020101",
    "300602010102010100",
    "3006020181020101",
    "300702020001020101",
  ]) {
    t.throws(() => decodeDssSignature(Buffer.from(bad, "hex")), { instanceOf: ValueError });
  }
  t.throws(() => encodeDssSignature(-1n, 1n), { instanceOf: ValueError });
  t.throws(() => encodeDssSignature(1 as never, 1n), { instanceOf: TypeError });
});

test("the process is alive after all of the above", (t) => {
  t.is(key.sign(message, new PKCS1v15(), new MD5()).length, 256);
});
