/**
 * CSRs and CRLs of cryptography-vectors read by hazmat and by PyCA 50 (`pyca_x509_check.py`):
 * every public property of representative files, the errors PyCA raises for the same files,
 * attributes, CRL entries by index, iteration and serial number, and signature checks.
 */
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import { UnsupportedAlgorithm, ValueError } from "hazmat/exceptions";
import { ECDSA } from "hazmat/primitives/asymmetric/ec";
import { PKCS1v15, PSS } from "hazmat/primitives/asymmetric/padding";
import { RSAPublicKey } from "hazmat/primitives/asymmetric/rsa";
import { SHA256 } from "hazmat/primitives/hashes";
import { Encoding, PublicFormat } from "hazmat/primitives/serialization";
import {
  Attribute,
  AttributeNotFound,
  AttributeOID,
  CertificateRevocationList,
  type CertificateSigningRequest,
  DuplicateExtension,
  InvalidVersion,
  loadDerX509Crl,
  loadDerX509Csr,
  loadPemX509Certificate,
  loadPemX509Crl,
  loadPemX509Csr,
  NameOID,
  type ObjectIdentifier,
  RevokedCertificate,
} from "hazmat/x509";
import { pycaX509, pycaX509One, x509Vector } from "./helpers/pyca-x509-check.js";

const hex = (data: Uint8Array): string => Buffer.from(data).toString("hex");

function field(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return { error: (error as Error).name };
  }
}

/** PyCA's errors without their messages (which differ by implementation), recursively. */
function withoutMessages(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMessages);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.error === "string" && "message" in record) return { error: record.error };
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, withoutMessages(v)]));
}

/**
 * PyCA's answer made comparable: no error messages, and PyCA 50's EC key class is
 * `ECPublicKey` where hazmat's is `EllipticCurvePublicKey`.
 */
