/**
 * X.509: hazmat against the JavaScript libraries users reach for, in the same run.
 *
 * (a) build and sign a P-256 leaf (SAN, KeyUsage, EKU, SKI, AKI) issued by a P-256 CA:
 *     `CertificateBuilder.sign` vs @peculiar/x509 on WebCrypto (target ≥ 20×);
 * (b) build and sign an RSA-2048 self-signed certificate (SAN, BasicConstraints), the same key
 *     in both: hazmat vs node-forge in pure-JavaScript mode (target ≥ 50×);
 * (c) parse a PEM certificate and read its subject, SAN and notAfter: hazmat vs node:crypto's
 *     `X509Certificate` (target ≥ 1.0×) and vs @peculiar/x509 (target ≥ 10×).
 *
 * @peculiar/x509 signs through WebCrypto, which is asynchronous: its cases are timed by
 * awaiting one operation after another, in interleaved rounds like `compare`.
 */

import type { webcrypto } from "node:crypto";
import * as crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import type * as PeculiarX509 from "@peculiar/x509";
import * as ec from "hazmat/primitives/asymmetric/ec";
import * as rsa from "hazmat/primitives/asymmetric/rsa";
import { SHA256 } from "hazmat/primitives/hashes";
import { Encoding, NoEncryption, PrivateFormat } from "hazmat/primitives/serialization";
import * as x509 from "hazmat/x509";
import { ExtendedKeyUsageOID, NameOID } from "hazmat/x509/oid";
import forge from "node-forge";
import { compare, printRatios, printTable, type Ratio, type Result } from "./harness";

/**
 * @peculiar/x509 needs the Reflect Metadata API (its dependency tsyringe checks for it at load
 * time) and no polyfill is installed here. Its injectable classes take no constructor
 * arguments, so a small WeakMap store of the four functions tsyringe calls is enough.
 */
function installReflectMetadata(): void {
  type Target = object;
  const api = Reflect as unknown as Record<string, unknown>;
  if (typeof api.getMetadata === "function") return;
  const store = new WeakMap<Target, Map<unknown, unknown>>();
  const own = (target: Target) => {
    let map = store.get(target);
    if (map === undefined) {
      map = new Map();
      store.set(target, map);
    }
    return map;
  };
  api.defineMetadata = (key: unknown, value: unknown, target: Target) =>
    own(target).set(key, value);
  api.getOwnMetadata = (key: unknown, target: Target) => store.get(target)?.get(key);
  api.getMetadata = (key: unknown, target: Target) => {
    for (let t: Target | null = target; t !== null; t = Object.getPrototypeOf(t)) {
      const map = store.get(t);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  };
  api.metadata = (key: unknown, value: unknown) => (target: Target) => own(target).set(key, value);
}

installReflectMetadata();
// Loaded after the shim (an import would be hoisted above it).
const peculiar: typeof PeculiarX509 = require("@peculiar/x509");

const DAY_MS = 86_400_000;
const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000);
const notAfter = new Date(notBefore.getTime() + 90 * DAY_MS);

/** Times async cases: calibrated sequential runs, interleaved rounds, best round kept. */
async function compareAsync(
  cases: { name: string; run: () => Promise<unknown> }[],
  roundMs = 250,
  rounds = 6,
): Promise<Result[]> {
  const best = cases.map(() => 0);
  for (const c of cases) await c.run(); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const [index, c] of cases.entries()) {
      let operations = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < roundMs) {
        await c.run();
        operations++;
        elapsed = performance.now() - start;
      }
      best[index] = Math.max(best[index] ?? 0, (operations * 1000) / elapsed);
    }
  }
  return cases.map((c, index) => ({ name: c.name, opsPerSecond: best[index] ?? 0, bytesPerOp: 0 }));
}

function ratio(
  label: string,
  ours: Result | undefined,
  peer: Result | undefined,
  target: number,
): Ratio {
  if (ours === undefined || peer === undefined) throw new Error(`missing result for ${label}`);
  return { label, ours, peer, target };
}

const hazmatName = (cn: string) =>
  new x509.Name([
    new x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Bench"),
    new x509.NameAttribute(NameOID.COMMON_NAME, cn),
  ]);

