/**
 * Elliptic curves: keys on every supported curve, ECDSA (random and deterministic nonces,
 * prehashed), ECDH, numbers and X9.62 points, bad input with PyCA's errors, the backend's EC
 * methods, and interop with PyCA both ways (`__test__/fixtures/pyca_ec.py`).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { inspect } from "node:util";
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import {
  _Reasons,
  ERR_HAZMAT_INVALID_TYPE,
  InvalidSignature,
  UnsupportedAlgorithm,
  ValueError,
} from "hazmat/exceptions";
import {
  BrainpoolP256R1,
  BrainpoolP384R1,
  BrainpoolP512R1,
  derivePrivateKey,
  ECDH,
  ECDSA,
  EllipticCurve,
  EllipticCurveOID,
  EllipticCurvePrivateKey,
  EllipticCurvePrivateNumbers,
  EllipticCurvePublicKey,
  EllipticCurvePublicNumbers,
  generatePrivateKey,
  getCurveForOid,
  SECP192R1,
  SECP224R1,
  SECP256K1,
  SECP256R1,
  SECP384R1,
  SECP521R1,
} from "hazmat/primitives/asymmetric/ec";
import { Prehashed } from "hazmat/primitives/asymmetric/utils";
import { hash, SHA1, SHA3_256, SHA256, SHA384, SHA512 } from "hazmat/primitives/hashes";
import {
  Encoding,
  NoEncryption,
  PrivateFormat,
  PublicFormat,
} from "hazmat/primitives/serialization";

const CURVES = [
  { make: () => new SECP256R1(), pyca: "SECP256R1", name: "secp256r1", size: 256 },
  { make: () => new SECP384R1(), pyca: "SECP384R1", name: "secp384r1", size: 384 },
  { make: () => new SECP521R1(), pyca: "SECP521R1", name: "secp521r1", size: 521 },
  { make: () => new SECP224R1(), pyca: "SECP224R1", name: "secp224r1", size: 224 },
  { make: () => new SECP192R1(), pyca: "SECP192R1", name: "secp192r1", size: 192 },
  { make: () => new SECP256K1(), pyca: "SECP256K1", name: "secp256k1", size: 256 },
  {
    make: () => new BrainpoolP256R1(),
    pyca: "BrainpoolP256R1",
    name: "brainpoolP256r1",
    size: 256,
  },
  {
    make: () => new BrainpoolP384R1(),
    pyca: "BrainpoolP384R1",
    name: "brainpoolP384r1",
    size: 384,
  },
  {
    make: () => new BrainpoolP512R1(),
    pyca: "BrainpoolP512R1",
    name: "brainpoolP512r1",
    size: 512,
  },
];

/** A curve hazmat does not support (PyCA 50 dropped the binary curves). */
class SECT163K1 extends EllipticCurve {
  readonly name = "sect163k1";
  readonly keySize = 163;
  readonly groupOrder = 5846006549323611672814741753598448348329118574063n;
}

const MESSAGE = Buffer.from("the quick brown fox jumps over the lazy dog");
const hex = (value: bigint): string => value.toString(16);

// ---------------------------------------------------------------------------------------------
// PyCA oracle

const ORACLE = path.join(__dirname, "fixtures", "pyca_ec.py");

type Answer =
  | { ok: true; [field: string]: unknown }
  | { ok: false; error: string; message: string };

