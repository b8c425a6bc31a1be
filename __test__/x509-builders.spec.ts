/**
 * The builders, checked by independent readers: certificates, CSRs and CRLs signed by hazmat
 * with every key type (RSA PKCS#1 v1.5 and PSS, EC with random and deterministic nonces,
 * Ed25519, Ed448, DSA, ML-DSA) are read and verified by PyCA 50 (`pyca_x509_check.py`) and,
 * where its OpenSSL 3.0 knows the algorithm, by the `openssl` command line. Then PyCA's argument
 * rules: missing fields named, fields set twice, serial and time limits, hash and padding rules.
 */
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import { UnsupportedAlgorithm, ValueError } from "hazmat/exceptions";
import * as dsa from "hazmat/primitives/asymmetric/dsa";
import * as ec from "hazmat/primitives/asymmetric/ec";
import { Ed448PrivateKey } from "hazmat/primitives/asymmetric/ed448";
import { Ed25519PrivateKey } from "hazmat/primitives/asymmetric/ed25519";
import { MLDSA44PrivateKey } from "hazmat/primitives/asymmetric/mldsa";
import { MGF1, OAEP, PKCS1v15, PSS } from "hazmat/primitives/asymmetric/padding";
import * as rsa from "hazmat/primitives/asymmetric/rsa";
import { X25519PrivateKey } from "hazmat/primitives/asymmetric/x25519";
import {
  type HashAlgorithm,
  MD5,
  SHA1,
  SHA3_256,
  SHA256,
  SHA384,
  SHA512,
  SHAKE128,
} from "hazmat/primitives/hashes";
import { Encoding, PublicFormat } from "hazmat/primitives/serialization";
import {
  _ASN1Type,
  AttributeOID,
  BasicConstraints,
  Certificate,
  CertificateBuilder,
  CertificateRevocationList,
  CertificateRevocationListBuilder,
  CertificateSigningRequest,
  CertificateSigningRequestBuilder,
  CRLNumber,
  CRLReason,
  DNSName,
  KeyUsage,
  loadPemX509Crl,
  Name,
  NameAttribute,
  NameOID,
  ObjectIdentifier,
  ReasonFlags,
  RevokedCertificateBuilder,
  randomSerialNumber,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  UnrecognizedExtension,
} from "hazmat/x509";
import { openssl, pycaX509One, tempFiles, x509Vector } from "./helpers/pyca-x509-check.js";

const hex = (data: Uint8Array): string => Buffer.from(data).toString("hex");
const isTypeError = { instanceOf: TypeError };

type AnyPrivateKey = Parameters<CertificateBuilder["sign"]>[0];
type AnyPublicKey = Parameters<CertificateBuilder["publicKey"]>[0];

interface Signer {
  label: string;
  key: () => AnyPrivateKey;
  hash: () => HashAlgorithm | null;
  options?: () => { rsaPadding?: PSS | PKCS1v15; ecdsaDeterministic?: boolean };
  /** The OpenSSL 3.0 command line can verify it. */
  cli: boolean;
  /** PyCA's report of the parameters, when not null. */
  parameters: unknown;
}

// Keys are made once per process; RSA and DSA generation is slow.
const cache = new Map<string, AnyPrivateKey>();
const once = (name: string, make: () => AnyPrivateKey) => () => {
  let key = cache.get(name);
  if (key === undefined) {
    key = make();
    cache.set(name, key);
  }
  return key;
};
const rsaKey = once("rsa", () => rsa.generatePrivateKey(65537, 2048) as AnyPrivateKey);
const ecKey = once("ec", () => ec.generatePrivateKey(new ec.SECP256R1()) as AnyPrivateKey);
const ec384Key = once("ec384", () => ec.generatePrivateKey(new ec.SECP384R1()) as AnyPrivateKey);
const dsaKey = once("dsa", () => dsa.generatePrivateKey(2048) as AnyPrivateKey);

