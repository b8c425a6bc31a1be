/**
 * Certificates read by hazmat and by PyCA 50 (`pyca_x509_check.py`): every public property of
 * representative files of cryptography-vectors (RSA PKCS#1 v1.5 and PSS, EC, Ed25519, Ed448,
 * DSA, a v1 certificate, a negative serial, many extensions, DER input), then the errors PyCA
 * raises for the same files (unknown signature algorithm, duplicate extension, unknown key
 * type, invalid version), the multi-certificate loader, issuer verification, equality and the
 * backend's loaders.
 */
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import { InvalidSignature, UnsupportedAlgorithm, ValueError } from "hazmat/exceptions";
import { ECDSA } from "hazmat/primitives/asymmetric/ec";
import { PKCS1v15, PSS } from "hazmat/primitives/asymmetric/padding";
import { RSAPublicKey } from "hazmat/primitives/asymmetric/rsa";
import { SHA1, SHA256 } from "hazmat/primitives/hashes";
import { Encoding, PublicFormat } from "hazmat/primitives/serialization";
import {
  Certificate,
  DuplicateExtension,
  InvalidVersion,
  loadDerX509Certificate,
  loadPemX509Certificate,
  loadPemX509Certificates,
  UnsupportedGeneralNameType,
  Version,
} from "hazmat/x509";
import { pycaX509, pycaX509One, x509Vector } from "./helpers/pyca-x509-check.js";

const hex = (data: Uint8Array): string => Buffer.from(data).toString("hex");

/** A getter's value, or the class of the error it throws (messages differ by implementation). */
function field(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return { error: (error as Error).name };
  }
}

/**
 * PyCA's field answers with error messages dropped, to compare with {@link field}. PyCA 50
 * names its EC key class `ECPublicKey` (the `EllipticCurvePublicKey` interface's concrete
 * class); hazmat's class is `EllipticCurvePublicKey`.
 */
function withoutMessages(answer: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answer)) {
    const error = (value as { error?: unknown } | null)?.error;
    out[key] = typeof error === "string" ? { error } : value;
  }
  const key = out.publicKey as { type?: string } | undefined;
  if (key?.type === "ECPublicKey") out.publicKey = { ...key, type: "EllipticCurvePublicKey" };
  return out;
}

/**
 * Files whose SubjectPublicKeyInfo is id-RSASSA-PSS: PyCA re-encodes such a key as
 * rsaEncryption, hazmat's RSA key keeps the PSS identifier. The key itself (PKCS#1 form) must
 * still be equal, so only the SPKI bytes are left out of the comparison.
 */
const RSA_PSS_KEY_FILES = new Set(["custom/rsa_pss_cert.pem"]);

function withoutSpki(described: Record<string, unknown>): Record<string, unknown> {
  const { spki: _spki, ...rest } = described.publicKey as Record<string, unknown>;
  return { ...described, publicKey: rest };
}

function describeParameters(params: unknown): unknown {
  if (params === null) return null;
  if (params instanceof PKCS1v15) return { type: "pkcs1v15" };
  if (params instanceof PSS) {
    const mgf = params.mgf as unknown as { _algorithm: { name: string } };
    return { type: "pss", mgfHash: mgf._algorithm.name, saltLength: params._saltLength };
  }
  if (params instanceof ECDSA) {
    return { type: "ecdsa", hash: (params.algorithm as { name: string }).name };
  }
  return { type: String(params) };
}

/** hazmat's answer in the shape of `check_cert` in pyca_x509_check.py. */
function describe(cert: Certificate): Record<string, unknown> {
  return {
    ok: true,
    version: field(() => cert.version.name),
    serialNumber: cert.serialNumber.toString(),
    notValidBefore: cert.notValidBeforeUtc.getTime(),
    notValidAfter: cert.notValidAfterUtc.getTime(),
    issuer: hex(cert.issuer.publicBytes()),
    subject: hex(cert.subject.publicBytes()),
    issuerText: cert.issuer.rfc4514String(),
    subjectText: cert.subject.rfc4514String(),
    publicKeyAlgorithmOid: cert.publicKeyAlgorithmOid.dottedString,
    publicKey: field(() => {
      const key = cert.publicKey() as unknown as {
        publicBytes(e: Encoding, f: PublicFormat): Buffer;
      };
      const out: Record<string, string> = {
        type: key.constructor.name,
        spki: hex(key.publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)),
      };
      if (key instanceof RSAPublicKey) {
        out.pkcs1 = hex(key.publicBytes(Encoding.DER, PublicFormat.PKCS1));
      }
      return out;
    }),
    extensions: field(() =>
      [...cert.extensions].map((ext) => ({
        oid: ext.oid.dottedString,
        critical: ext.critical,
        type: ext.value.constructor.name,
      })),
    ),
    tbs: hex(cert.tbsCertificateBytes),
    tbsPrecertificate: field(() => hex(cert.tbsPrecertificateBytes)),
    fingerprintSha256: hex(cert.fingerprint(new SHA256())),
    fingerprintSha1: hex(cert.fingerprint(new SHA1())),
    signatureHashAlgorithm: field(() => cert.signatureHashAlgorithm?.name ?? null),
    signatureAlgorithmOid: cert.signatureAlgorithmOid.dottedString,
    signatureAlgorithmParameters: field(() =>
      describeParameters(cert.signatureAlgorithmParameters),
    ),
    signature: hex(cert.signature),
    der: hex(cert.publicBytes(Encoding.DER)),
    pem: cert.publicBytes(Encoding.PEM).toString("latin1"),
  };
}