function askPyca(requests: object[]): Answer[] {
  const result = spawnSync("python3", [ORACLE], {
    input: JSON.stringify(requests),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`pyca_ec.py failed: ${result.stderr}`);
  const answers = JSON.parse(result.stdout) as Answer[];
  if (answers.length !== requests.length) throw new Error("answer count mismatch");
  return answers;
}

function field(answer: Answer | undefined, name: string): string {
  if (answer === undefined || !answer.ok) throw new Error(`PyCA failed: ${JSON.stringify(answer)}`);
  return answer[name] as string;
}

// ---------------------------------------------------------------------------------------------
// Behaviour

for (const { make, name, size } of CURVES) {
  test(`${name}: generate, sign, verify, numbers round trip`, (t) => {
    const key = generatePrivateKey(make());
    t.true(key instanceof EllipticCurvePrivateKey);
    t.is(key.curve.name, name);
    t.is(key.keySize, size);
    const publicKey = key.publicKey();
    t.true(publicKey instanceof EllipticCurvePublicKey);
    t.is(publicKey.curve.name, name);
    t.is(publicKey.keySize, size);
    for (const algorithm of [
      new SHA256(),
      new SHA384(),
      new SHA512(),
      new SHA1(),
      new SHA3_256(),
    ]) {
      const signature = key.sign(MESSAGE, new ECDSA(algorithm));
      t.is(signature[0], 0x30, "DER SEQUENCE");
      t.notThrows(() => publicKey.verify(signature, MESSAGE, new ECDSA(algorithm)));
    }
    const numbers = key.privateNumbers();
    t.true(numbers.privateValue > 0n && numbers.privateValue < make().groupOrder);
    t.true(numbers.privateKey().publicKey().equals(publicKey));
    t.true(numbers.equals(key.privateNumbers()));
    t.true(numbers.publicNumbers.publicKey().equals(publicKey));
    t.true(derivePrivateKey(numbers.privateValue, make()).publicKey().equals(publicKey));
  });

  test(`${name}: X9.62 points, compressed and uncompressed, load back`, (t) => {
    const publicKey = generatePrivateKey(make()).publicKey();
    const bytes = Math.ceil(size / 8);
    const uncompressed = publicKey.publicBytes(Encoding.X962, PublicFormat.UncompressedPoint);
    const compressed = publicKey.publicBytes(Encoding.X962, PublicFormat.CompressedPoint);
    t.is(uncompressed.length, 1 + 2 * bytes);
    t.is(uncompressed[0], 4);
    t.is(compressed.length, 1 + bytes);
    t.true(compressed[0] === 2 || compressed[0] === 3);
    const { x, y } = publicKey.publicNumbers();
    t.is(BigInt(`0x${uncompressed.subarray(1, 1 + bytes).toString("hex")}`), x);
    t.is(BigInt(`0x${uncompressed.subarray(1 + bytes).toString("hex")}`), y);
    t.is(compressed[0], 2 + Number(y & 1n));
    t.true(EllipticCurvePublicKey.fromEncodedPoint(make(), uncompressed).equals(publicKey));
    t.true(EllipticCurvePublicKey.fromEncodedPoint(make(), compressed).equals(publicKey));
  });
}

test("keys are fresh, and toString/inspect/JSON show no key material", (t) => {
  const a = generatePrivateKey(new SECP256R1());
  const b = generatePrivateKey(new SECP256R1());
  t.false(a.publicKey().equals(b.publicKey()));
  t.not(a.privateNumbers().privateValue, b.privateNumbers().privateValue);
  const numbers = a.privateNumbers();
  const secretDecimal = numbers.privateValue.toString();
  const secretHex = hex(numbers.privateValue);
  for (const shown of [
    String(a),
    inspect(a),
    JSON.stringify(a),
    String(numbers),
    inspect(numbers),
    JSON.stringify(numbers),
  ]) {
    t.false(shown.includes(secretDecimal), shown);
    t.false(shown.includes(secretHex), shown);
  }
  t.is(String(a), "<EllipticCurvePrivateKey (256 bits)>");
  t.is(String(a.publicKey()), "<EllipticCurvePublicKey (256 bits)>");
});

test("signatures are randomized; deterministic signing repeats and differs per message", (t) => {
  const key = generatePrivateKey(new SECP384R1());
  const random = new ECDSA(new SHA384());
  t.notDeepEqual(key.sign(MESSAGE, random), key.sign(MESSAGE, random));
  const deterministic = new ECDSA(new SHA384(), true);
  t.true(deterministic.deterministicSigning);
  t.false(random.deterministicSigning);
  const first = key.sign(MESSAGE, deterministic);
  t.deepEqual(key.sign(MESSAGE, deterministic), first);
  t.notDeepEqual(key.sign(Buffer.from("other"), deterministic), first);
  key.publicKey().verify(first, MESSAGE, random);
  t.pass();
});

test("tampered, truncated or foreign signatures are InvalidSignature", (t) => {
  const key = generatePrivateKey(new SECP256R1());
  const publicKey = key.publicKey();
  const algorithm = new ECDSA(new SHA256());
  const signature = key.sign(MESSAGE, algorithm);
  for (let i = 0; i < signature.length; i += 7) {
    const tampered = Buffer.from(signature);
    tampered[i] = (tampered[i] ?? 0) ^ 0x01;
    t.throws(() => publicKey.verify(tampered, MESSAGE, algorithm), {
      instanceOf: InvalidSignature,
      code: "ERR_HAZMAT_INVALID_SIGNATURE",
    });
  }
  const invalid = { instanceOf: InvalidSignature };
  t.throws(() => publicKey.verify(signature.subarray(0, 10), MESSAGE, algorithm), invalid);
  t.throws(() => publicKey.verify(Buffer.alloc(0), MESSAGE, algorithm), invalid);
  t.throws(() => publicKey.verify(Buffer.from("0"), MESSAGE, algorithm), invalid);
  t.throws(() => publicKey.verify(signature, Buffer.from("other"), algorithm), invalid);
  t.throws(() => publicKey.verify(signature, MESSAGE, new ECDSA(new SHA384())), invalid);
  const other = generatePrivateKey(new SECP256R1()).publicKey();
  t.throws(() => other.verify(signature, MESSAGE, algorithm), invalid);
  // The key still works afterwards.
  t.notThrows(() => publicKey.verify(signature, MESSAGE, algorithm));
});

test("Prehashed: sign a digest, verify the message and the reverse; wrong length is ValueError", (t) => {
  const key = generatePrivateKey(new SECP256R1());
  const digest = hash(new SHA256(), MESSAGE);
  const prehashed = new ECDSA(new Prehashed(new SHA256()));
  const signature = key.sign(digest, prehashed);
  t.notThrows(() => key.publicKey().verify(signature, MESSAGE, new ECDSA(new SHA256())));
  const normal = key.sign(MESSAGE, new ECDSA(new SHA256()));
  t.notThrows(() => key.publicKey().verify(normal, digest, prehashed));
  t.deepEqual(
    key.sign(digest, new ECDSA(new Prehashed(new SHA256()), true)),
    key.sign(MESSAGE, new ECDSA(new SHA256(), true)),
  );
  t.throws(() => key.sign(digest.subarray(1), prehashed), {
    instanceOf: ValueError,
    message: "The provided data must be the same length as the hash algorithm's digest size.",
  });
});

test("ECDH: both sides agree; another curve is ValueError; wrong arguments are rejected", (t) => {
  const a = generatePrivateKey(new SECP521R1());
  const b = generatePrivateKey(new SECP521R1());
  const shared = a.exchange(new ECDH(), b.publicKey());
  t.is(shared.length, 66);
  t.deepEqual(b.exchange(new ECDH(), a.publicKey()), shared);
  const p384 = generatePrivateKey(new SECP384R1()).publicKey();
  t.throws(() => a.exchange(new ECDH(), p384), {
    instanceOf: ValueError,
    message: "Error computing shared key.",
  });
  const unsupported = t.throws(() => a.exchange({} as ECDH, b.publicKey()), {
    instanceOf: UnsupportedAlgorithm,
    message: "Unsupported EC exchange algorithm",
  });
  t.is(unsupported?.reason, _Reasons.UNSUPPORTED_EXCHANGE_ALGORITHM);
  t.throws(() => a.exchange(new ECDH(), "peer" as unknown as EllipticCurvePublicKey), {
    instanceOf: TypeError,
    code: ERR_HAZMAT_INVALID_TYPE,
  } as object);
});

test("derivePrivateKey: range and type checks with PyCA's messages", (t) => {
  const curve = new SECP256R1();
  const positive = { instanceOf: ValueError, message: "private_value must be a positive integer." };
  t.throws(() => derivePrivateKey(0n, curve), positive);
  t.throws(() => derivePrivateKey(-1n, curve), positive);
  const range = {
    instanceOf: ValueError,
    message: "Invalid EC key (key out of range, infinity, etc.)",
  };
  t.throws(() => derivePrivateKey(curve.groupOrder, curve), range);
  t.throws(() => derivePrivateKey(2n ** 300n, curve), range);
  t.notThrows(() => derivePrivateKey(curve.groupOrder - 1n, curve));
  t.throws(() => derivePrivateKey(1 as unknown as bigint, curve), {
    instanceOf: TypeError,
    message: "private_value must be an integer type.",
  });
  t.throws(() => derivePrivateKey(1n, "secp256r1" as unknown as EllipticCurve), {
    instanceOf: TypeError,
    message: "curve must be an EllipticCurve instance",
  });
  // Scalar 1 gives the generator of P-256.
  const g = derivePrivateKey(1n, curve).publicKey().publicNumbers();
  t.is(g.x, 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n);
  t.is(g.y, 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n);
});

test("unsupported curves are UnsupportedAlgorithm(UNSUPPORTED_ELLIPTIC_CURVE)", (t) => {
  const expected = {
    instanceOf: UnsupportedAlgorithm,
    message: "Curve sect163k1 is not supported",
  };
  const error = t.throws(() => generatePrivateKey(new SECT163K1()), expected);
  t.is(error?.reason, _Reasons.UNSUPPORTED_ELLIPTIC_CURVE);
  t.throws(() => derivePrivateKey(1n, new SECT163K1()), expected);
  t.throws(
    () => EllipticCurvePublicKey.fromEncodedPoint(new SECT163K1(), Buffer.from([4, 1])),
    expected,
  );
  t.throws(() => new EllipticCurvePublicNumbers(1n, 1n, new SECT163K1()).publicKey(), expected);
});

test("fromEncodedPoint: empty, unknown prefix, short or off-curve points are ValueError", (t) => {
  const curve = new SECP256R1();
  const load = (data: number[]) => () =>
    EllipticCurvePublicKey.fromEncodedPoint(curve, Buffer.from(data));
  t.throws(load([]), { instanceOf: ValueError, message: "data must not be an empty byte string" });
  const pointType = { instanceOf: ValueError, message: "Unsupported elliptic curve point type" };
  t.throws(load([0]), pointType);
  t.throws(load([5, ...new Array(32).fill(0)]), pointType);
  const invalid = { instanceOf: ValueError, message: "Invalid EC key." };
  t.throws(load([4, ...new Array(32).fill(0)]), invalid);
  t.throws(load([2, ...new Array(32).fill(0xff)]), invalid);
  t.throws(load([4, ...new Array(64).fill(1)]), invalid);
  // A point of another curve does not load on this one.
  const p384 = generatePrivateKey(new SECP384R1())
    .publicKey()
    .publicBytes(Encoding.X962, PublicFormat.UncompressedPoint);
  t.throws(() => EllipticCurvePublicKey.fromEncodedPoint(curve, p384), invalid);
  t.throws(() => EllipticCurvePublicKey.fromEncodedPoint("x" as unknown as EllipticCurve, p384), {
    instanceOf: TypeError,
  });
  t.throws(() => EllipticCurvePublicKey.fromEncodedPoint(curve, "04" as unknown as Uint8Array), {
    instanceOf: TypeError,
  });
});

test("numbers: off-curve points and mismatched private values are ValueError; types checked", (t) => {
  const curve = new SECP256R1();
  t.throws(() => new EllipticCurvePublicNumbers(1n, 1n, curve).publicKey(), {
    instanceOf: ValueError,
    message: "Invalid EC key. Point is not on the curve specified.",
  });
  t.throws(() => new EllipticCurvePublicNumbers(-1n, 1n, curve).publicKey(), {
    instanceOf: ValueError,
  });
  const publicNumbers = generatePrivateKey(curve).publicKey().publicNumbers();
  const invalid = { instanceOf: ValueError, message: "Invalid EC key." };
  t.throws(() => new EllipticCurvePrivateNumbers(5n, publicNumbers).privateKey(), invalid);
  t.throws(() => new EllipticCurvePrivateNumbers(0n, publicNumbers).privateKey(), invalid);
  t.throws(
    () => new EllipticCurvePrivateNumbers(curve.groupOrder + 1n, publicNumbers).privateKey(),
    invalid,
  );
  t.throws(() => new EllipticCurvePublicNumbers("1" as unknown as bigint, 1n, curve), {
    instanceOf: TypeError,
  });
  t.throws(() => new EllipticCurvePublicNumbers(1n, 1n, "x" as unknown as EllipticCurve), {
    instanceOf: TypeError,
    message: "curve must provide the EllipticCurve interface.",
  });
  t.throws(
    () => new EllipticCurvePrivateNumbers(1n, "x" as unknown as EllipticCurvePublicNumbers),
    {
      instanceOf: TypeError,
    },
  );
  t.true(publicNumbers.toString().startsWith("<EllipticCurvePublicNumbers(curve=secp256r1, x="));
});

test("sign/verify argument checks", (t) => {
  const key = generatePrivateKey(new SECP256R1());
  const signature = key.sign(MESSAGE, new ECDSA(new SHA256()));
  const unsupported = t.throws(() => key.sign(MESSAGE, new SHA256() as unknown as ECDSA), {
    instanceOf: UnsupportedAlgorithm,
    message: "Unsupported elliptic curve signature algorithm",
  });
  t.is(unsupported?.reason, _Reasons.UNSUPPORTED_PUBLIC_KEY_ALGORITHM);
  t.throws(() => key.sign(MESSAGE, new ECDH() as unknown as ECDSA), {
    instanceOf: UnsupportedAlgorithm,
  });
  t.throws(() => key.sign("text" as unknown as Uint8Array, new ECDSA(new SHA256())), {
    instanceOf: TypeError,
    code: ERR_HAZMAT_INVALID_TYPE,
  } as object);
  t.throws(
    () => key.publicKey().verify("sig" as unknown as Uint8Array, MESSAGE, new ECDSA(new SHA256())),
    {
      instanceOf: TypeError,
    },
  );
  t.throws(() => new ECDSA("sha256" as never), { instanceOf: TypeError });
  t.throws(() => new ECDSA(new SHA256(), "yes" as unknown as boolean), { instanceOf: TypeError });
  const unknownHash = { name: "whirlpool", digestSize: 64, blockSize: 64 };
  t.throws(() => key.sign(MESSAGE, new ECDSA(unknownHash)), { instanceOf: UnsupportedAlgorithm });
  // Still alive and well.
  t.notThrows(() => key.publicKey().verify(signature, MESSAGE, new ECDSA(new SHA256())));
});

test("getCurveForOid and EllipticCurveOID", (t) => {
  t.is(getCurveForOid(EllipticCurveOID.SECP256R1), SECP256R1);
  t.is(getCurveForOid("1.3.132.0.35"), SECP521R1);
  t.is(getCurveForOid({ dottedString: EllipticCurveOID.BRAINPOOLP512R1 }), BrainpoolP512R1);
  t.is(getCurveForOid(EllipticCurveOID.SECP256K1), SECP256K1);
  t.throws(() => getCurveForOid("1.2.3"), {
    instanceOf: ValueError,
    message: "The provided object identifier has no matching elliptic curve class",
  });
  t.throws(() => getCurveForOid(42 as unknown as string), { instanceOf: TypeError });
});

test("privateBytes/publicBytes go through serialization with PyCA's format rules", (t) => {
  const key = generatePrivateKey(new SECP256R1());
  const der = key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption());
  t.is(der[0], 0x30);
  const spki = key.publicKey().publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo);
  t.is(spki[0], 0x30);
  t.throws(() => key.publicKey().publicBytes(Encoding.X962, PublicFormat.SubjectPublicKeyInfo), {
    instanceOf: TypeError,
  });
  t.throws(() => key.publicKey().publicBytes(Encoding.PEM, PublicFormat.CompressedPoint), {
    instanceOf: ValueError,
  });
});