const SIGNERS: Signer[] = [
  {
    label: "RSA PKCS#1 v1.5 SHA-256",
    key: rsaKey,
    hash: () => new SHA256(),
    cli: true,
    parameters: { type: "pkcs1v15" },
  },
  {
    label: "RSA PKCS#1 v1.5 SHA3-256",
    key: rsaKey,
    hash: () => new SHA3_256(),
    options: () => ({ rsaPadding: new PKCS1v15() }),
    cli: true,
    parameters: { type: "pkcs1v15" },
  },
  {
    label: "RSA PSS SHA-256 MAX_LENGTH",
    key: rsaKey,
    hash: () => new SHA256(),
    options: () => ({ rsaPadding: new PSS(new MGF1(new SHA256()), PSS.MAX_LENGTH) }),
    cli: true,
    // 2048-bit key: 256 - 32 - 2 bytes.
    parameters: { type: "pss", mgfHash: "sha256", saltLength: 222 },
  },
  {
    label: "RSA PSS SHA-384 DIGEST_LENGTH",
    key: rsaKey,
    hash: () => new SHA384(),
    options: () => ({ rsaPadding: new PSS(new MGF1(new SHA384()), PSS.DIGEST_LENGTH) }),
    cli: true,
    parameters: { type: "pss", mgfHash: "sha384", saltLength: 48 },
  },
  {
    label: "RSA PSS SHA-256, MGF1-SHA-512, salt 20",
    key: rsaKey,
    hash: () => new SHA256(),
    options: () => ({ rsaPadding: new PSS(new MGF1(new SHA512()), 20) }),
    cli: true,
    parameters: { type: "pss", mgfHash: "sha512", saltLength: 20 },
  },
  {
    label: "ECDSA P-256 SHA-256",
    key: ecKey,
    hash: () => new SHA256(),
    cli: true,
    parameters: { type: "ecdsa", hash: "sha256" },
  },
  {
    label: "ECDSA P-256 SHA-256 deterministic",
    key: ecKey,
    hash: () => new SHA256(),
    options: () => ({ ecdsaDeterministic: true }),
    cli: true,
    parameters: { type: "ecdsa", hash: "sha256" },
  },
  {
    label: "ECDSA P-384 SHA3-256",
    key: ec384Key,
    hash: () => new SHA3_256(),
    // OpenSSL 3.0's X.509 code has no ecdsa-with-SHA3 identifiers (added in 3.2).
    cli: false,
    parameters: { type: "ecdsa", hash: "sha3-256" },
  },
  {
    label: "Ed25519",
    key: once("ed25519", () => Ed25519PrivateKey.generate() as AnyPrivateKey),
    hash: () => null,
    cli: true,
    parameters: null,
  },
  {
    label: "Ed448",
    key: once("ed448", () => Ed448PrivateKey.generate() as AnyPrivateKey),
    hash: () => null,
    cli: true,
    parameters: null,
  },
  {
    label: "DSA SHA-256",
    key: dsaKey,
    hash: () => new SHA256(),
    cli: true,
    parameters: null,
  },
  {
    label: "ML-DSA-44",
    key: once("mldsa", () => MLDSA44PrivateKey.generate() as AnyPrivateKey),
    hash: () => null,
    // OpenSSL 3.0 predates ML-DSA.
    cli: false,
    parameters: null,
  },
];

function nameOf(cn: string): Name {
  return new Name([
    new NameAttribute(NameOID.COUNTRY_NAME, "US"),
    new NameAttribute(NameOID.ORGANIZATION_NAME, "hazmat tests"),
    new NameAttribute(NameOID.COMMON_NAME, cn),
  ]);
}

function publicOf(key: AnyPrivateKey): AnyPublicKey {
  return (key as unknown as { publicKey(): AnyPublicKey }).publicKey();
}

function spki(key: AnyPublicKey): string {
  const k = key as unknown as { publicBytes(e: Encoding, f: PublicFormat): Buffer };
  return hex(k.publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo));
}

const NOT_BEFORE = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));
const NOT_AFTER = new Date(Date.UTC(2045, 0, 1, 0, 0, 0));

function selfSignedCa(signer: Signer, serial: bigint): Certificate {
  const key = signer.key();
  const name = nameOf(`hazmat ${signer.label}`);
  return new CertificateBuilder()
    .subjectName(name)
    .issuerName(name)
    .publicKey(publicOf(key))
    .serialNumber(serial)
    .notValidBefore(NOT_BEFORE)
    .notValidAfter(NOT_AFTER)
    .addExtension(new BasicConstraints(true, null), true)
    .addExtension(new KeyUsage(true, false, false, false, false, true, true, false, false), true)
    .addExtension(new SubjectAlternativeName([new DNSName("ca.example.com")]), false)
    .addExtension(SubjectKeyIdentifier.fromPublicKey(publicOf(key)), false)
    .sign(key, signer.hash(), signer.options?.());
}

