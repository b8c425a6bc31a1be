/**
 * `cryptography.x509.oid`: {@link ObjectIdentifier} and the named OID sets of PyCA
 * (`NameOID`, `ExtensionOID`, `SignatureAlgorithmOID`, …).
 *
 * ```ts
 * import { NameOID, ObjectIdentifier } from "hazmat/x509/oid";
 * new ObjectIdentifier("2.5.4.3") === NameOID.COMMON_NAME; // true: one instance per OID
 * NameOID.COMMON_NAME._name; // "commonName"
 * ```
 *
 * Instances are interned: constructing the same dotted string twice gives the same object, so
 * OIDs work as `Map` keys and with `===`, as Python's hashable `ObjectIdentifier` does in dicts.
 *
 * @module
 */
import { ValueError } from "../exceptions.js";
import { describeType, invalidType } from "../lib/validate.js";

// PyCA's parser stores arcs as 128-bit integers, so larger arcs are refused as it refuses them.
const MAX_ARC = (1n << 128n) - 1n;

/** Canonical dotted form of `value`, or a ValueError naming what PyCA would reject. */
function canonicalDotted(value: string): string {
  const arcs = value.split(".");
  const fail = (why: string) =>
    new ValueError(`invalid object identifier ${JSON.stringify(value.slice(0, 64))}: ${why}`);
  if (arcs.length < 2) throw fail("at least two arcs are required");
  const numbers: bigint[] = [];
  for (const arc of arcs) {
    if (!/^[0-9]+$/.test(arc)) throw fail("every arc must be a non-negative decimal integer");
    // 2^128 has 39 digits; checking the length first keeps BigInt off huge digit strings.
    const digits = arc.replace(/^0+(?=.)/, "");
    if (digits.length > 39) throw fail("an arc is larger than 2^128 - 1");
    const n = BigInt(digits);
    if (n > MAX_ARC) throw fail("an arc is larger than 2^128 - 1");
    numbers.push(n);
  }
  const [first, second] = numbers as [bigint, bigint];
  if (first > 2n) throw fail("the first arc must be 0, 1 or 2");
  if (first < 2n && second >= 40n)
    throw fail("the second arc must be below 40 when the first is 0 or 1");
  return numbers.join(".");
}

// Interning table. Entries are weak so OIDs read from untrusted certificates do not pile up
// for the life of the process; the named constants below are held strongly by their sets.
const interned = new Map<string, WeakRef<ObjectIdentifier>>();
const collected = new FinalizationRegistry<string>((dotted) => {
  if (interned.get(dotted)?.deref() === undefined) interned.delete(dotted);
});

/** An ASN.1 OBJECT IDENTIFIER (PyCA's `ObjectIdentifier`). */
export class ObjectIdentifier {
  /** The OID in dotted decimal form, e.g. `"2.5.4.3"`. */
  declare readonly dottedString: string;

  /**
   * @param dottedString dotted decimal arcs: at least two, the first 0–2, the second below 40
   * when the first is 0 or 1 (ValueError otherwise; a non-string is a TypeError).
   */
  constructor(dottedString: string) {
    if (typeof dottedString !== "string") {
      throw invalidType(`dottedString must be a string, got ${describeType(dottedString)}`);
    }
    const canonical = canonicalDotted(dottedString);
    const existing = interned.get(canonical)?.deref();
    if (existing !== undefined) {
      // biome-ignore lint/correctness/noConstructorReturn: interning makes OIDs usable as Map keys
      return existing;
    }
    Object.defineProperty(this, "dottedString", { value: canonical, enumerable: true });
    Object.freeze(this);
    interned.set(canonical, new WeakRef(this));
    collected.register(this, canonical);
  }

  /** PyCA's human-readable name of this OID, or `"Unknown OID"`. */
  get _name(): string {
    return OID_NAMES[this.dottedString] ?? "Unknown OID";
  }

  /** Whether `other` is the same OID (always `===` too, since OIDs are interned). */
  equals(other: unknown): boolean {
    return other instanceof ObjectIdentifier && other.dottedString === this.dottedString;
  }