test("backend: EC support queries and key creation", (t) => {
  t.true(backend.ellipticCurveSupported(new SECP256R1()));
  t.true(backend.ellipticCurveSupported(new BrainpoolP512R1()));
  t.false(backend.ellipticCurveSupported(new SECT163K1()));
  t.true(
    backend.ellipticCurveSignatureAlgorithmSupported(new ECDSA(new SHA256()), new SECP256R1()),
  );
  t.false(backend.ellipticCurveSignatureAlgorithmSupported(new ECDH(), new SECP256R1()));
  t.false(
    backend.ellipticCurveSignatureAlgorithmSupported(new ECDSA(new SHA256()), new SECT163K1()),
  );
  t.true(backend.ellipticCurveExchangeAlgorithmSupported(new ECDH(), new SECP384R1()));
  t.false(backend.ellipticCurveExchangeAlgorithmSupported(new ECDH(), new SECT163K1()));
  t.false(backend.ellipticCurveExchangeAlgorithmSupported({}, new SECP384R1()));
  const key = backend.generateEllipticCurvePrivateKey(new SECP224R1());
  t.is(key.curve.name, "secp224r1");
  const numbers = key.privateNumbers();
  t.true(backend.loadEllipticCurvePrivateNumbers(numbers).publicKey().equals(key.publicKey()));
  t.true(backend.loadEllipticCurvePublicNumbers(numbers.publicNumbers).equals(key.publicKey()));
  t.true(
    backend
      .deriveEllipticCurvePrivateKey(numbers.privateValue, new SECP224R1())
      .publicKey()
      .equals(key.publicKey()),
  );
  t.throws(() => backend.loadEllipticCurvePublicNumbers({} as EllipticCurvePublicNumbers), {
    instanceOf: TypeError,
  });
});