for (const signer of SIGNERS) {
  test(`certificate signed with ${signer.label}: PyCA reads and verifies it`, (t) => {
    const serial = randomSerialNumber();
    const cert = selfSignedCa(signer, serial);
    const der = cert.publicBytes(Encoding.DER);
    const answer = pycaX509One({ kind: "cert", data: der, pem: false, issuer: der });
    t.is(answer.verify, "ok");
    t.is(answer.version, "v3");
    t.is(answer.serialNumber, serial.toString());
    t.is(answer.notValidBefore, NOT_BEFORE.getTime());
    t.is(answer.notValidAfter, NOT_AFTER.getTime());
    t.is(answer.subject, hex(nameOf(`hazmat ${signer.label}`).publicBytes()));
    t.is(answer.subject, answer.issuer);
    t.deepEqual(
      (answer.extensions as { type: string; critical: boolean }[]).map((e) => [e.type, e.critical]),
      [
        ["BasicConstraints", true],
        ["KeyUsage", true],
        ["SubjectAlternativeName", false],
        ["SubjectKeyIdentifier", false],
      ],
    );
    t.is((answer.publicKey as { spki: string }).spki, spki(publicOf(signer.key())));
    t.is(answer.signatureHashAlgorithm, signer.hash()?.name ?? null);
    t.deepEqual(answer.signatureAlgorithmParameters, signer.parameters);
    // hazmat reads back what PyCA read.
    t.is(answer.signature, hex(cert.signature));
    t.is(answer.tbs, hex(cert.tbsCertificateBytes));
    t.is(cert.serialNumber, serial);
    t.is(answer.signatureAlgorithmOid, cert.signatureAlgorithmOid.dottedString);
    t.is(answer.pem, cert.publicBytes(Encoding.PEM).toString());
    t.notThrows(() => cert.verifyDirectlyIssuedBy(cert));
    if (signer.cli) {
      const files = tempFiles({ "ca.pem": cert.publicBytes(Encoding.PEM) });
      const result = openssl(["verify", "-CAfile", files["ca.pem"] ?? "", files["ca.pem"] ?? ""]);
      t.is(result.status, 0, result.output);
    }
  });
}

test("an SCT list as the only extension: tbsPrecertificateBytes equals PyCA's", (t) => {
  const key = ecKey();
  const cert = new CertificateBuilder()
    .subjectName(nameOf("precert"))
    .issuerName(nameOf("precert"))
    .publicKey(publicOf(key))
    .serialNumber(1n)
    .notValidBefore(NOT_BEFORE)
    .notValidAfter(NOT_AFTER)
    .addExtension(
      new UnrecognizedExtension(
        new ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"),
        Buffer.from("04020000", "hex"),
      ),
      false,
    )
    .sign(key, new SHA256());
  const answer = pycaX509One({ kind: "cert", data: cert.publicBytes(Encoding.DER), pem: false });
  t.is(answer.tbsPrecertificate, hex(cert.tbsPrecertificateBytes));
});

test("an Ed25519 CA certifies an X25519 key; PyCA verifies the chain", (t) => {
  const caSigner = SIGNERS.find((s) => s.label === "Ed25519");
  if (caSigner === undefined) throw new Error("signer missing");
  const ca = selfSignedCa(caSigner, 10n);
  const leafKey = X25519PrivateKey.generate().publicKey() as unknown as AnyPublicKey;
  const leaf = new CertificateBuilder()
    .subjectName(nameOf("x25519 leaf"))
    .issuerName(ca.subject)
    .publicKey(leafKey)
    .serialNumber(11n)
    .notValidBefore(NOT_BEFORE)
    .notValidAfter(NOT_AFTER)
    .sign(caSigner.key(), null);
  const answer = pycaX509One({
    kind: "cert",
    data: leaf.publicBytes(Encoding.DER),
    pem: false,
    issuer: ca.publicBytes(Encoding.DER),
  });
  t.is(answer.verify, "ok");
  t.like(answer.publicKey, { type: "X25519PublicKey", spki: spki(leafKey) });
  t.true(leaf.publicKey().equals(leafKey));
});

test("entries read from a CRL go into a new CRL unchanged", (t) => {
  const source = loadPemX509Crl(x509Vector("custom/crl_all_reasons.pem"));
  const key = ecKey();
  let builder = new CertificateRevocationListBuilder()
    .issuerName(nameOf("re-issuer"))
    .lastUpdate(NOT_BEFORE)
    .nextUpdate(NOT_AFTER);
  for (const entry of source) builder = builder.addRevokedCertificate(entry);
  const crl = builder.sign(key, new SHA256());
  const original = pycaX509One({ kind: "crl", data: source.publicBytes(Encoding.DER), pem: false });
  const copy = pycaX509One({ kind: "crl", data: crl.publicBytes(Encoding.DER), pem: false });
  t.deepEqual(copy.revoked, original.revoked);
  t.is(copy.length, source.length);
});

test("CSR attributes of non-string types round-trip as PyCA reads them", (t) => {
  const key = ecKey();
  const value = Buffer.from("00ff10", "hex");
  const csr = new CertificateSigningRequestBuilder()
    .subjectName(nameOf("attributes"))
    .addAttribute(new ObjectIdentifier("1.2.3.4"), value, { _tag: _ASN1Type.OctetString })
    .sign(key, new SHA256());
  const answer = pycaX509One({ kind: "csr", data: csr.publicBytes(Encoding.DER), pem: false });
  t.deepEqual(answer.attributes, [{ oid: "1.2.3.4", value: "00ff10", type: 4 }]);
  const [attribute] = [...csr.attributes];
  t.deepEqual(attribute?.value, value);
  t.is(attribute?._type, 4);
});