/** Representative files: what each one stands for. */
const FILES: [string, string][] = [
  ["custom/rsa_pss_cert.pem", "RSA-PSS signature with explicit parameters"],
  ["custom/negative_serial.pem", "negative serial, seven extensions"],
  ["v1_cert.pem", "version 1, no extensions"],
  ["ecdsa_root.pem", "ECDSA P-384 root"],
  ["ed25519/root-ed25519.pem", "Ed25519"],
  ["ed448/root-ed448.pem", "Ed448"],
  ["custom/dsa_selfsigned_ca.pem", "DSA"],
  ["cryptography.io.pem", "a real server certificate"],
  ["letsencryptx3.pem", "an intermediate with AIA, policies, CRL DP"],
  ["custom/all_supported_names.pem", "every name attribute type"],
  ["custom/cp_user_notice_with_notice_reference.pem", "certificate policies"],
  ["verisign_md2_root.pem", "MD2 signature: unknown algorithm"],
  ["custom/two_basic_constraints.pem", "duplicate extension"],
  ["custom/unsupported_subject_public_key_info.pem", "unknown key type"],
  ["custom/rsa_pss_sha256_no_null.pem", "PSS without NULL parameters"],
  ["cryptography-scts.pem", "embedded SCT list"],
  ["badssl-sct.pem", "embedded SCT list, three SCTs"],
];

for (const [file, what] of FILES) {
  test(`${file} (${what}): every property equals PyCA's`, (t) => {
    const data = x509Vector(file);
    const expected = withoutMessages(pycaX509One({ kind: "cert", data, pem: true }));
    const actual = describe(loadPemX509Certificate(data));
    if (RSA_PSS_KEY_FILES.has(file)) {
      t.deepEqual(withoutSpki(actual), withoutSpki(expected));
    } else {
      t.deepEqual(actual, expected);
    }
  });
}

test("DER input: e-trust.ru.der equals PyCA's reading, and PEM output loads back", (t) => {
  const data = x509Vector("e-trust.ru.der");
  const expected = withoutMessages(pycaX509One({ kind: "cert", data, pem: false }));
  const cert = loadDerX509Certificate(data);
  t.deepEqual(describe(cert), expected);
  t.true(loadPemX509Certificate(cert.publicBytes(Encoding.PEM)).equals(cert));
});

for (const file of ["san_x400address.der", "san_edipartyname.der"]) {
  test(`${file}: a general name PyCA cannot represent is UnsupportedGeneralNameType, as in PyCA`, (t) => {
    const data = x509Vector(file);
    const expected = withoutMessages(pycaX509One({ kind: "cert", data, pem: false }));
    const cert = loadDerX509Certificate(data);
    t.deepEqual(describe(cert), expected);
    const error = t.throws(() => cert.extensions, { instanceOf: UnsupportedGeneralNameType });
    t.is(error?.name, "UnsupportedGeneralNameType");
    t.false(error instanceof UnsupportedAlgorithm);
    // The subject and the signature do not depend on the extensions.
    t.true(cert.subject.length > 0);
  });
}

test("the error classes match PyCA's exactly where PyCA raises them", (t) => {
  const md2 = loadPemX509Certificate(x509Vector("verisign_md2_root.pem"));
  const unknown = t.throws(() => md2.signatureHashAlgorithm, { instanceOf: UnsupportedAlgorithm });
  t.is(unknown?.message, "Signature algorithm OID: 1.2.840.113549.1.1.2 not recognized");
  const dup = loadPemX509Certificate(x509Vector("custom/two_basic_constraints.pem"));
  const duplicate = t.throws(() => dup.extensions, { instanceOf: DuplicateExtension });
  t.is(duplicate?.message, "Duplicate 2.5.29.19 extension found");
  const spki = loadPemX509Certificate(x509Vector("custom/unsupported_subject_public_key_info.pem"));
  t.throws(() => spki.publicKey(), { instanceOf: UnsupportedAlgorithm });
});

