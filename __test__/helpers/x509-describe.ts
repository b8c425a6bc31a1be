/**
 * The JS half of the X.509 comparison with PyCA: describes a hazmat Certificate, CSR or CRL in
 * exactly the shape `__test__/fixtures/pyca_x509.py` prints for PyCA's objects, through the
 * public `hazmat/x509` API only. Each field is its value or `{ error: ClassName }`, so a getter
 * that throws is compared at the same point as PyCA's (which decodes extensions lazily).
 * Used by vectors-x509.spec.ts and interop-x509.spec.ts.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as path from "node:path";
import { DSAPublicKey } from "hazmat/primitives/asymmetric/dsa";
import { ECDSA, EllipticCurvePublicKey } from "hazmat/primitives/asymmetric/ec";
import { Ed448PublicKey } from "hazmat/primitives/asymmetric/ed448";
import { Ed25519PublicKey } from "hazmat/primitives/asymmetric/ed25519";
import { PKCS1v15, PSS } from "hazmat/primitives/asymmetric/padding";
import { RSAPublicKey } from "hazmat/primitives/asymmetric/rsa";
import { X448PublicKey } from "hazmat/primitives/asymmetric/x448";
import { X25519PublicKey } from "hazmat/primitives/asymmetric/x25519";
import { SHA256 } from "hazmat/primitives/hashes";
import { Encoding, PublicFormat } from "hazmat/primitives/serialization";
import * as x509 from "hazmat/x509";

const ORACLE = path.join(__dirname, "..", "fixtures", "pyca_x509.py");

/** Runs `pyca_x509.py` once for a batch of requests (see that file for the ops). */
export function askPycaX509<T = unknown>(requests: readonly Record<string, unknown>[]): T[] {
  const result = spawnSync("python3", [ORACLE], {
    input: JSON.stringify({ requests }),
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `pyca_x509.py exited with ${result.status}: ${result.stderr || result.error?.message}`,
    );
  }
  const answers = JSON.parse(result.stdout) as T[];
  if (answers.length !== requests.length) {
    throw new Error(`asked ${requests.length} questions, got ${answers.length} answers`);
  }
  return answers;
}

export type Kind = "cert" | "certs" | "csr" | "crl";
export type Described = { ok: unknown } | { loadError: string };

const hex = (data: Uint8Array): string => Buffer.from(data).toString("hex");
const sha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

function errorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  return `non-Error thrown: ${String(error)}`;
}

let fieldErrorObserver: ((error: unknown) => void) | null = null;

/** Lets the fuzz loop see every error a getter throws (null to stop). */
export function onFieldError(observer: ((error: unknown) => void) | null): void {
  fieldErrorObserver = observer;
}

/** A field's value, or the class of what hazmat threw. */
function field(get: () => unknown): unknown {
  try {
    return get();
  } catch (error) {
    fieldErrorObserver?.(error);
    return { error: errorName(error) };
  }
}

const millis = (when: Date | null): number | null => (when === null ? null : when.getTime());
const dotted = (oid: x509.ObjectIdentifier): string => oid.dottedString;

function attributeValue(value: string | Uint8Array): string {
  return typeof value === "string" ? value : hex(value);
}

function rdnList(rdn: x509.RelativeDistinguishedName): [string, string][] {
  return [...rdn].map((a) => [dotted(a.oid), attributeValue(a.value)]);
}

function nameDesc(name: x509.Name): unknown {
  return { rfc4514: name.rfc4514String(), rdns: name.rdns.map(rdnList) };
}

function generalName(gn: x509.GeneralName): unknown {
  if (gn instanceof x509.DNSName) return ["dns", gn.value];
  if (gn instanceof x509.RFC822Name) return ["email", gn.value];
  if (gn instanceof x509.UniformResourceIdentifier) return ["uri", gn.value];
  if (gn instanceof x509.IPAddress) return ["ip", String(gn.value)];
  if (gn instanceof x509.DirectoryName) return ["dirName", nameDesc(gn.value)];
  if (gn instanceof x509.RegisteredID) return ["rid", dotted(gn.value)];
  if (gn instanceof x509.OtherName) return ["other", dotted(gn.typeId), hex(gn.value)];
  return ["unknown", (gn as object).constructor.name];
}

function generalNames(names: Iterable<x509.GeneralName> | null): unknown {
  return names === null ? null : [...names].map(generalName);
}

/** ReasonFlags members are their PyCA values ("keyCompromise", …). */
function reasonValue(flag: x509.ReasonFlags): string {
  return String(flag);
}