function comparable(answer: Record<string, unknown>): unknown {
  const out = withoutMessages(answer) as Record<string, unknown>;
  const key = out.publicKey as { type?: string } | undefined;
  if (key?.type === "ECPublicKey") out.publicKey = { ...key, type: "EllipticCurvePublicKey" };
  return out;
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

interface Signed {
  signatureHashAlgorithm: { name: string } | null;
  signatureAlgorithmOid: ObjectIdentifier;
  signatureAlgorithmParameters: unknown;
  signature: Buffer;
  publicBytes(encoding: Encoding): Buffer;
}

function signatureFields(obj: Signed): Record<string, unknown> {
  return {
    signatureHashAlgorithm: field(() => obj.signatureHashAlgorithm?.name ?? null),
    signatureAlgorithmOid: obj.signatureAlgorithmOid.dottedString,
    signatureAlgorithmParameters: field(() => describeParameters(obj.signatureAlgorithmParameters)),
    signature: hex(obj.signature),
    der: hex(obj.publicBytes(Encoding.DER)),
    pem: obj.publicBytes(Encoding.PEM).toString("latin1"),
  };
}

function describeExtensions(
  exts: Iterable<{ oid: ObjectIdentifier; critical: boolean; value: object }>,
) {
  return [...exts].map((ext) => ({
    oid: ext.oid.dottedString,
    critical: ext.critical,
    type: ext.value.constructor.name,
  }));
}

/** hazmat's answer in the shape of `check_csr`. */
function describeCsr(csr: CertificateSigningRequest): Record<string, unknown> {
  return {
    ok: true,
    subject: hex(csr.subject.publicBytes()),
    subjectText: csr.subject.rfc4514String(),
    publicKeyAlgorithmOid: csr.publicKeyAlgorithmOid.dottedString,
    publicKey: field(() => {
      const key = csr.publicKey() as unknown as {
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
    extensions: field(() => describeExtensions(csr.extensions)),
    attributes: field(() =>
      [...csr.attributes].map((a) => ({
        oid: a.oid.dottedString,
        value: hex(a.value),
        type: a._type,
      })),
    ),
    isSignatureValid: csr.isSignatureValid,
    tbs: hex(csr.tbsCertrequestBytes),
    ...signatureFields(csr),
  };
}

/** hazmat's answer in the shape of `check_crl`. */
function describeCrl(crl: CertificateRevocationList, key?: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ok: true,
    issuer: hex(crl.issuer.publicBytes()),
    lastUpdate: crl.lastUpdateUtc.getTime(),
    nextUpdate: crl.nextUpdateUtc?.getTime() ?? null,
    extensions: field(() => describeExtensions(crl.extensions)),
    revoked: field(() =>
      [...crl].map((r) => ({
        serialNumber: r.serialNumber.toString(),
        revocationDate: r.revocationDateUtc.getTime(),
        extensions: field(() => describeExtensions(r.extensions)),
      })),
    ),
    length: crl.length,
    tbs: hex(crl.tbsCertlistBytes),
    fingerprintSha256: hex(crl.fingerprint(new SHA256())),
    ...signatureFields(crl),
  };
  if (key !== undefined) {
    out.isSignatureValid = field(() =>
      crl.isSignatureValid(key as Parameters<CertificateRevocationList["isSignatureValid"]>[0]),
    );
  }
  return out;
}

const CSRS: [string, boolean, string][] = [
  ["requests/rsa_sha256.pem", true, "RSA SHA-256"],
  ["requests/rsa_sha256.der", false, "RSA SHA-256, DER"],
  ["requests/ec_sha256.pem", true, "ECDSA"],
  ["requests/ec_sha256_old_header.pem", true, "NEW CERTIFICATE REQUEST label"],
  ["requests/dsa_sha1.pem", true, "DSA SHA-1"],
  ["requests/san_rsa_sha1.pem", true, "extension request"],
  ["requests/basic_constraints.pem", true, "basic constraints"],
  ["requests/challenge.pem", true, "challengePassword attribute"],
  ["requests/challenge-unstructured.pem", true, "two attributes"],
  ["requests/invalid_signature.pem", true, "bad signature"],
  ["requests/rsa_md4.pem", true, "MD4: unknown algorithm"],
  ["requests/two_basic_constraints.pem", true, "duplicate extension"],
  ["requests/unsupported_extension.pem", true, "unrecognized extension"],
  ["requests/challenge-multi-valued.der", false, "multi-valued attribute"],
  ["requests/challenge-invalid.der", false, "attribute value of a non-string type"],
];

for (const [file, pem, what] of CSRS) {
  test(`CSR ${file} (${what}): every property equals PyCA's`, (t) => {
    const data = x509Vector(file);
    const expected = comparable(pycaX509One({ kind: "csr", data, pem }));
    const csr = pem ? loadPemX509Csr(data) : loadDerX509Csr(data);
    t.deepEqual(describeCsr(csr), expected);
  });
}

test("an invalid CSR or CRL version is InvalidVersion with the parsed value, as PyCA's", (t) => {
  const cases: [string, (d: Uint8Array) => unknown, "csr" | "crl"][] = [
    ["requests/bad-version.pem", loadPemX509Csr, "csr"],
    ["custom/crl_bad_version.pem", loadPemX509Crl, "crl"],
  ];
  for (const [file, load, kind] of cases) {
    const data = x509Vector(file);
    const [answer] = pycaX509([{ kind, data, pem: true }]);
    t.like(answer, { ok: false, error: "InvalidVersion" });
    const error = t.throws(() => load(data), { instanceOf: InvalidVersion });
    t.is(error?.message, (answer as { message: string }).message);
    t.true(error instanceof ValueError);
    t.true(typeof error?.parsedVersion === "number" && error.parsedVersion > 0);
  }
});

test("CSR attributes: Attribute values, getAttributeForOid, AttributeNotFound", (t) => {
  const csr = loadPemX509Csr(x509Vector("requests/challenge.pem"));
  const attribute = csr.attributes.getAttributeForOid(AttributeOID.CHALLENGE_PASSWORD);
  t.true(attribute instanceof Attribute);
  t.deepEqual(attribute.value, Buffer.from("challenge me!"));
  t.is(attribute._type, 12);
  t.true(
    attribute.equals(new Attribute(AttributeOID.CHALLENGE_PASSWORD, Buffer.from("challenge me!"))),
  );
  t.false(
    attribute.equals(
      new Attribute(AttributeOID.CHALLENGE_PASSWORD, Buffer.from("challenge me!"), 19),
    ),
  );
  t.is(csr.attributes.length, 1);
  t.is(csr.attributes.at(0), attribute);
  const missing = t.throws(() => csr.attributes.getAttributeForOid(NameOID.COMMON_NAME), {
    instanceOf: AttributeNotFound,
  });
  t.is(missing?.oid, NameOID.COMMON_NAME);
  const bad = loadPemX509Csr(x509Vector("requests/invalid_signature.pem"));
  t.false(bad.isSignatureValid);
  t.throws(() => loadPemX509Csr(x509Vector("requests/two_basic_constraints.pem")).extensions, {
    instanceOf: DuplicateExtension,
  });
  t.throws(() => loadPemX509Csr(x509Vector("requests/rsa_md4.pem")).signatureHashAlgorithm, {
    instanceOf: UnsupportedAlgorithm,
  });
  const der = loadDerX509Csr(x509Vector("requests/rsa_sha256.der"));
  t.true(der.equals(loadPemX509Csr(x509Vector("requests/rsa_sha256.pem"))));
  t.false(der.equals(bad));
  t.true(backend.loadPemX509Csr(x509Vector("requests/rsa_sha256.pem")).equals(der));
  t.true(backend.loadDerX509Csr(x509Vector("requests/rsa_sha256.der")).equals(der));
});

const CRLS: [string, boolean, string][] = [
  ["custom/crl_all_reasons.pem", true, "every reason, entry extensions"],
  ["custom/crl_empty.pem", true, "no entries"],
  ["custom/crl_no_next_update.pem", true, "no nextUpdate"],
  ["custom/crl_ian_aia_aki.pem", true, "CRL extensions"],
  ["custom/crl_delta_crl_indicator.pem", true, "delta CRL"],
  ["custom/crl_dup_entry_ext.pem", true, "duplicate entry extension"],
  ["custom/crl_md2_unknown_crit_entry_ext.pem", true, "MD2, unknown critical entry extension"],
  ["custom/crl_unrecognized_extension.der", false, "unrecognized extension, DER"],
  ["custom/crl_idp_fullname_indirect_crl.pem", true, "issuing distribution point"],
  // A malformed entry extension fails only that entry's `extensions`, as in PyCA.
  ["custom/crl_inval_cert_issuer_entry_ext.pem", true, "malformed CertificateIssuer entry"],
  ["custom/crl_unsupported_reason.pem", true, "unknown CRLReason value"],
  ["custom/crl_inval_date_fractional_seconds.der", false, "fractional-second InvalidityDate"],
];

for (const [file, pem, what] of CRLS) {
  test(`CRL ${file} (${what}): every property equals PyCA's`, (t) => {
    const data = x509Vector(file);
    const expected = comparable(pycaX509One({ kind: "crl", data, pem }));
    const crl = pem ? loadPemX509Crl(data) : loadDerX509Crl(data);
    t.deepEqual(describeCrl(crl), expected);
  });
}

test("CRL signatures: valid and corrupted, checked with the issuer's key as PyCA does", (t) => {
  const issuer = loadPemX509Certificate(x509Vector("custom/valid_signature_cert.pem"));
  const key = issuer.publicKey() as unknown as {
    publicBytes(e: Encoding, f: PublicFormat): Buffer;
  };
  const spki = key.publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo);
  for (const file of ["custom/valid_signature_crl.pem", "custom/invalid_signature_crl.pem"]) {
    const data = x509Vector(file);
    const expected = comparable(pycaX509One({ kind: "crl", data, pem: true, key: spki }));
    t.deepEqual(describeCrl(loadPemX509Crl(data), issuer.publicKey()), expected, file);
  }
  t.true(
    loadPemX509Crl(x509Vector("custom/valid_signature_crl.pem")).isSignatureValid(
      issuer.publicKey(),
    ),
  );
  t.false(
    loadPemX509Crl(x509Vector("custom/invalid_signature_crl.pem")).isSignatureValid(
      issuer.publicKey(),
    ),
  );
});

test("CRL entries: at(), iteration, length and lookup by serial number", (t) => {
  const crl = loadPemX509Crl(x509Vector("custom/crl_all_reasons.pem"));
  const entries = [...crl];
  t.is(entries.length, crl.length);
  t.true(entries.every((e) => e instanceof RevokedCertificate));
  t.is(crl.at(0), entries[0]);
  t.is(crl.at(-1), entries[entries.length - 1]);
  t.is(crl.at(crl.length), undefined);
  const last = entries[entries.length - 1];
  if (last === undefined) throw new Error("empty CRL");
  t.is(crl.getRevokedCertificateBySerialNumber(last.serialNumber), last);
  t.is(crl.getRevokedCertificateBySerialNumber(5), crl.getRevokedCertificateBySerialNumber(5n));
  t.is(crl.getRevokedCertificateBySerialNumber(10n ** 30n), null);
  t.throws(() => loadPemX509Crl(x509Vector("custom/crl_dup_entry_ext.pem")).at(0)?.extensions, {
    instanceOf: DuplicateExtension,
  });
  t.is(loadPemX509Crl(x509Vector("custom/crl_no_next_update.pem")).nextUpdateUtc, null);
  t.is(loadPemX509Crl(x509Vector("custom/crl_empty.pem")).length, 0);
  const der = crl.publicBytes(Encoding.DER);
  t.true(loadDerX509Crl(der).equals(crl));
  t.true(backend.loadDerX509Crl(der).equals(crl));
  t.true(backend.loadPemX509Crl(crl.publicBytes(Encoding.PEM)).equals(crl));
  t.false(crl.equals(loadPemX509Crl(x509Vector("custom/crl_empty.pem"))));
  t.true(crl instanceof CertificateRevocationList);
});