test("deterministic ECDSA gives the same signature twice; random nonces do not", (t) => {
  const det = SIGNERS.find((s) => s.label === "ECDSA P-256 SHA-256 deterministic");
  const rnd = SIGNERS.find((s) => s.label === "ECDSA P-256 SHA-256");
  if (det === undefined || rnd === undefined) throw new Error("signers missing");
  t.deepEqual(selfSignedCa(det, 7n).signature, selfSignedCa(det, 7n).signature);
  t.notDeepEqual(selfSignedCa(rnd, 7n).signature, selfSignedCa(rnd, 7n).signature);
});

test("a CA chain: an EC CA issues an RSA leaf; PyCA and openssl verify it", (t) => {
  const caSigner = SIGNERS.find((s) => s.label === "ECDSA P-256 SHA-256");
  if (caSigner === undefined) throw new Error("signer missing");
  const ca = selfSignedCa(caSigner, 1n);
  const leafKey = rsaKey();
  const leaf = new CertificateBuilder()
    .subjectName(nameOf("leaf.example.com"))
    .issuerName(ca.subject)
    .publicKey(publicOf(leafKey))
    .serialNumber(2n)
    .notValidBefore(NOT_BEFORE)
    .notValidAfter(new Date(Date.UTC(2040, 0, 1)))
    .addExtension(new SubjectAlternativeName([new DNSName("leaf.example.com")]), false)
    .sign(caSigner.key(), new SHA256());
  const answer = pycaX509One({
    kind: "cert",
    data: leaf.publicBytes(Encoding.DER),
    pem: false,
    issuer: ca.publicBytes(Encoding.DER),
  });
  t.is(answer.verify, "ok");
  t.notThrows(() => leaf.verifyDirectlyIssuedBy(ca));
  const files = tempFiles({
    "ca.pem": ca.publicBytes(Encoding.PEM),
    "leaf.pem": leaf.publicBytes(Encoding.PEM),
  });
  const result = openssl(["verify", "-CAfile", files["ca.pem"] ?? "", files["leaf.pem"] ?? ""]);
  t.is(result.status, 0, result.output);
  // Validity outside UTCTime's range is written as GeneralizedTime; PyCA reads it back.
  const far = new CertificateBuilder()
    .subjectName(nameOf("far"))
    .issuerName(ca.subject)
    .publicKey(publicOf(leafKey))
    .serialNumber(3n)
    .notValidBefore(new Date(Date.UTC(1950, 0, 1)))
    .notValidAfter(new Date(Date.UTC(2100, 5, 1, 12, 30, 15)))
    .sign(caSigner.key(), new SHA256());
  const farAnswer = pycaX509One({ kind: "cert", data: far.publicBytes(Encoding.DER), pem: false });
  t.is(farAnswer.notValidBefore, Date.UTC(1950, 0, 1));
  t.is(farAnswer.notValidAfter, Date.UTC(2100, 5, 1, 12, 30, 15));
});

for (const signer of SIGNERS) {
  test(`CSR signed with ${signer.label}: PyCA checks the signature and contents`, (t) => {
    const key = signer.key();
    const csr = new CertificateSigningRequestBuilder()
      .subjectName(nameOf("request.example.com"))
      .addExtension(new SubjectAlternativeName([new DNSName("request.example.com")]), false)
      .addExtension(new BasicConstraints(false, null), true)
      .addAttribute(AttributeOID.CHALLENGE_PASSWORD, Buffer.from("s3cret"))
      .addAttribute(new ObjectIdentifier("1.2.840.113549.1.9.2"), Buffer.from("unstructured"), {
        _tag: _ASN1Type.PrintableString,
      })
      .sign(key, signer.hash(), signer.options?.());
    const der = csr.publicBytes(Encoding.DER);
    const answer = pycaX509One({ kind: "csr", data: der, pem: false });
    t.true(answer.isSignatureValid);
    t.true(csr.isSignatureValid);
    t.is(answer.subject, hex(nameOf("request.example.com").publicBytes()));
    t.deepEqual(
      (answer.extensions as { type: string; critical: boolean }[]).map((e) => [e.type, e.critical]),
      [
        ["SubjectAlternativeName", false],
        ["BasicConstraints", true],
      ],
    );
    // PyCA lists the extensionRequest attribute too; hazmat's `attributes` leaves it out by
    // the native contract (docs/x509-api.md), so it is dropped from PyCA's list here.
    const attributes = (answer.attributes as { oid: string }[]).filter(
      (a) => a.oid !== "1.2.840.113549.1.9.14",
    );
    t.deepEqual(attributes, [
      { oid: "1.2.840.113549.1.9.7", value: hex(Buffer.from("s3cret")), type: 12 },
      { oid: "1.2.840.113549.1.9.2", value: hex(Buffer.from("unstructured")), type: 19 },
    ]);
    t.is((answer.publicKey as { spki: string }).spki, spki(publicOf(key)));
    t.deepEqual(answer.signatureAlgorithmParameters, signer.parameters);
    t.is(answer.tbs, hex(csr.tbsCertrequestBytes));
    if (signer.cli) {
      const files = tempFiles({ "req.pem": csr.publicBytes(Encoding.PEM) });
      const result = openssl(["req", "-in", files["req.pem"] ?? "", "-verify", "-noout"]);
      t.is(result.status, 0, result.output);
    }
  });
}