// ---------------------------------------------------------------------------------------------
// Interop with PyCA

test("interop: signatures verify both ways and deterministic signatures match PyCA", (t) => {
  const hashes = [
    { make: () => new SHA256(), pyca: "SHA256" },
    { make: () => new SHA384(), pyca: "SHA384" },
    { make: () => new SHA512(), pyca: "SHA512" },
  ];
  const requests: object[] = [];
  const expectations: Array<(answer: Answer | undefined) => void> = [];
  for (const curve of CURVES) {
    for (const h of hashes) {
      const key = generatePrivateKey(curve.make());
      const d = hex(key.privateNumbers().privateValue);
      const { x, y } = key.publicKey().publicNumbers();
      const data = Buffer.from(`message for ${curve.name} ${h.pyca}`);
      const ours = key.sign(data, new ECDSA(h.make()));
      requests.push({
        op: "verify",
        curve: curve.pyca,
        x: hex(x),
        y: hex(y),
        hash: h.pyca,
        data: data.toString("hex"),
        sig: ours.toString("hex"),
      });
      expectations.push((a) =>
        t.true(field(a, "valid") as unknown as boolean, `PyCA accepts ours, ${curve.name}`),
      );
      requests.push({
        op: "sign",
        curve: curve.pyca,
        d,
        hash: h.pyca,
        data: data.toString("hex"),
        deterministic: false,
      });
      expectations.push((a) => {
        const theirs = Buffer.from(field(a, "sig"), "hex");
        t.notThrows(() => key.publicKey().verify(theirs, data, new ECDSA(h.make())), curve.name);
      });
      requests.push({
        op: "sign",
        curve: curve.pyca,
        d,
        hash: h.pyca,
        data: data.toString("hex"),
        deterministic: true,
      });
      const deterministic = key.sign(data, new ECDSA(h.make(), true)).toString("hex");
      expectations.push((a) => t.is(field(a, "sig"), deterministic, `RFC 6979 on ${curve.name}`));
      // A tampered signature is refused by PyCA too.
      const tampered = Buffer.from(ours);
      tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
      requests.push({
        op: "verify",
        curve: curve.pyca,
        x: hex(x),
        y: hex(y),
        hash: h.pyca,
        data: data.toString("hex"),
        sig: tampered.toString("hex"),
      });
      expectations.push((a) => t.false(field(a, "valid") as unknown as boolean));
    }
  }
  const answers = askPyca(requests);
  expectations.forEach((expect, i) => {
    expect(answers[i]);
  });
});