test("InvalidVersion carries the parsed version, as PyCA's", (t) => {
  const data = x509Vector("custom/invalid_version.pem");
  const [answer] = pycaX509([{ kind: "cert", data, pem: true }]);
  t.like(answer, { ok: false, error: "InvalidVersion" });
  const error = t.throws(() => loadPemX509Certificate(data), { instanceOf: InvalidVersion });
  t.true(error instanceof ValueError);
  t.is(error?.parsedVersion, 7);
  t.is(error?.message, (answer as { message: string }).message);
});

test("tbsPrecertificateBytes is the TBS a CT log signed (the vectors' expected bytes)", (t) => {
  const cert = loadPemX509Certificate(x509Vector("cryptography-scts.pem"));
  t.deepEqual(cert.tbsPrecertificateBytes, x509Vector("cryptography-scts-tbs-precert.der"));
  const plain = loadPemX509Certificate(x509Vector("cryptography.io.pem"));
  t.throws(() => plain.tbsPrecertificateBytes, {
    instanceOf: ValueError,
    message: "Could not find pre-certificate SCT list extension",
  });
  t.throws(() => loadPemX509Certificate(x509Vector("v1_cert.pem")).tbsPrecertificateBytes, {
    instanceOf: ValueError,
  });
});

test("Version is PyCA's enum: v1 = 0, v3 = 2", (t) => {
  t.is(Version.v1.value, 0);
  t.is(Version.v3.value, 2);
  t.is(Version.v3.name, "v3");
  t.is(loadPemX509Certificate(x509Vector("v1_cert.pem")).version, Version.v1);
  t.is(loadPemX509Certificate(x509Vector("cryptography.io.pem")).version, Version.v3);
});

test("typed values: bigint serial, Date validity, hash and parameter classes", (t) => {
  const cert = loadPemX509Certificate(x509Vector("custom/rsa_pss_cert.pem"));
  t.is(typeof cert.serialNumber, "bigint");
  t.true(cert.notValidBeforeUtc instanceof Date);
  t.true(cert.signatureHashAlgorithm instanceof SHA256);
  const pss = cert.signatureAlgorithmParameters;
  t.true(pss instanceof PSS);
  const negative = loadPemX509Certificate(x509Vector("custom/negative_serial.pem"));
  t.true(negative.serialNumber < 0n);
  const ed = loadPemX509Certificate(x509Vector("ed25519/root-ed25519.pem"));
  t.is(ed.signatureHashAlgorithm, null);
  t.is(ed.signatureAlgorithmParameters, null);
  const ec = loadPemX509Certificate(x509Vector("ecdsa_root.pem"));
  const ecdsa = ec.signatureAlgorithmParameters;
  t.true(ecdsa instanceof ECDSA);
  t.is(
    ((ecdsa as ECDSA).algorithm as object).constructor,
    (ec.signatureHashAlgorithm as object).constructor,
  );
});

test("names and extensions are computed once and the same object is returned", (t) => {
  const cert = loadPemX509Certificate(x509Vector("cryptography.io.pem"));
  t.is(cert.subject, cert.subject);
  t.is(cert.issuer, cert.issuer);
  t.is(cert.extensions, cert.extensions);
});

test("loadPemX509Certificates reads every certificate of a chain, as PyCA", (t) => {
  for (const file of ["cryptography.io.chain.pem", "cryptography.io.chain_with_garbage.pem"]) {
    const data = x509Vector(file);
    const certs = loadPemX509Certificates(data);
    t.true(certs.length >= 2, file);
    // PyCA's answer for each block, read one by one from our DER output.
    const answers = pycaX509(
      certs.map((c) => ({ kind: "cert" as const, data: c.publicBytes(Encoding.DER), pem: false })),
    );
    answers.forEach((answer, i) => {
      t.true(answer.ok, `${file} #${i}`);
    });
    t.true(certs[0]?.equals(loadPemX509Certificate(data)));
  }
  const none = t.throws(() => loadPemX509Certificates(Buffer.from("no certificates here\n")), {
    instanceOf: ValueError,
  });
  t.truthy(none?.message);
});

