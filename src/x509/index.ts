/**
 * `cryptography.x509`: certificates, signing requests, revocation lists, their builders and
 * loaders, names, general names and extensions.
 *
 * ```ts
 * import { loadPemX509Certificate } from "hazmat/x509";
 * const cert = loadPemX509Certificate(pem);
 * cert.subject.rfc4514String(); // "CN=example.com,O=Example"
 * cert.extensions.getExtensionForClass(SubjectAlternativeName).value;
 * ```
 *
 * @module
 */
export {
  type AddAttributeOptions,
  CertificateBuilder,
  CertificateRevocationListBuilder,
  CertificateSigningRequestBuilder,
  RevokedCertificateBuilder,
  randomSerialNumber,
  type SignOptions,
} from "./builders.js";
export {
  AttributeNotFound,
  Certificate,
  InvalidVersion,
  loadDerX509Certificate,
  loadPemX509Certificate,
  loadPemX509Certificates,
  type SignatureAlgorithmParameters,
  Version,
} from "./certificate.js";
export {
  CertificateRevocationList,
  loadDerX509Crl,
  loadPemX509Crl,
  RevokedCertificate,
} from "./crl.js";
export {
  Attribute,
  Attributes,
  CertificateSigningRequest,
  loadDerX509Csr,
  loadPemX509Csr,
} from "./csr.js";
export * from "./extensions.js";
export * from "./general-name.js";
export * from "./name.js";
export * from "./oid.js";