for (const signer of SIGNERS) {
  test(`CRL signed with ${signer.label}: PyCA checks the signature and entries`, (t) => {
    const key = signer.key();
    const ca = selfSignedCa(signer, 99n);
    const revokedAt = new Date(Date.UTC(2025, 5, 1, 8, 0, 0));
    const entries = [5n, 2n ** 158n + 1n].map((serial) =>
      new RevokedCertificateBuilder()
        .serialNumber(serial)
        .revocationDate(revokedAt)
        .addExtension(new CRLReason(ReasonFlags.key_compromise), false)
        .build(),
    );
    let builder = new CertificateRevocationListBuilder()
      .issuerName(ca.subject)
      .lastUpdate(new Date(Date.UTC(2025, 6, 1)))
      .nextUpdate(new Date(Date.UTC(2035, 6, 1)))
      .addExtension(new CRLNumber(42n), false);
    for (const entry of entries) builder = builder.addRevokedCertificate(entry);
    const crl = builder.sign(key, signer.hash(), signer.options?.());
    const answer = pycaX509One({
      kind: "crl",
      data: crl.publicBytes(Encoding.DER),
      pem: false,
      key: Buffer.from(spki(publicOf(key)), "hex"),
    });
    t.is(answer.isSignatureValid, true);
    t.true(crl.isSignatureValid(publicOf(key)));
    t.is(answer.lastUpdate, Date.UTC(2025, 6, 1));
    t.is(answer.nextUpdate, Date.UTC(2035, 6, 1));
    t.deepEqual(answer.revoked, [
      {
        serialNumber: "5",
        revocationDate: revokedAt.getTime(),
        extensions: [{ oid: "2.5.29.21", critical: false, type: "CRLReason" }],
      },
      {
        serialNumber: (2n ** 158n + 1n).toString(),
        revocationDate: revokedAt.getTime(),
        extensions: [{ oid: "2.5.29.21", critical: false, type: "CRLReason" }],
      },
    ]);
    t.is(crl.length, 2);
    t.is(
      crl.getRevokedCertificateBySerialNumber(5n)?.revocationDateUtc.getTime(),
      revokedAt.getTime(),
    );
    t.is(answer.tbs, hex(crl.tbsCertlistBytes));
    if (signer.cli) {
      const files = tempFiles({
        "ca.pem": ca.publicBytes(Encoding.PEM),
        "crl.pem": crl.publicBytes(Encoding.PEM),
      });
      const result = openssl([
        "crl",
        "-in",
        files["crl.pem"] ?? "",
        "-CAfile",
        files["ca.pem"] ?? "",
        "-noout",
      ]);
      t.is(result.status, 0, result.output);
      t.regex(result.output, /verify OK/);
    }
  });
}

test("the backend's create… methods sign as the builders do", (t) => {
  const key = ecKey();
  const name = nameOf("backend");
  const cert = backend.createX509Certificate(
    new CertificateBuilder()
      .subjectName(name)
      .issuerName(name)
      .publicKey(publicOf(key))
      .serialNumber(1n)
      .notValidBefore(NOT_BEFORE)
      .notValidAfter(NOT_AFTER),
    key,
    new SHA256(),
  );
  t.true(cert instanceof Certificate);
  t.notThrows(() => cert.verifyDirectlyIssuedBy(cert));
  const csr = backend.createX509Csr(
    new CertificateSigningRequestBuilder().subjectName(name),
    key,
    new SHA256(),
  );
  t.true(csr instanceof CertificateSigningRequest);
  t.true(csr.isSignatureValid);
  const entry = backend.createX509RevokedCertificate(
    new RevokedCertificateBuilder().serialNumber(3n).revocationDate(NOT_BEFORE),
  );
  t.is(entry.serialNumber, 3n);
  const crl = backend.createX509Crl(
    new CertificateRevocationListBuilder()
      .issuerName(name)
      .lastUpdate(NOT_BEFORE)
      .nextUpdate(NOT_AFTER)
      .addRevokedCertificate(entry),
    key,
    new SHA256(),
  );
  t.true(crl instanceof CertificateRevocationList);
  t.true(crl.isSignatureValid(publicOf(key)));
  t.throws(
    () => backend.createX509Certificate({} as CertificateBuilder, key, new SHA256()),
    isTypeError,
  );
  t.throws(
    () =>
      backend.createX509Csr(
        new CertificateBuilder() as unknown as CertificateSigningRequestBuilder,
        key,
        new SHA256(),
      ),
    isTypeError,
  );
});