function reasons(flags: Iterable<x509.ReasonFlags> | null): string[] | null {
  return flags === null ? null : [...flags].map(reasonValue).sort();
}

function distributionPoint(dp: x509.DistributionPoint): unknown {
  return {
    fullName: generalNames(dp.fullName),
    relativeName: dp.relativeName === null ? null : rdnList(dp.relativeName),
    reasons: reasons(dp.reasons),
    crlIssuer: generalNames(dp.crlIssuer),
  };
}

function policyQualifier(q: string | x509.UserNotice): unknown {
  if (typeof q === "string") return q;
  const ref = q.noticeReference;
  return {
    noticeReference:
      ref === null
        ? null
        : { organization: ref.organization, noticeNumbers: [...ref.noticeNumbers].map(Number) },
    explicitText: q.explicitText,
  };
}

function sct(s: x509.SignedCertificateTimestamp): unknown {
  return {
    version: x509.CTVersion[s.version],
    logId: hex(s.logId),
    timestamp: s.timestamp.getTime(),
    entryType: x509.CTLogEntryType[s.entryType],
    hash: field(() => s.signatureHashAlgorithm.name),
    signatureAlgorithm: field(() => x509.CTSignatureAlgorithm[s.signatureAlgorithm]),
    signature: hex(s.signature),
    extensionBytes: hex(s.extensionBytes),
  };
}

function keyUsage(v: x509.KeyUsage): unknown {
  return {
    digitalSignature: v.digitalSignature,
    contentCommitment: v.contentCommitment,
    keyEncipherment: v.keyEncipherment,
    dataEncipherment: v.dataEncipherment,
    keyAgreement: v.keyAgreement,
    keyCertSign: v.keyCertSign,
    crlSign: v.crlSign,
    // PyCA raises ValueError for these two unless keyAgreement is set.
    encipherOnly: v.keyAgreement ? v.encipherOnly : null,
    decipherOnly: v.keyAgreement ? v.decipherOnly : null,
  };
}

/** The JS twin of `extension_value` in pyca_x509.py. */
function extensionValue(v: x509.ExtensionType): unknown {
  if (v instanceof x509.BasicConstraints) return { ca: v.ca, pathLength: v.pathLength };
  if (v instanceof x509.KeyUsage) return keyUsage(v);
  if (v instanceof x509.ExtendedKeyUsage) return { usages: [...v].map(dotted) };
  if (
    v instanceof x509.SubjectAlternativeName ||
    v instanceof x509.IssuerAlternativeName ||
    v instanceof x509.CertificateIssuer
  ) {
    return { names: [...v].map(generalName) };
  }
  if (v instanceof x509.SubjectKeyIdentifier) return { digest: hex(v.digest) };
  if (v instanceof x509.AuthorityKeyIdentifier) {
    const serial = v.authorityCertSerialNumber;
    return {
      keyIdentifier: v.keyIdentifier === null ? null : hex(v.keyIdentifier),
      authorityCertIssuer: generalNames(v.authorityCertIssuer),
      authorityCertSerialNumber: serial === null ? null : serial.toString(),
    };
  }
  if (v instanceof x509.CRLDistributionPoints || v instanceof x509.FreshestCRL) {
    return { points: [...v].map(distributionPoint) };
  }
  if (v instanceof x509.AuthorityInformationAccess || v instanceof x509.SubjectInformationAccess) {
    return {
      descriptions: [...v].map((d) => [dotted(d.accessMethod), generalName(d.accessLocation)]),
    };
  }
  if (v instanceof x509.NameConstraints) {
    return {
      permitted: generalNames(v.permittedSubtrees),
      excluded: generalNames(v.excludedSubtrees),
    };
  }
  if (v instanceof x509.PolicyConstraints) {
    return {
      requireExplicitPolicy: v.requireExplicitPolicy,
      inhibitPolicyMapping: v.inhibitPolicyMapping,
    };
  }
  if (v instanceof x509.InhibitAnyPolicy) return { skipCerts: v.skipCerts };
  if (v instanceof x509.CertificatePolicies) {
    return {
      policies: [...v].map((p) => ({
        oid: dotted(p.policyIdentifier),
        qualifiers: p.policyQualifiers === null ? null : p.policyQualifiers.map(policyQualifier),
      })),
    };
  }
  if (v instanceof x509.OCSPNoCheck || v instanceof x509.PrecertPoison) return {};
  if (v instanceof x509.TLSFeature) {
    return { features: [...v].map(Number) };
  }
  if (v instanceof x509.PrecertificateSignedCertificateTimestamps) {
    return { scts: [...v].map(sct) };
  }
  if (v instanceof x509.CRLNumber || v instanceof x509.DeltaCRLIndicator) {
    return { crlNumber: v.crlNumber.toString() };
  }
  if (v instanceof x509.IssuingDistributionPoint) {
    return {
      fullName: generalNames(v.fullName),
      relativeName: v.relativeName === null ? null : rdnList(v.relativeName),
      onlyContainsUserCerts: v.onlyContainsUserCerts,
      onlyContainsCACerts: v.onlyContainsCaCerts,
      onlySomeReasons: reasons(v.onlySomeReasons),
      indirectCRL: v.indirectCrl,
      onlyContainsAttributeCerts: v.onlyContainsAttributeCerts,
    };
  }
  if (v instanceof x509.CRLReason) return { reason: reasonValue(v.reason) };
  if (v instanceof x509.InvalidityDate) return { date: v.invalidityDateUtc.getTime() };
  if (v instanceof x509.UnrecognizedExtension) return { value: hex(v.value) };
  return { unknownClass: (v as object).constructor.name };
}

