/**
 * Recipe 4 — a self-signed X.509 certificate for dev TLS, the line-by-line port of the PyCA
 * recipe: an RSA-2048 key, a certificate for "myhost.local" with a SubjectAlternativeName,
 * valid for 90 days, written to cert.pem in the current directory. Self-signed certificates are
 * for local development only.
 *
 *   npx tsx examples/x509-self-signed.ts
 */
import { writeFileSync } from "node:fs";
import * as rsa from "hazmat/primitives/asymmetric/rsa";
import * as hashes from "hazmat/primitives/hashes";
import * as serialization from "hazmat/primitives/serialization";
import * as x509 from "hazmat/x509";
import { NameOID } from "hazmat/x509/oid";

const DAY_MS = 24 * 60 * 60 * 1000;

const key = rsa.generatePrivateKey(65537, 2048);
const name = new x509.Name([new x509.NameAttribute(NameOID.COMMON_NAME, "myhost.local")]);
const now = new Date();
const cert = new x509.CertificateBuilder()
  .subjectName(name)
  .issuerName(name)
  .publicKey(key.publicKey())
  .serialNumber(x509.randomSerialNumber())
  .notValidBefore(now)
  .notValidAfter(new Date(now.getTime() + 90 * DAY_MS))
  .addExtension(new x509.SubjectAlternativeName([new x509.DNSName("myhost.local")]), false)
  .sign(key, new hashes.SHA256());
writeFileSync("cert.pem", cert.publicBytes(serialization.Encoding.PEM));

const san = cert.extensions.getExtensionForClass(x509.SubjectAlternativeName).value;
console.log(`key          ${key}`);
console.log(`subject      ${cert.subject.rfc4514String()}`);
console.log(`SAN          ${san.getValuesForType(x509.DNSName).join(", ")}`);
console.log(`serial       ${cert.serialNumber.toString(16)}`);
console.log(`valid until  ${cert.notValidAfterUtc.toISOString()}`);
console.log("cert.pem     written (for local HTTPS dev servers; never self-signed in production)");