// ---------------------------------------------------------------------------------------------
// PyCA's argument rules (messages as PyCA 50 words them).

function complete(): CertificateBuilder {
  const key = ecKey();
  return new CertificateBuilder()
    .subjectName(nameOf("x"))
    .issuerName(nameOf("x"))
    .publicKey(publicOf(key))
    .serialNumber(1n)
    .notValidBefore(NOT_BEFORE)
    .notValidAfter(NOT_AFTER);
}

test("CertificateBuilder.sign names the missing field, in PyCA's order", (t) => {
  const key = ecKey();
  const steps: [string, (b: CertificateBuilder) => CertificateBuilder][] = [
    ["A certificate must have a subject name", (b) => b.subjectName(nameOf("x"))],
    ["A certificate must have an issuer name", (b) => b.issuerName(nameOf("x"))],
    ["A certificate must have a serial number", (b) => b.serialNumber(1n)],
    ["A certificate must have a not valid before time", (b) => b.notValidBefore(NOT_BEFORE)],
    ["A certificate must have a not valid after time", (b) => b.notValidAfter(NOT_AFTER)],
    ["A certificate must have a public key", (b) => b.publicKey(publicOf(key))],
  ];
  let builder = new CertificateBuilder();
  for (const [message, add] of steps) {
    t.throws(() => builder.sign(key, new SHA256()), { instanceOf: ValueError, message });
    builder = add(builder);
  }
  t.true(builder.sign(key, new SHA256()) instanceof Certificate);
});

test("the other builders name their missing fields", (t) => {
  const key = ecKey();
  t.throws(() => new CertificateSigningRequestBuilder().sign(key, new SHA256()), {
    instanceOf: ValueError,
    message: "A CertificateSigningRequest must have a subject",
  });
  let crl = new CertificateRevocationListBuilder();
  for (const [message, add] of [
    [
      "A CRL must have an issuer name",
      (b: CertificateRevocationListBuilder) => b.issuerName(nameOf("x")),
    ],
    [
      "A CRL must have a last update time",
      (b: CertificateRevocationListBuilder) => b.lastUpdate(NOT_BEFORE),
    ],
    [
      "A CRL must have a next update time",
      (b: CertificateRevocationListBuilder) => b.nextUpdate(NOT_AFTER),
    ],
  ] as const) {
    t.throws(() => crl.sign(key, new SHA256()), { instanceOf: ValueError, message });
    crl = add(crl);
  }
  t.throws(() => new RevokedCertificateBuilder().build(), {
    instanceOf: ValueError,
    message: "A revoked certificate must have a serial number",
  });
  t.throws(() => new RevokedCertificateBuilder().serialNumber(1n).build(), {
    instanceOf: ValueError,
    message: "A revoked certificate must have a revocation date",
  });
});

test("builders are immutable and each field is set once", (t) => {
  const empty = new CertificateBuilder();
  const named = empty.subjectName(nameOf("a"));
  t.not(named, empty);
  // The original is untouched: it can still take a subject.
  t.notThrows(() => empty.subjectName(nameOf("b")));
  const twice: [string, () => unknown][] = [
    ["The subject name may only be set once.", () => named.subjectName(nameOf("b"))],
    ["The issuer name may only be set once.", () => complete().issuerName(nameOf("b"))],
    ["The public key may only be set once.", () => complete().publicKey(publicOf(ecKey()))],
    ["The serial number may only be set once.", () => complete().serialNumber(2n)],
    ["The not valid before may only be set once.", () => complete().notValidBefore(NOT_BEFORE)],
    ["The not valid after may only be set once.", () => complete().notValidAfter(NOT_AFTER)],
    [
      "The subject name may only be set once.",
      () =>
        new CertificateSigningRequestBuilder().subjectName(nameOf("a")).subjectName(nameOf("a")),
    ],
    [
      "Last update may only be set once.",
      () => new CertificateRevocationListBuilder().lastUpdate(NOT_BEFORE).lastUpdate(NOT_BEFORE),
    ],
    [
      "Last update may only be set once.",
      () => new CertificateRevocationListBuilder().nextUpdate(NOT_AFTER).nextUpdate(NOT_AFTER),
    ],
    [
      "The revocation date may only be set once.",
      () => new RevokedCertificateBuilder().revocationDate(NOT_BEFORE).revocationDate(NOT_BEFORE),
    ],
    [
      "This extension has already been set.",
      () =>
        complete()
          .addExtension(new BasicConstraints(true, null), true)
          .addExtension(new BasicConstraints(false, null), false),
    ],
    [
      "This attribute has already been set.",
      () =>
        new CertificateSigningRequestBuilder()
          .addAttribute(AttributeOID.CHALLENGE_PASSWORD, Buffer.from("a"))
          .addAttribute(AttributeOID.CHALLENGE_PASSWORD, Buffer.from("b")),
    ],
  ];
  for (const [message, call] of twice) {
    t.throws(call, { instanceOf: ValueError, message });
  }
});