  /** PyCA's repr: `<ObjectIdentifier(oid=2.5.4.3, name=commonName)>`. */
  toString(): string {
    return `<ObjectIdentifier(oid=${this.dottedString}, name=${this._name})>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

const oid = (dotted: string) => new ObjectIdentifier(dotted);

/** Attribute types of distinguished names (PyCA's `NameOID`). */
export const NameOID = Object.freeze({
  COMMON_NAME: oid("2.5.4.3"),
  COUNTRY_NAME: oid("2.5.4.6"),
  LOCALITY_NAME: oid("2.5.4.7"),
  STATE_OR_PROVINCE_NAME: oid("2.5.4.8"),
  STREET_ADDRESS: oid("2.5.4.9"),
  ORGANIZATION_IDENTIFIER: oid("2.5.4.97"),
  ORGANIZATION_NAME: oid("2.5.4.10"),
  ORGANIZATIONAL_UNIT_NAME: oid("2.5.4.11"),
  SERIAL_NUMBER: oid("2.5.4.5"),
  SURNAME: oid("2.5.4.4"),
  GIVEN_NAME: oid("2.5.4.42"),
  TITLE: oid("2.5.4.12"),
  INITIALS: oid("2.5.4.43"),
  GENERATION_QUALIFIER: oid("2.5.4.44"),
  X500_UNIQUE_IDENTIFIER: oid("2.5.4.45"),
  DN_QUALIFIER: oid("2.5.4.46"),
  PSEUDONYM: oid("2.5.4.65"),
  USER_ID: oid("0.9.2342.19200300.100.1.1"),
  DOMAIN_COMPONENT: oid("0.9.2342.19200300.100.1.25"),
  EMAIL_ADDRESS: oid("1.2.840.113549.1.9.1"),
  JURISDICTION_COUNTRY_NAME: oid("1.3.6.1.4.1.311.60.2.1.3"),
  JURISDICTION_LOCALITY_NAME: oid("1.3.6.1.4.1.311.60.2.1.1"),
  JURISDICTION_STATE_OR_PROVINCE_NAME: oid("1.3.6.1.4.1.311.60.2.1.2"),
  BUSINESS_CATEGORY: oid("2.5.4.15"),
  POSTAL_ADDRESS: oid("2.5.4.16"),
  POSTAL_CODE: oid("2.5.4.17"),
  INN: oid("1.2.643.3.131.1.1"),
  OGRN: oid("1.2.643.100.1"),
  SNILS: oid("1.2.643.100.3"),
  UNSTRUCTURED_NAME: oid("1.2.840.113549.1.9.2"),
  UNSIGNED: oid("1.3.6.1.5.5.7.25.1"),
});

/** Certificate and CRL extension types (PyCA's `ExtensionOID`). */
export const ExtensionOID = Object.freeze({
  SUBJECT_DIRECTORY_ATTRIBUTES: oid("2.5.29.9"),
  SUBJECT_KEY_IDENTIFIER: oid("2.5.29.14"),
  KEY_USAGE: oid("2.5.29.15"),
  PRIVATE_KEY_USAGE_PERIOD: oid("2.5.29.16"),
  SUBJECT_ALTERNATIVE_NAME: oid("2.5.29.17"),
  ISSUER_ALTERNATIVE_NAME: oid("2.5.29.18"),
  BASIC_CONSTRAINTS: oid("2.5.29.19"),
  NAME_CONSTRAINTS: oid("2.5.29.30"),
  CRL_DISTRIBUTION_POINTS: oid("2.5.29.31"),
  CERTIFICATE_POLICIES: oid("2.5.29.32"),
  POLICY_MAPPINGS: oid("2.5.29.33"),
  AUTHORITY_KEY_IDENTIFIER: oid("2.5.29.35"),
  POLICY_CONSTRAINTS: oid("2.5.29.36"),
  EXTENDED_KEY_USAGE: oid("2.5.29.37"),
  FRESHEST_CRL: oid("2.5.29.46"),
  INHIBIT_ANY_POLICY: oid("2.5.29.54"),
  ISSUING_DISTRIBUTION_POINT: oid("2.5.29.28"),
  AUTHORITY_INFORMATION_ACCESS: oid("1.3.6.1.5.5.7.1.1"),
  SUBJECT_INFORMATION_ACCESS: oid("1.3.6.1.5.5.7.1.11"),
  OCSP_NO_CHECK: oid("1.3.6.1.5.5.7.48.1.5"),
  TLS_FEATURE: oid("1.3.6.1.5.5.7.1.24"),
  CRL_NUMBER: oid("2.5.29.20"),
  DELTA_CRL_INDICATOR: oid("2.5.29.27"),
  PRECERT_SIGNED_CERTIFICATE_TIMESTAMPS: oid("1.3.6.1.4.1.11129.2.4.2"),
  PRECERT_POISON: oid("1.3.6.1.4.1.11129.2.4.3"),
  SIGNED_CERTIFICATE_TIMESTAMPS: oid("1.3.6.1.4.1.11129.2.4.5"),
  MS_CERTIFICATE_TEMPLATE: oid("1.3.6.1.4.1.311.21.7"),
  ADMISSIONS: oid("1.3.36.8.3.3"),
});

/** CRL entry extension types (PyCA's `CRLEntryExtensionOID`). */
export const CRLEntryExtensionOID = Object.freeze({
  CERTIFICATE_ISSUER: oid("2.5.29.29"),
  CRL_REASON: oid("2.5.29.21"),
  INVALIDITY_DATE: oid("2.5.29.24"),
});

/** Extended key usage purposes (PyCA's `ExtendedKeyUsageOID`). */
export const ExtendedKeyUsageOID = Object.freeze({
  SERVER_AUTH: oid("1.3.6.1.5.5.7.3.1"),
  CLIENT_AUTH: oid("1.3.6.1.5.5.7.3.2"),
  CODE_SIGNING: oid("1.3.6.1.5.5.7.3.3"),
  EMAIL_PROTECTION: oid("1.3.6.1.5.5.7.3.4"),
  TIME_STAMPING: oid("1.3.6.1.5.5.7.3.8"),
  OCSP_SIGNING: oid("1.3.6.1.5.5.7.3.9"),
  ANY_EXTENDED_KEY_USAGE: oid("2.5.29.37.0"),
  SMARTCARD_LOGON: oid("1.3.6.1.4.1.311.20.2.2"),
  KERBEROS_PKINIT_KDC: oid("1.3.6.1.5.2.3.5"),
  IPSEC_IKE: oid("1.3.6.1.5.5.7.3.17"),
  BUNDLE_SECURITY: oid("1.3.6.1.5.5.7.3.35"),
  CERTIFICATE_TRANSPARENCY: oid("1.3.6.1.4.1.11129.2.4.4"),
});

/** Signature algorithms of certificates, CSRs and CRLs (PyCA's `SignatureAlgorithmOID`). */
export const SignatureAlgorithmOID = Object.freeze({
  RSA_WITH_MD5: oid("1.2.840.113549.1.1.4"),
  RSA_WITH_SHA1: oid("1.2.840.113549.1.1.5"),
  /** PyCA's deprecated alias of {@link SignatureAlgorithmOID.RSA_WITH_SHA1}. */
  _RSA_WITH_SHA1: oid("1.3.14.3.2.29"),
  RSA_WITH_SHA224: oid("1.2.840.113549.1.1.14"),
  RSA_WITH_SHA256: oid("1.2.840.113549.1.1.11"),
  RSA_WITH_SHA384: oid("1.2.840.113549.1.1.12"),
  RSA_WITH_SHA512: oid("1.2.840.113549.1.1.13"),
  RSA_WITH_SHA3_224: oid("2.16.840.1.101.3.4.3.13"),
  RSA_WITH_SHA3_256: oid("2.16.840.1.101.3.4.3.14"),
  RSA_WITH_SHA3_384: oid("2.16.840.1.101.3.4.3.15"),
  RSA_WITH_SHA3_512: oid("2.16.840.1.101.3.4.3.16"),
  RSASSA_PSS: oid("1.2.840.113549.1.1.10"),
  ECDSA_WITH_SHA1: oid("1.2.840.10045.4.1"),
  ECDSA_WITH_SHA224: oid("1.2.840.10045.4.3.1"),
  ECDSA_WITH_SHA256: oid("1.2.840.10045.4.3.2"),
  ECDSA_WITH_SHA384: oid("1.2.840.10045.4.3.3"),
  ECDSA_WITH_SHA512: oid("1.2.840.10045.4.3.4"),
  ECDSA_WITH_SHA3_224: oid("2.16.840.1.101.3.4.3.9"),
  ECDSA_WITH_SHA3_256: oid("2.16.840.1.101.3.4.3.10"),
  ECDSA_WITH_SHA3_384: oid("2.16.840.1.101.3.4.3.11"),
  ECDSA_WITH_SHA3_512: oid("2.16.840.1.101.3.4.3.12"),
  DSA_WITH_SHA1: oid("1.2.840.10040.4.3"),
  DSA_WITH_SHA224: oid("2.16.840.1.101.3.4.3.1"),
  DSA_WITH_SHA256: oid("2.16.840.1.101.3.4.3.2"),
  DSA_WITH_SHA384: oid("2.16.840.1.101.3.4.3.3"),
  DSA_WITH_SHA512: oid("2.16.840.1.101.3.4.3.4"),
  ED25519: oid("1.3.101.112"),
  ED448: oid("1.3.101.113"),
  ML_DSA_44: oid("2.16.840.1.101.3.4.3.17"),
  ML_DSA_65: oid("2.16.840.1.101.3.4.3.18"),
  ML_DSA_87: oid("2.16.840.1.101.3.4.3.19"),
  GOSTR3411_94_WITH_3410_2001: oid("1.2.643.2.2.3"),
  GOSTR3410_2012_WITH_3411_2012_256: oid("1.2.643.7.1.1.3.2"),
  GOSTR3410_2012_WITH_3411_2012_512: oid("1.2.643.7.1.1.3.3"),
  UNSIGNED: oid("1.3.6.1.5.5.7.6.36"),
});

/** Subject public key algorithms (PyCA's `PublicKeyAlgorithmOID`). */
export const PublicKeyAlgorithmOID = Object.freeze({
  DSA: oid("1.2.840.10040.4.1"),
  EC_PUBLIC_KEY: oid("1.2.840.10045.2.1"),
  RSAES_PKCS1_v1_5: oid("1.2.840.113549.1.1.1"),
  RSASSA_PSS: oid("1.2.840.113549.1.1.10"),
  X25519: oid("1.3.101.110"),
  X448: oid("1.3.101.111"),
  ED25519: oid("1.3.101.112"),
  ED448: oid("1.3.101.113"),
  ML_DSA_44: oid("2.16.840.1.101.3.4.3.17"),
  ML_DSA_65: oid("2.16.840.1.101.3.4.3.18"),
  ML_DSA_87: oid("2.16.840.1.101.3.4.3.19"),
  ML_KEM_768: oid("2.16.840.1.101.3.4.4.2"),
  ML_KEM_1024: oid("2.16.840.1.101.3.4.4.3"),
});

/** Access methods of the AuthorityInformationAccess extension. */
export const AuthorityInformationAccessOID = Object.freeze({
  CA_ISSUERS: oid("1.3.6.1.5.5.7.48.2"),
  OCSP: oid("1.3.6.1.5.5.7.48.1"),
});

/** Access methods of the SubjectInformationAccess extension. */
export const SubjectInformationAccessOID = Object.freeze({
  CA_REPOSITORY: oid("1.3.6.1.5.5.7.48.5"),
});

/** Policy qualifier types and anyPolicy (PyCA's `CertificatePoliciesOID`). */
export const CertificatePoliciesOID = Object.freeze({
  CPS_QUALIFIER: oid("1.3.6.1.5.5.7.2.1"),
  CPS_USER_NOTICE: oid("1.3.6.1.5.5.7.2.2"),
  ANY_POLICY: oid("2.5.29.32.0"),
});

/** CSR attribute types (PyCA's `AttributeOID`). */
export const AttributeOID = Object.freeze({
  CHALLENGE_PASSWORD: oid("1.2.840.113549.1.9.7"),
  UNSTRUCTURED_NAME: oid("1.2.840.113549.1.9.2"),
});

/** OCSP extension types (PyCA's `OCSPExtensionOID`). */
export const OCSPExtensionOID = Object.freeze({
  NONCE: oid("1.3.6.1.5.5.7.48.1.2"),
  ACCEPTABLE_RESPONSES: oid("1.3.6.1.5.5.7.48.1.4"),
});

/** Type ids of OtherName general names (PyCA's `OtherNameFormOID`). */
export const OtherNameFormOID = Object.freeze({
  PERMANENT_IDENTIFIER: oid("1.3.6.1.5.5.7.8.3"),
  HW_MODULE_NAME: oid("1.3.6.1.5.5.7.8.4"),
  DNS_SRV: oid("1.3.6.1.5.5.7.8.7"),
  NAI_REALM: oid("1.3.6.1.5.5.7.8.8"),
  SMTP_UTF8_MAILBOX: oid("1.3.6.1.5.5.7.8.9"),
  ACP_NODE_NAME: oid("1.3.6.1.5.5.7.8.10"),
  BUNDLE_EID: oid("1.3.6.1.5.5.7.8.11"),
});

/** PyCA's `_OID_NAMES`: the names `ObjectIdentifier._name` reports, keyed by dotted string. */
const OID_NAMES: Readonly<Record<string, string>> = Object.freeze({
  "2.5.4.3": "commonName",
  "2.5.4.6": "countryName",
  "2.5.4.7": "localityName",
  "2.5.4.8": "stateOrProvinceName",
  "2.5.4.9": "streetAddress",
  "2.5.4.10": "organizationName",
  "2.5.4.11": "organizationalUnitName",
  "2.5.4.5": "serialNumber",
  "2.5.4.4": "surname",
  "2.5.4.42": "givenName",
  "2.5.4.12": "title",
  "2.5.4.44": "generationQualifier",
  "2.5.4.45": "x500UniqueIdentifier",
  "2.5.4.46": "dnQualifier",
  "2.5.4.65": "pseudonym",
  "0.9.2342.19200300.100.1.1": "userID",
  "0.9.2342.19200300.100.1.25": "domainComponent",
  "1.2.840.113549.1.9.1": "emailAddress",
  "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionCountryName",
  "1.3.6.1.4.1.311.60.2.1.1": "jurisdictionLocalityName",
  "1.3.6.1.4.1.311.60.2.1.2": "jurisdictionStateOrProvinceName",
  "2.5.4.15": "businessCategory",
  "2.5.4.16": "postalAddress",
  "2.5.4.17": "postalCode",
  "1.2.643.3.131.1.1": "INN",
  "1.2.643.100.1": "OGRN",
  "1.2.643.100.3": "SNILS",
  "1.2.840.113549.1.9.2": "unstructuredName",
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.113549.1.1.14": "sha224WithRSAEncryption",
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.113549.1.1.10": "rsassaPss",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10045.4.3.1": "ecdsa-with-SHA224",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
  "1.2.840.10040.4.3": "dsa-with-sha1",
  "2.16.840.1.101.3.4.3.1": "dsa-with-sha224",
  "2.16.840.1.101.3.4.3.2": "dsa-with-sha256",
  "1.3.101.112": "ed25519",
  "1.3.101.113": "ed448",
  "2.16.840.1.101.3.4.3.17": "ML-DSA-44",
  "2.16.840.1.101.3.4.3.18": "ML-DSA-65",
  "2.16.840.1.101.3.4.3.19": "ML-DSA-87",
  "1.2.643.2.2.3": "GOST R 34.11-94 with GOST R 34.10-2001",
  "1.2.643.7.1.1.3.2": "GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)",
  "1.2.643.7.1.1.3.3": "GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)",
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
  "1.3.6.1.4.1.37476.3.2.1.99.7.224": "sha3_224",
  "1.3.6.1.4.1.37476.3.2.1.99.7.256": "sha3_256",
  "1.3.6.1.4.1.37476.3.2.1.99.7.384": "sha3_384",
  "1.3.6.1.4.1.37476.3.2.1.99.7.512": "sha3_512",
  "2.16.840.1.101.3.4.2.7": "sha3_224",
  "2.16.840.1.101.3.4.2.8": "sha3_256",
  "2.16.840.1.101.3.4.2.9": "sha3_384",
  "2.16.840.1.101.3.4.2.10": "sha3_512",
  "1.2.840.10040.4.1": "dsaEncryption",
  "1.2.840.10045.2.1": "id-ecPublicKey",
  "1.2.840.113549.1.1.1": "rsaEncryption",
  "1.3.101.110": "X25519",
  "1.3.101.111": "X448",
  "1.3.6.1.5.5.7.3.1": "serverAuth",
  "1.3.6.1.5.5.7.3.2": "clientAuth",
  "1.3.6.1.5.5.7.3.3": "codeSigning",
  "1.3.6.1.5.5.7.3.4": "emailProtection",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
  "1.3.6.1.4.1.311.20.2.2": "msSmartcardLogin",
  "1.3.6.1.5.2.3.5": "pkInitKDC",
  "2.5.29.9": "subjectDirectoryAttributes",
  "2.5.29.14": "subjectKeyIdentifier",
  "2.5.29.15": "keyUsage",
  "2.5.29.16": "privateKeyUsagePeriod",
  "2.5.29.17": "subjectAltName",
  "2.5.29.18": "issuerAltName",
  "2.5.29.19": "basicConstraints",
  "1.3.6.1.4.1.11129.2.4.2": "signedCertificateTimestampList",
  "1.3.6.1.4.1.11129.2.4.5": "signedCertificateTimestampList",
  "1.3.6.1.4.1.11129.2.4.3": "ctPoison",
  "1.3.6.1.4.1.311.21.7": "msCertificateTemplate",
  "1.3.36.8.3.3": "Admissions",
  "2.5.29.21": "cRLReason",
  "2.5.29.24": "invalidityDate",
  "2.5.29.29": "certificateIssuer",
  "2.5.29.30": "nameConstraints",
  "2.5.29.31": "cRLDistributionPoints",
  "2.5.29.32": "certificatePolicies",
  "2.5.29.33": "policyMappings",
  "2.5.29.35": "authorityKeyIdentifier",
  "2.5.29.36": "policyConstraints",
  "2.5.29.37": "extendedKeyUsage",
  "2.5.29.46": "freshestCRL",
  "2.5.29.54": "inhibitAnyPolicy",
  "2.5.29.28": "issuingDistributionPoint",
  "1.3.6.1.5.5.7.1.1": "authorityInfoAccess",
  "1.3.6.1.5.5.7.1.11": "subjectInfoAccess",
  "1.3.6.1.5.5.7.48.1.5": "OCSPNoCheck",
  "2.5.29.20": "cRLNumber",
  "2.5.29.27": "deltaCRLIndicator",
  "1.3.6.1.5.5.7.1.24": "TLSFeature",
  "1.3.6.1.5.5.7.48.1": "OCSP",
  "1.3.6.1.5.5.7.48.2": "caIssuers",
  "1.3.6.1.5.5.7.48.5": "caRepository",
  "1.3.6.1.5.5.7.2.1": "id-qt-cps",
  "1.3.6.1.5.5.7.2.2": "id-qt-unotice",
  "1.3.6.1.5.5.7.48.1.2": "OCSPNonce",
  "1.2.840.113549.1.9.7": "challengePassword",
});

/**
 * The OID of a checked argument: an {@link ObjectIdentifier}, else a TypeError naming `name`.
 * @internal
 */
export function checkOid(name: string, value: unknown): ObjectIdentifier {
  if (value instanceof ObjectIdentifier) return value;
  throw invalidType(`${name} must be an ObjectIdentifier, got ${describeType(value)}`);
}