test("PEM variants (headers, old label, surrounding garbage) load as PyCA loads them", (t) => {
  const files = [
    "cryptography.io.with_headers.pem",
    "cryptography.io.old_header.pem",
    "cryptography.io.with_garbage.pem",
    "cryptography.io.chain_with_garbage.pem",
  ];
  const answers = pycaX509(
    files.map((f) => ({ kind: "cert" as const, data: x509Vector(f), pem: true })),
  );
  files.forEach((file, i) => {
    const answer = answers[i] as { ok: boolean; der?: string; error?: string };
    if (answer.ok) {
      t.is(
        answer.der,
        hex(loadPemX509Certificate(x509Vector(file)).publicBytes(Encoding.DER)),
        file,
      );
    } else {
      t.is(answer.error, "ValueError", file);
      t.throws(() => loadPemX509Certificate(x509Vector(file)), { instanceOf: ValueError }, file);
    }
  });
});

test("verifyDirectlyIssuedBy agrees with PyCA on a chain, a wrong issuer and a bad signature", (t) => {
  const [leaf, intermediate] = loadPemX509Certificates(x509Vector("cryptography.io.chain.pem"));
  if (leaf === undefined || intermediate === undefined) throw new Error("chain too short");
  const answer = pycaX509One({
    kind: "cert",
    data: leaf.publicBytes(Encoding.DER),
    pem: false,
    issuer: intermediate.publicBytes(Encoding.DER),
  });
  t.is(answer.verify, "ok");
  t.notThrows(() => leaf.verifyDirectlyIssuedBy(intermediate));

  // The leaf is not its own issuer: PyCA says ValueError (issuer name mismatch).
  const self = pycaX509One({
    kind: "cert",
    data: leaf.publicBytes(Encoding.DER),
    pem: false,
    issuer: leaf.publicBytes(Encoding.DER),
  });
  t.like(self.verify, { error: "ValueError" });
  t.throws(() => leaf.verifyDirectlyIssuedBy(leaf), { instanceOf: ValueError });

  // Self-signed, with the last signature byte flipped.
  const der = loadPemX509Certificate(x509Vector("custom/valid_signature_cert.pem")).publicBytes(
    Encoding.DER,
  );
  der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 0x01;
  const bad = loadDerX509Certificate(der);
  const badAnswer = pycaX509One({
    kind: "cert",
    data: bad.publicBytes(Encoding.DER),
    pem: false,
    issuer: bad.publicBytes(Encoding.DER),
  });
  t.like(badAnswer.verify, { error: "InvalidSignature" });
  t.throws(() => bad.verifyDirectlyIssuedBy(bad), { instanceOf: InvalidSignature });
  const good = loadPemX509Certificate(x509Vector("custom/valid_signature_cert.pem"));
  t.notThrows(() => good.verifyDirectlyIssuedBy(good));

  // A correct self-signature with SHA-1: PyCA 50 refuses the algorithm (ValueError).
  const sha1 = loadPemX509Certificate(x509Vector("custom/dsa_selfsigned_ca.pem"));
  const sha1Der = sha1.publicBytes(Encoding.DER);
  const sha1Answer = pycaX509One({ kind: "cert", data: sha1Der, pem: false, issuer: sha1Der });
  t.like(sha1Answer.verify, { error: "ValueError" });
  t.throws(() => sha1.verifyDirectlyIssuedBy(sha1), {
    instanceOf: ValueError,
    message: "Unsupported signature algorithm",
  });
});

test("equals compares the encoding", (t) => {
  const a = loadPemX509Certificate(x509Vector("cryptography.io.pem"));
  const b = loadDerX509Certificate(a.publicBytes(Encoding.DER));
  const c = loadPemX509Certificate(x509Vector("letsencryptx3.pem"));
  t.true(a.equals(b));
  t.false(a.equals(c));
  t.false(a.equals("not a certificate"));
  t.false(a.equals(null));
});

test("the backend's loaders return the same certificates", (t) => {
  const pem = x509Vector("cryptography.io.pem");
  const viaBackend = backend.loadPemX509Certificate(pem);
  t.true(viaBackend instanceof Certificate);
  t.true(viaBackend.equals(loadPemX509Certificate(pem)));
  t.true(backend.loadDerX509Certificate(viaBackend.publicBytes(Encoding.DER)).equals(viaBackend));
  t.deepEqual(backend.x509NameBytes(viaBackend.subject), viaBackend.subject.publicBytes());
});

test("Certificate cannot be constructed directly", (t) => {
  const Ctor = Certificate as unknown as new (...args: unknown[]) => Certificate;
  t.throws(() => new Ctor(Symbol("x"), {}), { instanceOf: TypeError });
});