test("serial numbers: positive and at most 159 bits; randomSerialNumber fits", (t) => {
  t.throws(() => new CertificateBuilder().serialNumber(0n), {
    instanceOf: ValueError,
    message: "The serial number should be positive.",
  });
  t.throws(() => new CertificateBuilder().serialNumber(-5n), { instanceOf: ValueError });
  t.throws(() => new CertificateBuilder().serialNumber(2n ** 159n), {
    instanceOf: ValueError,
    message: "The serial number should not be more than 159 bits.",
  });
  t.notThrows(() => new CertificateBuilder().serialNumber(2n ** 159n - 1n));
  t.notThrows(() => new CertificateBuilder().serialNumber(12));
  t.throws(() => new RevokedCertificateBuilder().serialNumber(0n), {
    instanceOf: ValueError,
    message: "The serial number should be positive",
  });
  const seen = new Set<bigint>();
  for (let i = 0; i < 32; i++) {
    const serial = randomSerialNumber();
    t.true(serial >= 0n && serial < 2n ** 159n);
    seen.add(serial);
  }
  t.is(seen.size, 32);
});

test("validity times: 1950 or later, after not before the start, seconds kept", (t) => {
  const on = (year: number, month = 0, day = 1) => new Date(Date.UTC(year, month, day));
  // Each setter call PyCA refuses, with PyCA's message (undefined: any ValueError).
  const refused: [() => unknown, string | undefined][] = [
    [
      () => new CertificateBuilder().notValidBefore(on(1949, 11, 31)),
      "The not valid before date must be on or after 1950 January 1).",
    ],
    [
      () => new CertificateBuilder().notValidAfter(on(1949, 11, 31)),
      "The not valid after date must be on or after 1950 January 1.",
    ],
    [
      () => new CertificateBuilder().notValidBefore(on(2020)).notValidAfter(on(2019)),
      "The not valid after date must be after the not valid before date.",
    ],
    [
      () => new CertificateBuilder().notValidAfter(on(2019)).notValidBefore(on(2020)),
      "The not valid before date must be before the not valid after date.",
    ],
    [
      () => new CertificateRevocationListBuilder().nextUpdate(on(2019)).lastUpdate(on(2020)),
      "The last update date must be before the next update date.",
    ],
    [() => new CertificateBuilder().notValidBefore(new Date(Number.NaN)), undefined],
    [() => new CertificateBuilder().notValidAfter(on(10000)), undefined],
  ];
  for (const [call, message] of refused) {
    t.throws(
      call,
      message === undefined ? { instanceOf: ValueError } : { instanceOf: ValueError, message },
    );
  }
  // The same instant for both ends is allowed, as in PyCA; milliseconds are dropped.
  const key = ecKey();
  const at = new Date(Date.UTC(2030, 1, 2, 3, 4, 5, 678));
  const cert = new CertificateBuilder()
    .subjectName(nameOf("t"))
    .issuerName(nameOf("t"))
    .publicKey(publicOf(key))
    .serialNumber(1n)
    .notValidBefore(at)
    .notValidAfter(at)
    .sign(key, new SHA256());
  t.is(cert.notValidBeforeUtc.getTime(), Date.UTC(2030, 1, 2, 3, 4, 5));
  t.is(cert.notValidAfterUtc.getTime(), Date.UTC(2030, 1, 2, 3, 4, 5));
});

test("sign: hash and key rules as PyCA's", (t) => {
  const builder = complete();
  const ed = Ed25519PrivateKey.generate() as AnyPrivateKey;
  t.throws(() => builder.sign(ed, new SHA256()), {
    instanceOf: ValueError,
    message: "Algorithm must be None when signing via ed25519 or ed448",
  });
  t.throws(() => builder.sign(MLDSA44PrivateKey.generate() as AnyPrivateKey, new SHA256()), {
    instanceOf: ValueError,
    message: "Algorithm must be None when signing via ml-dsa-44, ml-dsa-65, or ml-dsa-87",
  });
  t.throws(() => builder.sign(ecKey(), null), {
    ...isTypeError,
    message: "Algorithm must be a registered hash algorithm, not None.",
  });
  t.throws(() => builder.sign(ecKey(), "sha256" as unknown as SHA256), {
    ...isTypeError,
    message: "Algorithm must be a registered hash algorithm.",
  });
  for (const hash of [new MD5(), new SHA1(), new SHAKE128(16)]) {
    t.throws(() => builder.sign(rsaKey(), hash), {
      instanceOf: UnsupportedAlgorithm,
      message: `Hash algorithm "${hash.name}" not supported for signatures`,
    });
  }
  t.throws(() => builder.sign(dsaKey(), new SHA3_256()), {
    instanceOf: UnsupportedAlgorithm,
    message: "SHA3 hashes are not supported with DSA keys",
  });
  const keyTypes =
    "Key must be an rsa, dsa, ec, ed25519, ed448, ml-dsa-44, ml-dsa-65, or ml-dsa-87 private key.";
  t.throws(
    () => builder.sign(X25519PrivateKey.generate() as unknown as AnyPrivateKey, new SHA256()),
    {
      ...isTypeError,
      message: keyTypes,
    },
  );
  t.throws(() => builder.sign("key" as unknown as AnyPrivateKey, new SHA256()), {
    ...isTypeError,
    message: keyTypes,
  });
  t.throws(() => builder.sign(null as unknown as AnyPrivateKey, new SHA256()), {
    ...isTypeError,
    message: "Need private key to sign certificate",
  });
});

