/**
 * Recipe 5 — mutual TLS with certificates hazmat issues. A private CA issues a server
 * certificate (SAN localhost and 127.0.0.1, EKU serverAuth) and a client certificate (EKU
 * clientAuth); a node:tls server on 127.0.0.1 requires a client certificate signed by that CA
 * (the PyCA recipe's `verify_mode = CERT_REQUIRED` with `load_verify_locations`), a client
 * presents its certificate, and they exchange a line. A client without a certificate is turned
 * away. hazmat only makes the PEM files; Node's TLS consumes them as it would any others.
 *
 *   npx tsx examples/x509-mtls.ts
 */
import type { AddressInfo } from "node:net";
import * as tls from "node:tls";
import * as ec from "hazmat/primitives/asymmetric/ec";
import { SHA256 } from "hazmat/primitives/hashes";
import { Encoding, NoEncryption, PrivateFormat } from "hazmat/primitives/serialization";
import * as x509 from "hazmat/x509";
import { ExtendedKeyUsageOID, NameOID } from "hazmat/x509/oid";

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date();
const later = (days: number) => new Date(now.getTime() + days * DAY_MS);
const cn = (value: string) =>
  new x509.Name([
    new x509.NameAttribute(NameOID.ORGANIZATION_NAME, "hazmat example"),
    new x509.NameAttribute(NameOID.COMMON_NAME, value),
  ]);

/** KeyUsage(digital_signature, …, key_cert_sign, crl_sign, …) as PyCA's positional flags. */
const signingOnly = new x509.KeyUsage(false, false, false, false, false, true, true, false, false);
const endEntity = new x509.KeyUsage(true, false, false, false, false, false, false, false, false);

// The CA.
const caKey = ec.generatePrivateKey(new ec.SECP256R1());
const caName = cn("hazmat example CA");
const ca = new x509.CertificateBuilder()
  .subjectName(caName)
  .issuerName(caName)
  .publicKey(caKey.publicKey())
  .serialNumber(x509.randomSerialNumber())
  .notValidBefore(now)
  .notValidAfter(later(30))
  .addExtension(new x509.BasicConstraints(true, 0), true)
  .addExtension(signingOnly, true)
  .addExtension(x509.SubjectKeyIdentifier.fromPublicKey(caKey.publicKey()), false)
  .sign(caKey, new SHA256());

/** An end-entity certificate from the CA for a fresh P-256 key. */
function issue(
  subject: x509.Name,
  usage: x509.ObjectIdentifier,
  names: x509.GeneralName[],
): { key: ec.EllipticCurvePrivateKey; cert: x509.Certificate } {
  const key = ec.generatePrivateKey(new ec.SECP256R1());
  let builder = new x509.CertificateBuilder()
    .subjectName(subject)
    .issuerName(caName)
    .publicKey(key.publicKey())
    .serialNumber(x509.randomSerialNumber())
    .notValidBefore(now)
    .notValidAfter(later(7))
    .addExtension(new x509.BasicConstraints(false, null), true)
    .addExtension(endEntity, true)
    .addExtension(new x509.ExtendedKeyUsage([usage]), false)
    .addExtension(x509.AuthorityKeyIdentifier.fromIssuerPublicKey(caKey.publicKey()), false);
  if (names.length > 0)
    builder = builder.addExtension(new x509.SubjectAlternativeName(names), false);
  return { key, cert: builder.sign(caKey, new SHA256()) };
}

const server = issue(cn("localhost"), ExtendedKeyUsageOID.SERVER_AUTH, [
  new x509.DNSName("localhost"),
  new x509.IPAddress(new x509.IPv4Address("127.0.0.1")),
]);
const client = issue(cn("client-42"), ExtendedKeyUsageOID.CLIENT_AUTH, []);

const pem = (cert: x509.Certificate) => cert.publicBytes(Encoding.PEM);
const keyPem = (key: ec.EllipticCurvePrivateKey) =>
  key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption());

console.log(`CA           ${ca.subject.rfc4514String()}`);
console.log(
  `server cert  ${server.cert.subject.rfc4514String()} (serverAuth, localhost, 127.0.0.1)`,
);
console.log(`client cert  ${client.cert.subject.rfc4514String()} (clientAuth)`);

const tlsServer = tls.createServer(
  {
    key: keyPem(server.key),
    cert: pem(server.cert),
    ca: pem(ca),
    requestCert: true,
    rejectUnauthorized: true,
  },
  (socket) => {
    const peer = socket.getPeerCertificate();
    console.log(`server saw   CN=${peer.subject.CN} (authorized: ${socket.authorized})`);
    socket.once("data", (line) => {
      socket.end(`hello ${peer.subject.CN}, you said: ${line.toString().trim()}\n`);
    });
  },
);

/** Connects with or without a client certificate; resolves with what the server sent. */
function connect(port: number, withCert: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      ca: pem(ca),
      ...(withCert ? { key: keyPem(client.key), cert: pem(client.cert) } : {}),
    });
    let received = "";
    socket.on("secureConnect", () => socket.write("ping\n"));
    socket.on("data", (chunk) => {
      received += chunk.toString();
    });
    socket.on("error", reject);
    socket.on("close", () =>
      received ? resolve(received) : reject(new Error("closed without data")),
    );
  });
}

async function main(): Promise<void> {
  await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
  const { port } = tlsServer.address() as AddressInfo;
  console.log(`listening    127.0.0.1:${port} (requestCert, rejectUnauthorized)`);

  const reply = await connect(port, true);
  console.log(`client got   ${reply.trim()}`);

  // OpenSSL's reason text ("peer did not return a certificate") is the readable part.
  const reason = (error: Error) => (error as Error & { reason?: string }).reason ?? error.message;
  const rejected = new Promise<string>((resolve) =>
    tlsServer.once("tlsClientError", (error) => resolve(reason(error))),
  );
  try {
    await connect(port, false);
    console.log("no cert      accepted (this must not happen)");
    process.exitCode = 1;
  } catch (error) {
    console.log(`no cert      rejected: client sees "${reason(error as Error)}"`);
    console.log(`             server says "${await rejected}"`);
  }
  tlsServer.close();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
  tlsServer.close();
});