function extensions(exts: Iterable<x509.Extension<x509.ExtensionType>>): unknown {
  return [...exts].map((e) => ({
    oid: dotted(e.oid),
    critical: e.critical,
    class: e.value.constructor.name,
    value: field(() => extensionValue(e.value)),
  }));
}

function publicKeyDesc(key: unknown): unknown {
  let kind: string;
  if (key instanceof RSAPublicKey) kind = `rsa:${key.keySize}`;
  else if (key instanceof EllipticCurvePublicKey) kind = `ec:${key.curve.name}`;
  else if (key instanceof DSAPublicKey) kind = `dsa:${key.keySize}`;
  else if (key instanceof Ed25519PublicKey) kind = "ed25519";
  else if (key instanceof Ed448PublicKey) kind = "ed448";
  else if (key instanceof X25519PublicKey) kind = "x25519";
  else if (key instanceof X448PublicKey) kind = "x448";
  else kind = (key as object).constructor.name;
  const spki = (key as { publicBytes(e: Encoding, f: PublicFormat): Uint8Array }).publicBytes(
    Encoding.DER,
    PublicFormat.SubjectPublicKeyInfo,
  );
  return { kind, spki: sha256(spki) };
}

function sigParams(p: unknown): unknown {
  if (p === null) return null;
  if (p instanceof PKCS1v15) return { type: "pkcs1v15" };
  if (p instanceof PSS) {
    return {
      type: "pss",
      mgfHash: p._mgf._algorithm.name,
      saltLength: p._saltLength,
    };
  }
  if (p instanceof ECDSA) return { type: "ecdsa", hash: (p.algorithm as { name: string }).name };
  return { type: (p as object).constructor.name };
}

interface Signed {
  readonly signatureHashAlgorithm: { readonly name: string } | null;
  readonly signatureAlgorithmOid: x509.ObjectIdentifier;
  readonly signatureAlgorithmParameters: unknown;
  readonly signature: Uint8Array;
  publicBytes(encoding: Encoding): Uint8Array;
}

function signatureFields(obj: Signed): Record<string, unknown> {
  return {
    signatureHash: field(() => obj.signatureHashAlgorithm?.name ?? null),
    signatureOid: field(() => dotted(obj.signatureAlgorithmOid)),
    signatureParams: field(() => sigParams(obj.signatureAlgorithmParameters)),
    signature: field(() => hex(obj.signature)),
    der: field(() => sha256(obj.publicBytes(Encoding.DER))),
  };
}

export function describeCertificate(cert: x509.Certificate): Record<string, unknown> {
  return {
    version: field(() => cert.version.name),
    serial: field(() => cert.serialNumber.toString()),
    notBefore: field(() => millis(cert.notValidBeforeUtc)),
    notAfter: field(() => millis(cert.notValidAfterUtc)),
    issuer: field(() => nameDesc(cert.issuer)),
    subject: field(() => nameDesc(cert.subject)),
    publicKeyAlgorithmOid: field(() => dotted(cert.publicKeyAlgorithmOid)),
    publicKey: field(() => publicKeyDesc(cert.publicKey())),
    tbs: field(() => sha256(cert.tbsCertificateBytes)),
    fingerprint: field(() => hex(cert.fingerprint(new SHA256()))),
    extensions: field(() => extensions(cert.extensions)),
    ...signatureFields(cert),
  };
}