/** (a) A P-256 leaf under a P-256 CA. */
async function measureLeaf(): Promise<Ratio> {
  const caKey = ec.generatePrivateKey(new ec.SECP256R1());
  const leafKey = ec.generatePrivateKey(new ec.SECP256R1());
  const issuer = hazmatName("Bench CA");
  const subject = hazmatName("leaf.bench.test");
  // Both libraries start from ready key objects (the peer from imported CryptoKeys).
  const leafPub = leafKey.publicKey();
  const caPub = caKey.publicKey();
  const hazmatLeaf = () =>
    new x509.CertificateBuilder()
      .subjectName(subject)
      .issuerName(issuer)
      .publicKey(leafPub)
      .serialNumber(x509.randomSerialNumber())
      .notValidBefore(notBefore)
      .notValidAfter(notAfter)
      .addExtension(
        new x509.SubjectAlternativeName([
          new x509.DNSName("leaf.bench.test"),
          new x509.DNSName("www.bench.test"),
        ]),
        false,
      )
      .addExtension(
        new x509.KeyUsage(true, false, false, false, false, false, false, false, false),
        true,
      )
      .addExtension(new x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), false)
      .addExtension(x509.SubjectKeyIdentifier.fromPublicKey(leafPub), false)
      .addExtension(x509.AuthorityKeyIdentifier.fromIssuerPublicKey(caPub), false)
      .sign(caKey, new SHA256());

  // The same keys for @peculiar/x509, through WebCrypto.
  const subtle = crypto.webcrypto.subtle;
  const pkcs8 = (key: ec.EllipticCurvePrivateKey) =>
    key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption());
  const algorithm = { name: "ECDSA", namedCurve: "P-256" };
  const caSigning = await subtle.importKey("pkcs8", pkcs8(caKey), algorithm, true, ["sign"]);
  const leafPrivate = await subtle.importKey("pkcs8", pkcs8(leafKey), algorithm, true, ["sign"]);
  const toPublic = async (key: webcrypto.CryptoKey) => {
    const jwk = await subtle.exportKey("jwk", key);
    delete jwk.d;
    jwk.key_ops = ["verify"];
    return subtle.importKey("jwk", jwk, algorithm, true, ["verify"]);
  };
  const caPublic = await toPublic(caSigning);
  const leafPublic = await toPublic(leafPrivate);
  const peculiarLeaf = async () =>
    peculiar.X509CertificateGenerator.create({
      serialNumber: crypto
        .randomBytes(16)
        .toString("hex")
        .replace(/^[89a-f]/, "1"),
      subject: "O=Bench, CN=leaf.bench.test",
      issuer: "O=Bench, CN=Bench CA",
      notBefore,
      notAfter,
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
      publicKey: leafPublic,
      signingKey: caSigning,
      extensions: [
        new peculiar.SubjectAlternativeNameExtension([
          { type: "dns", value: "leaf.bench.test" },
          { type: "dns", value: "www.bench.test" },
        ]),
        new peculiar.KeyUsagesExtension(peculiar.KeyUsageFlags.digitalSignature, true),
        new peculiar.ExtendedKeyUsageExtension([peculiar.ExtendedKeyUsage.serverAuth]),
        await peculiar.SubjectKeyIdentifierExtension.create(leafPublic),
        await peculiar.AuthorityKeyIdentifierExtension.create(caPublic),
      ],
    });

  // Both products must be real certificates with the same extensions before timing.
  const ours = hazmatLeaf();
  const theirs = await peculiarLeaf();
  const reread = x509.loadDerX509Certificate(Buffer.from(theirs.rawData));
  const oids = (c: x509.Certificate) => [...c.extensions].map((e) => e.oid.dottedString).join();
  if (oids(ours) !== oids(reread)) throw new Error("the two leaves differ in extensions");
  if (!(await theirs.verify({ publicKey: caPublic }))) throw new Error("peculiar leaf invalid");
  if (
    !(await new peculiar.X509Certificate(ours.publicBytes(Encoding.DER)).verify({
      publicKey: caPublic,
    }))
  ) {
    throw new Error("peculiar rejects the hazmat leaf");
  }

  const results = await compareAsync([
    { name: "hazmat CertificateBuilder.sign (P-256 leaf)", run: async () => hazmatLeaf() },
    { name: "@peculiar/x509 X509CertificateGenerator.create", run: peculiarLeaf },
  ]);
  printTable("(a) build + sign a P-256 leaf: SAN, KeyUsage, EKU, SKI, AKI", results);
  return ratio("(a) P-256 leaf build+sign vs @peculiar/x509", results[0], results[1], 20);
}

