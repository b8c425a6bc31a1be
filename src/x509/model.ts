/**
 * The plain-data model of X.509 objects exchanged with the native layer. Twin of
 * `crates/x509/src/model.rs` (read its conventions there); the two change together.
 *
 * Bytes are lowercase hex, big integers hex of the magnitude ("-" prefixed when negative),
 * times whole milliseconds since the epoch, OIDs dotted strings.
 */

export type Hex = string;
export type HexInteger = string;
export type Millis = number;

export interface NameAttributeModel {
  oid: string;
  /** ASN.1 universal tag of the string type (12 UTF8String, 19 PrintableString, 3 BIT STRING, …). */
  tag: number;
  /** The text, or hex of the bits when `tag` is 3. */
  value: string;
}
export type RdnModel = NameAttributeModel[];
export type NameModel = RdnModel[];

export type GeneralNameModel =
  | { type: "dns"; value: string }
  | { type: "email"; value: string }
  | { type: "uri"; value: string }
  /** 4/16 address bytes, or 8/32 (address then mask) for a network. */
  | { type: "ip"; value: Hex }
  | { type: "dirName"; value: NameModel }
  | { type: "rid"; value: string }
  /** `value` is the DER of the value inside the [0] EXPLICIT wrapper. */
  | { type: "other"; typeId: string; value: Hex };

/** PyCA ReasonFlags values ("keyCompromise", "cACompromise", …). */
export type ReasonModel = string;

export interface DistributionPointModel {
  fullName: GeneralNameModel[] | null;
  relativeName: RdnModel | null;
  reasons: ReasonModel[] | null;
  crlIssuer: GeneralNameModel[] | null;
}

export interface AccessDescriptionModel {
  method: string;
  location: GeneralNameModel;
}

export interface NoticeReferenceModel {
  organization: string;
  noticeNumbers: number[];
}

export type PolicyQualifierModel =
  | { type: "cps"; uri: string }
  | {
      type: "userNotice";
      noticeReference: NoticeReferenceModel | null;
      explicitText: string | null;
    };

export interface PolicyInformationModel {
  oid: string;
  qualifiers: PolicyQualifierModel[] | null;
}

export interface SctModel {
  version: number;
  logId: Hex;
  timestamp: Millis;
  hashAlgorithm: number;
  signatureAlgorithm: number;
  signature: Hex;
  extensionBytes: Hex;
}

export type ExtensionValueModel =
  | { type: "BasicConstraints"; ca: boolean; pathLength: number | null }
  | {
      type: "KeyUsage";
      digitalSignature: boolean;
      contentCommitment: boolean;
      keyEncipherment: boolean;
      dataEncipherment: boolean;
      keyAgreement: boolean;
      keyCertSign: boolean;
      crlSign: boolean;
      encipherOnly: boolean;
      decipherOnly: boolean;
    }
  | { type: "ExtendedKeyUsage"; usages: string[] }
  | { type: "SubjectAlternativeName"; names: GeneralNameModel[] }
  | { type: "IssuerAlternativeName"; names: GeneralNameModel[] }
  | { type: "CertificateIssuer"; names: GeneralNameModel[] }
  | { type: "SubjectKeyIdentifier"; digest: Hex }
  | {
      type: "AuthorityKeyIdentifier";
      keyIdentifier: Hex | null;
      authorityCertIssuer: GeneralNameModel[] | null;
      authorityCertSerialNumber: HexInteger | null;
    }
  | { type: "CRLDistributionPoints"; points: DistributionPointModel[] }
  | { type: "FreshestCRL"; points: DistributionPointModel[] }
  | { type: "AuthorityInformationAccess"; descriptions: AccessDescriptionModel[] }
  | { type: "SubjectInformationAccess"; descriptions: AccessDescriptionModel[] }
  | {
      type: "NameConstraints";
      permitted: GeneralNameModel[] | null;
      excluded: GeneralNameModel[] | null;
    }
  | {
      type: "PolicyConstraints";
      requireExplicitPolicy: number | null;
      inhibitPolicyMapping: number | null;
    }
  | { type: "InhibitAnyPolicy"; skipCerts: number }
  | { type: "CertificatePolicies"; policies: PolicyInformationModel[] }
  | { type: "OCSPNoCheck" }
  | { type: "PrecertPoison" }
  | { type: "TLSFeature"; features: number[] }
  | { type: "PrecertificateSignedCertificateTimestamps"; scts: SctModel[] }
  | { type: "CRLNumber"; crlNumber: HexInteger }
  | { type: "DeltaCRLIndex"; crlNumber: HexInteger }
  | {
      type: "IssuingDistributionPoint";
      fullName: GeneralNameModel[] | null;
      relativeName: RdnModel | null;
      onlyContainsUserCerts: boolean;
      onlyContainsCACerts: boolean;
      onlySomeReasons: ReasonModel[] | null;
      indirectCRL: boolean;
      onlyContainsAttributeCerts: boolean;
    }
  | { type: "CRLReason"; reason: ReasonModel }
  | { type: "InvalidityDate"; date: Millis }
  | { type: "UnrecognizedExtension"; value: Hex };

export interface ExtensionModel {
  oid: string;
  critical: boolean;
  value: ExtensionValueModel;
}

export type SignatureParametersModel =
  | { type: "pkcs1v15" }
  | { type: "pss"; hash: string; mgfHash: string; saltLength: number }
  | { type: "ecdsa"; hash: string };

export interface SignatureAlgorithmModel {
  oid: string;
  /** false: an algorithm hazmat does not know (PyCA raises UnsupportedAlgorithm for its hash). */
  known: boolean;
  /** `HashAlgorithm.name` of the hash ("sha256", "sha3-256", …), null for EdDSA/ML-DSA. */
  hash: string | null;
  parameters: SignatureParametersModel | null;
  /** Why PyCA refuses to report the parameters (and, with `hashToo`, the hash). */
  problem: AlgorithmProblemModel | null;
}

export interface AlgorithmProblemModel {
  message: string;
  /** UnsupportedAlgorithm when true, ValueError otherwise. */
  unsupported: boolean;
  hashToo: boolean;
}

export type RsaPaddingModel =
  | { type: "pkcs1v15" }
  /** saltLength: bytes, or -1 for PSS.MAX_LENGTH, -2 for PSS.DIGEST_LENGTH. */
  | { type: "pss"; mgfHash: string; saltLength: number };

export interface SignOptionsModel {
  hash: string | null;
  rsaPadding: RsaPaddingModel | null;
  ecdsaDeterministic: boolean;
}

export interface CertificateTemplateModel {
  issuer: NameModel;
  subject: NameModel;
  serialNumber: HexInteger;
  notBefore: Millis;
  notAfter: Millis;
  extensions: ExtensionModel[];
}

export interface AttributeModel {
  oid: string;
  tag: number;
  value: Hex;
}

export interface CsrTemplateModel {
  subject: NameModel;
  extensions: ExtensionModel[];
  attributes: AttributeModel[];
}

export interface RevokedCertificateModel {
  serialNumber: HexInteger;
  revocationDate: Millis;
  extensions: ExtensionModel[];
}

export interface CrlTemplateModel {
  issuer: NameModel;
  lastUpdate: Millis;
  nextUpdate: Millis;
  extensions: ExtensionModel[];
  revoked: RevokedCertificateModel[];
}