test("sign: rsaPadding and ecdsaDeterministic rules as PyCA's", (t) => {
  const builder = complete();
  t.throws(
    () =>
      builder.sign(rsaKey(), new SHA256(), {
        rsaPadding: new OAEP(new MGF1(new SHA1()), new SHA1(), null) as unknown as PSS,
      }),
    { ...isTypeError, message: "Padding must be PSS or PKCS1v15" },
  );
  t.throws(() => builder.sign(ecKey(), new SHA256(), { rsaPadding: new PKCS1v15() }), {
    ...isTypeError,
    message: "Padding is only supported for RSA keys",
  });
  t.throws(() => builder.sign(rsaKey(), new SHA256(), { ecdsaDeterministic: true }), {
    ...isTypeError,
    message: "Deterministic ECDSA is only supported for EC keys",
  });
  t.throws(() => builder.sign(rsaKey(), new SHA256(), { ecdsaDeterministic: false }), {
    ...isTypeError,
    message: "Deterministic ECDSA is only supported for EC keys",
  });
  t.throws(
    () =>
      builder.sign(rsaKey(), new SHA256(), {
        rsaPadding: new PSS(new MGF1(new SHA256()), PSS.AUTO),
      }),
    { ...isTypeError, message: "salt_length must be an int, MaxLength, or DigestLength." },
  );
  t.throws(
    () => builder.sign(rsaKey(), new SHA256(), { rsaPadding: new PSS(new MGF1(new SHA1()), 32) }),
    {
      instanceOf: UnsupportedAlgorithm,
      message: 'Hash algorithm "sha1" not supported for signatures',
    },
  );
  t.true(builder.sign(ecKey(), new SHA256(), { ecdsaDeterministic: false }) instanceof Certificate);
});

test("argument types: names, keys, times, extensions, attributes", (t) => {
  const b = new CertificateBuilder();
  t.throws(() => b.subjectName("CN=x" as unknown as Name), {
    ...isTypeError,
    message: "Expecting x509.Name object.",
  });
  t.throws(() => b.issuerName(null as unknown as Name), isTypeError);
  t.throws(() => b.publicKey("key" as unknown as AnyPublicKey), isTypeError);
  t.throws(() => b.publicKey(ecKey() as unknown as AnyPublicKey), isTypeError);
  t.throws(() => b.serialNumber(1.5 as unknown as bigint), {
    ...isTypeError,
    message: "Serial number must be of integral type.",
  });
  t.throws(() => b.serialNumber("1" as unknown as bigint), isTypeError);
  t.throws(() => b.notValidBefore("2020-01-01" as unknown as Date), {
    ...isTypeError,
    message: "Expecting datetime object.",
  });
  t.throws(() => b.notValidAfter(Date.now() as unknown as Date), isTypeError);
  t.throws(() => b.addExtension("ext" as unknown as BasicConstraints, false), {
    ...isTypeError,
    message: "extension must be an ExtensionType",
  });
  t.throws(() => b.addExtension(new BasicConstraints(true, null), "yes" as unknown as boolean), {
    ...isTypeError,
    message: "critical must be a boolean value",
  });
  const csr = new CertificateSigningRequestBuilder();
  t.throws(() => csr.addAttribute("1.2.3" as unknown as ObjectIdentifier, Buffer.from("x")), {
    ...isTypeError,
    message: /^oid must be an ObjectIdentifier/,
  });
  t.throws(() => csr.addAttribute(new ObjectIdentifier("1.2.3"), "x" as unknown as Uint8Array), {
    ...isTypeError,
    message: "value must be bytes",
  });
  t.throws(
    () =>
      csr.addAttribute(new ObjectIdentifier("1.2.3"), Buffer.from("x"), {
        _tag: 99 as _ASN1Type,
      }),
    { ...isTypeError, message: "tag must be _ASN1Type" },
  );
  t.throws(
    () =>
      new CertificateRevocationListBuilder().addRevokedCertificate(
        "entry" as unknown as ReturnType<RevokedCertificateBuilder["build"]>,
      ),
    { ...isTypeError, message: "Must be an instance of RevokedCertificate" },
  );
  t.throws(() => complete().sign(ecKey(), new SHA256(), "opts" as unknown as object), isTypeError);
});