export function describeCsr(csr: x509.CertificateSigningRequest): Record<string, unknown> {
  return {
    subject: field(() => nameDesc(csr.subject)),
    publicKeyAlgorithmOid: field(() => dotted(csr.publicKeyAlgorithmOid)),
    publicKey: field(() => publicKeyDesc(csr.publicKey())),
    tbs: field(() => sha256(csr.tbsCertrequestBytes)),
    extensions: field(() => extensions(csr.extensions)),
    attributes: field(() => [...csr.attributes].map((a) => [dotted(a.oid), hex(a.value), a._type])),
    signatureValid: field(() => csr.isSignatureValid),
    ...signatureFields(csr),
  };
}

function describeRevoked(r: x509.RevokedCertificate): unknown {
  return {
    serial: field(() => r.serialNumber.toString()),
    revocationDate: field(() => millis(r.revocationDateUtc)),
    extensions: field(() => extensions(r.extensions)),
  };
}

export function describeCrl(crl: x509.CertificateRevocationList): Record<string, unknown> {
  return {
    issuer: field(() => nameDesc(crl.issuer)),
    lastUpdate: field(() => millis(crl.lastUpdateUtc)),
    nextUpdate: field(() => millis(crl.nextUpdateUtc)),
    tbs: field(() => sha256(crl.tbsCertlistBytes)),
    extensions: field(() => extensions(crl.extensions)),
    revoked: field(() => [...crl].map(describeRevoked)),
    ...signatureFields(crl),
  };
}

/** Loads `data` with hazmat's loader for `kind`/`encoding`. */
export function loadWithHazmat(kind: Kind, encoding: "pem" | "der", data: Uint8Array): unknown {
  if (kind === "certs") return x509.loadPemX509Certificates(data);
  if (kind === "cert") {
    return encoding === "pem"
      ? x509.loadPemX509Certificate(data)
      : x509.loadDerX509Certificate(data);
  }
  if (kind === "csr") {
    return encoding === "pem" ? x509.loadPemX509Csr(data) : x509.loadDerX509Csr(data);
  }
  return encoding === "pem" ? x509.loadPemX509Crl(data) : x509.loadDerX509Crl(data);
}

/** The class of what the loader throws, or "loaded". */
export function loadOutcome(kind: Kind, encoding: "pem" | "der", data: Uint8Array): string {
  try {
    loadWithHazmat(kind, encoding, data);
    return "loaded";
  } catch (error) {
    return errorName(error);
  }
}

/** Loads `data` with hazmat's loader for `kind`/`encoding` and describes it, as pyca_x509.py. */
export function describeWithHazmat(
  kind: Kind,
  encoding: "pem" | "der",
  data: Uint8Array,
): Described {
  let loaded: unknown;
  try {
    loaded = loadWithHazmat(kind, encoding, data);
  } catch (error) {
    return { loadError: errorName(error) };
  }
  if (kind === "certs") {
    return { ok: (loaded as x509.Certificate[]).map(describeCertificate) };
  }
  if (kind === "cert") return { ok: describeCertificate(loaded as x509.Certificate) };
  if (kind === "csr") return { ok: describeCsr(loaded as x509.CertificateSigningRequest) };
  return { ok: describeCrl(loaded as x509.CertificateRevocationList) };
}

/**
 * The differences between two descriptions, as "path: pyca … / hazmat …" lines (at most
 * `limit`); empty when they are equal.
 */
export function differences(
  pyca: unknown,
  ours: unknown,
  at = "",
  out: string[] = [],
  limit = 5,
): string[] {
  if (out.length >= limit) return out;
  if (Array.isArray(pyca) && Array.isArray(ours)) {
    if (pyca.length !== ours.length) {
      out.push(`${at || "."}: pyca has ${pyca.length} items, hazmat ${ours.length}`);
    }
    const n = Math.min(pyca.length, ours.length);
    for (let i = 0; i < n; i++) differences(pyca[i], ours[i], `${at}[${i}]`, out, limit);
    return out;
  }
  if (
    typeof pyca === "object" &&
    pyca !== null &&
    typeof ours === "object" &&
    ours !== null &&
    !Array.isArray(pyca) &&
    !Array.isArray(ours)
  ) {
    const keys = new Set([...Object.keys(pyca), ...Object.keys(ours)]);
    for (const key of keys) {
      differences(
        (pyca as Record<string, unknown>)[key],
        (ours as Record<string, unknown>)[key],
        `${at}.${key}`,
        out,
        limit,
      );
    }
    return out;
  }
  if (pyca !== ours) {
    const show = (v: unknown): string => {
      const text = JSON.stringify(v) ?? String(v);
      return text.length > 120 ? `${text.slice(0, 117)}...` : text;
    };
    out.push(`${at || "."}: pyca ${show(pyca)} / hazmat ${show(ours)}`);
  }
  return out;
}