test("interop: ECDH secrets, numbers and encoded points agree with PyCA", (t) => {
  const requests: object[] = [];
  const expectations: Array<(answer: Answer | undefined) => void> = [];
  for (const curve of CURVES) {
    // PyCA's key, our peer: the shared secret agrees.
    requests.push({ op: "generate", curve: curve.pyca });
    expectations.push((a) => {
      const theirs = new EllipticCurvePublicNumbers(
        BigInt(`0x${field(a, "x")}`),
        BigInt(`0x${field(a, "y")}`),
        curve.make(),
      ).publicKey();
      const theirPrivate = derivePrivateKey(BigInt(`0x${field(a, "d")}`), curve.make());
      t.true(theirPrivate.publicKey().equals(theirs));
      const ours = generatePrivateKey(curve.make());
      const { x, y } = ours.publicKey().publicNumbers();
      const secret = ours.exchange(new ECDH(), theirs).toString("hex");
      const check = askPyca([
        { op: "exchange", curve: curve.pyca, d: field(a, "d"), peer_x: hex(x), peer_y: hex(y) },
      ]);
      t.is(field(check[0], "secret"), secret, `ECDH on ${curve.name}`);
    });
    // Our key: PyCA derives the same numbers and points from our private value.
    const key = generatePrivateKey(curve.make());
    const publicKey = key.publicKey();
    requests.push({ op: "numbers", curve: curve.pyca, d: hex(key.privateNumbers().privateValue) });
    expectations.push((a) => {
      const { x, y } = publicKey.publicNumbers();
      t.is(field(a, "x"), hex(x));
      t.is(field(a, "y"), hex(y));
      t.is(
        field(a, "compressed"),
        publicKey.publicBytes(Encoding.X962, PublicFormat.CompressedPoint).toString("hex"),
      );
      t.is(
        field(a, "uncompressed"),
        publicKey.publicBytes(Encoding.X962, PublicFormat.UncompressedPoint).toString("hex"),
      );
    });
    // PyCA decodes our compressed point to the same coordinates.
    const compressed = publicKey.publicBytes(Encoding.X962, PublicFormat.CompressedPoint);
    requests.push({ op: "from_point", curve: curve.pyca, point: compressed.toString("hex") });
    expectations.push((a) => {
      const { x, y } = publicKey.publicNumbers();
      t.is(field(a, "x"), hex(x));
      t.is(field(a, "y"), hex(y));
    });
  }
  const answers = askPyca(requests);
  expectations.forEach((expect, i) => {
    expect(answers[i]);
  });
});

test("interop: PyCA and hazmat reject the same bad points the same way", (t) => {
  const cases = [
    { curve: "SECP256R1", point: "" },
    { curve: "SECP256R1", point: "05".padEnd(66, "0") },
    { curve: "SECP256R1", point: "04".padEnd(66, "0") },
    { curve: "SECP256R1", point: "02".padEnd(66, "f") },
    { curve: "SECP256R1", point: "04".padEnd(130, "1") },
  ];
  const answers = askPyca(cases.map((c) => ({ op: "from_point", ...c })));
  cases.forEach((c, i) => {
    const answer = answers[i];
    if (answer === undefined || answer.ok) throw new Error("PyCA accepted a bad point");
    const error = t.throws(() =>
      EllipticCurvePublicKey.fromEncodedPoint(new SECP256R1(), Buffer.from(c.point, "hex")),
    );
    t.is(error?.constructor.name, answer.error);
    t.is(error?.message, answer.message);
  });
});