/** (b) An RSA-2048 self-signed certificate, the same key in both libraries. */
function measureSelfSigned(): Ratio {
  const key = rsa.generatePrivateKey(65537, 2048);
  const name = hazmatName("self.bench.test");
  const publicKey = key.publicKey();
  const hazmatSelfSigned = () =>
    new x509.CertificateBuilder()
      .subjectName(name)
      .issuerName(name)
      .publicKey(publicKey)
      .serialNumber(x509.randomSerialNumber())
      .notValidBefore(notBefore)
      .notValidAfter(notAfter)
      .addExtension(new x509.SubjectAlternativeName([new x509.DNSName("self.bench.test")]), false)
      .addExtension(new x509.BasicConstraints(false, null), true)
      .sign(key, new SHA256());

  // @types/node-forge does not declare `options`; the switch is documented by node-forge.
  (forge as unknown as { options: { usePureJavaScript: boolean } }).options.usePureJavaScript =
    true;
  const forgeKey = forge.pki.privateKeyFromPem(
    key.privateBytes(Encoding.PEM, PrivateFormat.TraditionalOpenSSL, new NoEncryption()).toString(),
  ) as forge.pki.rsa.PrivateKey;
  const forgePublic = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  const attrs = [
    { shortName: "O", value: "Bench" },
    { shortName: "CN", value: "self.bench.test" },
  ];
  const forgeSelfSigned = () => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forgePublic;
    cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
    cert.validity.notBefore = notBefore;
    cert.validity.notAfter = notAfter;
    cert.setSubject(attrs);
    cert.setIssuer(attrs);
    cert.setExtensions([
      { name: "subjectAltName", altNames: [{ type: 2, value: "self.bench.test" }] },
      { name: "basicConstraints", cA: false, critical: true },
    ]);
    cert.sign(forgeKey, forge.md.sha256.create());
    return cert;
  };

  // Each side's certificate must load and verify in hazmat before timing.
  const theirs = forgeSelfSigned();
  const der = Buffer.from(
    forge.asn1.toDer(forge.pki.certificateToAsn1(theirs)).getBytes(),
    "binary",
  );
  const reread = x509.loadDerX509Certificate(der);
  reread.verifyDirectlyIssuedBy(reread);
  const ours = hazmatSelfSigned();
  ours.verifyDirectlyIssuedBy(ours);

  const results = compare(
    [
      { name: "hazmat CertificateBuilder.sign (RSA-2048 self-signed)", run: hazmatSelfSigned },
      { name: "node-forge pki.createCertificate + sign (pure JS)", run: forgeSelfSigned },
    ],
    { roundMs: 400, rounds: 4 },
  );
  printTable("(b) build + sign an RSA-2048 self-signed certificate", results);
  return ratio("(b) RSA-2048 self-signed build+sign vs node-forge", results[0], results[1], 50);
}

/** (c) Parse a PEM certificate; read subject, SAN and notAfter. */
function measureParse(): Ratio[] {
  const key = ec.generatePrivateKey(new ec.SECP256R1());
  const caKey = ec.generatePrivateKey(new ec.SECP256R1());
  const cert = new x509.CertificateBuilder()
    .subjectName(hazmatName("parse.bench.test"))
    .issuerName(hazmatName("Bench CA"))
    .publicKey(key.publicKey())
    .serialNumber(x509.randomSerialNumber())
    .notValidBefore(notBefore)
    .notValidAfter(notAfter)
    .addExtension(
      new x509.SubjectAlternativeName([
        new x509.DNSName("parse.bench.test"),
        new x509.DNSName("www.parse.bench.test"),
      ]),
      false,
    )
    .addExtension(new x509.BasicConstraints(false, null), true)
    .addExtension(x509.SubjectKeyIdentifier.fromPublicKey(key.publicKey()), false)
    .addExtension(x509.AuthorityKeyIdentifier.fromIssuerPublicKey(caKey.publicKey()), false)
    .sign(caKey, new SHA256());
  const pem = cert.publicBytes(Encoding.PEM);
  const pemText = pem.toString("latin1");

  const hazmatRead = () => {
    const c = x509.loadPemX509Certificate(pem);
    const san = c.extensions.getExtensionForClass(x509.SubjectAlternativeName).value;
    return [c.subject.rfc4514String(), san.getValuesForType(x509.DNSName), c.notValidAfterUtc];
  };
  const nodeRead = () => {
    const c = new crypto.X509Certificate(pem);
    return [c.subject, c.subjectAltName, c.validTo];
  };
  const peculiarRead = () => {
    const c = new peculiar.X509Certificate(pemText);
    const san = c.getExtension(peculiar.SubjectAlternativeNameExtension);
    return [c.subject, san?.names.toJSON(), c.notAfter];
  };
  // All three read the same values.
  const [subject, names, after] = hazmatRead() as [string, string[], Date];
  const [, nodeSan, nodeTo] = nodeRead() as [string, string, string];
  const [, pecSan, pecAfter] = peculiarRead() as [string, { value: string }[], Date];
  if (subject !== "CN=parse.bench.test,O=Bench") throw new Error(`subject ${subject}`);
  if (nodeSan !== names.map((n) => `DNS:${n}`).join(", ")) throw new Error(`node SAN ${nodeSan}`);
  if (pecSan.map((n) => n.value).join() !== names.join()) throw new Error("peculiar SAN differs");
  if (Date.parse(nodeTo) !== after.getTime() || pecAfter.getTime() !== after.getTime()) {
    throw new Error("notAfter differs");
  }

  const results = compare([
    { name: "hazmat loadPemX509Certificate + subject/SAN/notAfter", run: hazmatRead },
    { name: "node:crypto new X509Certificate + subject/SAN/validTo", run: nodeRead },
    { name: "@peculiar/x509 new X509Certificate + subject/SAN/notAfter", run: peculiarRead },
  ]);
  printTable("(c) parse a PEM certificate, read subject, SAN, notAfter", results);
  return [
    ratio("(c) PEM parse + read vs node:crypto X509Certificate", results[0], results[1], 1),
    ratio("(c) PEM parse + read vs @peculiar/x509", results[0], results[2], 10),
  ];
}

export async function run(): Promise<boolean> {
  peculiar.cryptoProvider.set(
    crypto.webcrypto as unknown as Parameters<typeof peculiar.cryptoProvider.set>[0],
  );
  const ratios = [await measureLeaf(), measureSelfSigned(), ...measureParse()];
  return printRatios(ratios);
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
