/**
 * X.509 interop in both directions. hazmat builds a three-level PKI (EC P-384 root, RSA-2048
 * intermediate with NameConstraints, P-256 leaf signed with RSA-PSS), a CSR and a CRL; the
 * system's `openssl` (a different OpenSSL build) verifies the chain, the CSR and the CRL and
 * names every extension, and PyCA 50 reads each object with the same field values. The other
 * way, objects made by PyCA and by `openssl req` load in hazmat with the values PyCA reports,
 * and `verifyDirectlyIssuedBy` / `isSignatureValid` agree across implementations. Finally, the
 * same certificate, CSR and CRL built by hazmat and by PyCA with deterministic signatures
 * (EdDSA, RSA PKCS#1 v1.5, RFC 6979 ECDSA) are byte-identical.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import test from "ava";
import { InvalidSignature, ValueError } from "hazmat/exceptions";
import * as ec from "hazmat/primitives/asymmetric/ec";
import { Ed448PrivateKey } from "hazmat/primitives/asymmetric/ed448";
import { Ed25519PrivateKey } from "hazmat/primitives/asymmetric/ed25519";
import { MGF1, PSS } from "hazmat/primitives/asymmetric/padding";
import * as rsa from "hazmat/primitives/asymmetric/rsa";
import { type HashAlgorithm, SHA3_256, SHA256, SHA384, SHA512 } from "hazmat/primitives/hashes";
import { Encoding, NoEncryption, PrivateFormat } from "hazmat/primitives/serialization";
import * as x509 from "hazmat/x509";
import {
  AttributeOID,
  AuthorityInformationAccessOID,
  CertificatePoliciesOID,
  ExtendedKeyUsageOID,
  NameOID,
  ObjectIdentifier,
} from "hazmat/x509/oid";
import {
  askPycaX509,
  type Described,
  describeCertificate,
  describeCrl,
  describeCsr,
  describeWithHazmat,
  differences,
  type Kind,
} from "./helpers/x509-describe.js";

const dir = mkdtempSync(path.join(tmpdir(), "hazmat-x509-interop-"));

function openssl(...args: string[]): { status: number | null; out: string } {
  const result = spawnSync("openssl", args, { encoding: "utf8", timeout: 60_000, cwd: dir });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

function save(name: string, contents: Uint8Array | string): string {
  const target = path.join(dir, name);
  writeFileSync(target, contents);
  return target;
}

// Whole seconds: X.509 times carry no milliseconds, so the round trip is exact.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

const name = (...pairs: [ObjectIdentifier, string][]) =>
  new x509.Name(pairs.map(([oid, value]) => new x509.NameAttribute(oid, value)));

const uri = (value: string) => new x509.UniformResourceIdentifier(value);

/** KeyUsage with only the named bits set (PyCA's nine positional flags). */
function keyUsage(...bits: string[]): x509.KeyUsage {
  const on = (bit: string) => bits.includes(bit);
  return new x509.KeyUsage(
    on("digitalSignature"),
    on("contentCommitment"),
    on("keyEncipherment"),
    on("dataEncipherment"),
    on("keyAgreement"),
    on("keyCertSign"),
    on("crlSign"),
    false,
    false,
  );
}

const rootKey = ec.generatePrivateKey(new ec.SECP384R1());
const interKey = rsa.generatePrivateKey(65537, 2048);
const leafKey = ec.generatePrivateKey(new ec.SECP256R1());

const rootName = name(
  [NameOID.COUNTRY_NAME, "NL"],
  [NameOID.ORGANIZATION_NAME, "hazmat interop"],
  [NameOID.COMMON_NAME, "hazmat Root CA"],
);
const interName = name(
  [NameOID.ORGANIZATION_NAME, "hazmat interop"],
  [NameOID.ORGANIZATIONAL_UNIT_NAME, "Issuing"],
  [NameOID.COMMON_NAME, "hazmat Intermediate CA"],
);
const leafName = name(
  [NameOID.ORGANIZATION_NAME, "hazmat interop"],
  [NameOID.COMMON_NAME, "www.example.test"],
);

const root = new x509.CertificateBuilder()
  .subjectName(rootName)
  .issuerName(rootName)
  .publicKey(rootKey.publicKey())
  .serialNumber(x509.randomSerialNumber())
  .notValidBefore(days(-1))
  .notValidAfter(days(3650))
  .addExtension(new x509.BasicConstraints(true, 1), true)
  .addExtension(keyUsage("keyCertSign", "crlSign"), true)
  .addExtension(x509.SubjectKeyIdentifier.fromPublicKey(rootKey.publicKey()), false)
  .sign(rootKey, new SHA384());

const inter = new x509.CertificateBuilder()
  .subjectName(interName)
  .issuerName(rootName)
  .publicKey(interKey.publicKey())
  .serialNumber(0x1000n)
  .notValidBefore(days(-1))
  .notValidAfter(days(1825))
  .addExtension(new x509.BasicConstraints(true, 0), true)
  .addExtension(keyUsage("digitalSignature", "keyCertSign", "crlSign"), true)
  .addExtension(x509.SubjectKeyIdentifier.fromPublicKey(interKey.publicKey()), false)
  .addExtension(x509.AuthorityKeyIdentifier.fromIssuerPublicKey(rootKey.publicKey()), false)
  .addExtension(
    new x509.NameConstraints(
      [
        new x509.DNSName("example.test"),
        new x509.RFC822Name("example.test"),
        new x509.IPAddress(new x509.IPv4Network("192.0.2.0/24")),
        new x509.IPAddress(new x509.IPv6Network("2001:db8::/32")),
      ],
      [new x509.DNSName("forbidden.example.test")],
    ),
    true,
  )
  .addExtension(
    new x509.CRLDistributionPoints([
      new x509.DistributionPoint([uri("http://crl.example.test/root.crl")], null, null, null),
    ]),
    false,
  )
  .addExtension(
    new x509.AuthorityInformationAccess([
      new x509.AccessDescription(
        AuthorityInformationAccessOID.CA_ISSUERS,
        uri("http://pki.example.test/root.cer"),
      ),
    ]),
    false,
  )
  .sign(rootKey, new SHA384());

const leafPss = new PSS(new MGF1(new SHA256()), PSS.DIGEST_LENGTH);
const leaf = new x509.CertificateBuilder()
  .subjectName(leafName)
  .issuerName(interName)
  .publicKey(leafKey.publicKey())
  .serialNumber(0x0123456789abcdef0123456789abcdefn)
  .notValidBefore(days(-1))
  .notValidAfter(days(90))
  .addExtension(new x509.BasicConstraints(false, null), true)
  .addExtension(keyUsage("digitalSignature"), true)
  .addExtension(
    new x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
    false,
  )
  .addExtension(
    new x509.SubjectAlternativeName([
      new x509.DNSName("www.example.test"),
      new x509.DNSName("api.example.test"),
      new x509.RFC822Name("ops@example.test"),
      new x509.IPAddress(new x509.IPv4Address("192.0.2.10")),
      new x509.IPAddress(new x509.IPv6Address("2001:db8::10")),
      new x509.UniformResourceIdentifier("https://www.example.test/"),
    ]),
    false,
  )
  .addExtension(x509.SubjectKeyIdentifier.fromPublicKey(leafKey.publicKey()), false)
  .addExtension(x509.AuthorityKeyIdentifier.fromIssuerPublicKey(interKey.publicKey()), false)
  .addExtension(
    new x509.CRLDistributionPoints([
      new x509.DistributionPoint([uri("http://crl.example.test/inter.crl")], null, null, null),
    ]),
    false,
  )
  .addExtension(
    new x509.AuthorityInformationAccess([
      new x509.AccessDescription(
        AuthorityInformationAccessOID.OCSP,
        uri("http://ocsp.example.test"),
      ),
      new x509.AccessDescription(
        AuthorityInformationAccessOID.CA_ISSUERS,
        uri("http://pki.example.test/inter.cer"),
      ),
    ]),
    false,
  )
  .addExtension(
    new x509.CertificatePolicies([
      new x509.PolicyInformation(new ObjectIdentifier("2.23.140.1.2.2"), [
        "https://pki.example.test/cps",
        new x509.UserNotice(new x509.NoticeReference("hazmat interop", [1, 2]), "test only"),
      ]),
      new x509.PolicyInformation(CertificatePoliciesOID.ANY_POLICY, null),
    ]),
    false,
  )
  .sign(interKey, new SHA256(), { rsaPadding: leafPss });

const csr = new x509.CertificateSigningRequestBuilder()
  .subjectName(leafName)
  .addExtension(new x509.SubjectAlternativeName([new x509.DNSName("www.example.test")]), false)
  .addExtension(keyUsage("digitalSignature"), true)
  .addAttribute(AttributeOID.CHALLENGE_PASSWORD, Buffer.from("not a secret"))
  .sign(leafKey, new SHA256());

const revokedAt = new Date(now.getTime() - 3_600_000);
const compromisedAt = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
const crl = new x509.CertificateRevocationListBuilder()
  .issuerName(interName)
  .lastUpdate(now)
  .nextUpdate(days(7))
  .addExtension(new x509.CRLNumber(7n), false)
  .addExtension(x509.AuthorityKeyIdentifier.fromIssuerPublicKey(interKey.publicKey()), false)
  .addRevokedCertificate(
    new x509.RevokedCertificateBuilder()
      .serialNumber(0xdeadbeefn)
      .revocationDate(revokedAt)
      .addExtension(new x509.CRLReason(x509.ReasonFlags.key_compromise), false)
      .addExtension(new x509.InvalidityDate(compromisedAt), false)
      .build(),
  )
  .addRevokedCertificate(
    new x509.RevokedCertificateBuilder()
      .serialNumber(0x1001n)
      .revocationDate(revokedAt)
      .addExtension(new x509.CRLReason(x509.ReasonFlags.superseded), false)
      .build(),
  )
  .sign(interKey, new SHA256());

const pem = {
  root: root.publicBytes(Encoding.PEM),
  inter: inter.publicBytes(Encoding.PEM),
  leaf: leaf.publicBytes(Encoding.PEM),
  csr: csr.publicBytes(Encoding.PEM),
  crl: crl.publicBytes(Encoding.PEM),
};
const files = {
  root: save("root.pem", pem.root),
  inter: save("inter.pem", pem.inter),
  leaf: save("leaf.pem", pem.leaf),
  csr: save("csr.pem", pem.csr),
  crl: save("crl.pem", pem.crl),
};

test("openssl verify accepts the hazmat chain root → intermediate → leaf", (t) => {
  const result = openssl(
    "verify",
    "-x509_strict",
    "-purpose",
    "sslserver",
    "-CAfile",
    files.root,
    "-untrusted",
    files.inter,
    files.leaf,
  );
  t.is(result.status, 0, result.out);
  t.regex(result.out, /leaf\.pem: OK/);
  // The same leaf under a different root is refused: the check above can fail.
  const otherKey = ec.generatePrivateKey(new ec.SECP384R1());
  const other = new x509.CertificateBuilder()
    .subjectName(rootName)
    .issuerName(rootName)
    .publicKey(otherKey.publicKey())
    .serialNumber(1n)
    .notValidBefore(days(-1))
    .notValidAfter(days(30))
    .addExtension(new x509.BasicConstraints(true, null), true)
    .sign(otherKey, new SHA384());
  const otherFile = save("other-root.pem", other.publicBytes(Encoding.PEM));
  const refused = openssl("verify", "-CAfile", otherFile, "-untrusted", files.inter, files.leaf);
  t.not(refused.status, 0, refused.out);
});

test("openssl names every extension hazmat wrote", (t) => {
  const expected: Record<keyof typeof files, string[]> = {
    root: ["Basic Constraints", "Key Usage", "Subject Key Identifier"],
    inter: [
      "Basic Constraints",
      "Key Usage",
      "Subject Key Identifier",
      "Authority Key Identifier",
      "Name Constraints",
      "CRL Distribution Points",
      "Authority Information Access",
    ],
    leaf: [
      "Basic Constraints",
      "Key Usage",
      "Extended Key Usage",
      "Subject Alternative Name",
      "Subject Key Identifier",
      "Authority Key Identifier",
      "CRL Distribution Points",
      "Authority Information Access",
      "Certificate Policies",
    ],
    csr: ["Subject Alternative Name", "Key Usage"],
    crl: ["CRL Number", "Authority Key Identifier", "CRL Reason Code", "Invalidity Date"],
  };
  for (const [which, names] of Object.entries(expected) as [keyof typeof files, string[]][]) {
    const tool = which === "csr" ? "req" : which === "crl" ? "crl" : "x509";
    const result = openssl(tool, "-in", files[which], "-noout", "-text");
    t.is(result.status, 0, result.out);
    for (const extension of names) t.true(result.out.includes(extension), `${which}: ${extension}`);
  }
  const leafText = openssl("x509", "-in", files.leaf, "-noout", "-text").out;
  t.regex(leafText, /Signature Algorithm: rsassaPss/);
  t.regex(
    leafText,
    /DNS:www\.example\.test, DNS:api\.example\.test, email:ops@example\.test, IP Address:192\.0\.2\.10, IP Address:2001:DB8:0:0:0:0:0:10, URI:https:\/\/www\.example\.test\//,
  );
  t.regex(leafText, /TLS Web Server Authentication, TLS Web Client Authentication/);
  t.regex(leafText, /CPS: https:\/\/pki\.example\.test\/cps/);
  t.regex(leafText, /Explicit Text: test only/);
  const interText = openssl("x509", "-in", files.inter, "-noout", "-text").out;
  t.regex(
    interText,
    /Permitted:\s+DNS:example\.test\s+email:example\.test\s+IP:192\.0\.2\.0\/255\.255\.255\.0\s+IP:2001:DB8:0:0:0:0:0:0\/FFFF:FFFF:0:0:0:0:0:0/,
  );
  t.regex(interText, /Excluded:\s+DNS:forbidden\.example\.test/);
});

test("openssl verifies the hazmat CSR and CRL signatures", (t) => {
  const req = openssl("req", "-in", files.csr, "-noout", "-verify");
  t.is(req.status, 0, req.out);
  t.regex(req.out, /verify OK/i);
  const crlCheck = openssl("crl", "-in", files.crl, "-noout", "-CAfile", files.inter);
  const verified = openssl("crl", "-in", files.crl, "-noout", "-CAfile", files.inter, "-verify");
  t.is(crlCheck.status, 0, crlCheck.out);
  t.is(verified.status, 0, verified.out);
  t.regex(verified.out, /verify OK/i);
  // Against the wrong issuer the CRL signature check fails.
  const wrong = openssl("crl", "-in", files.crl, "-noout", "-CAfile", files.root, "-verify");
  t.notRegex(wrong.out, /verify OK/i);
});

/** Asks PyCA to describe PEM objects, and compares with hazmat's description of them. */
function pycaAgrees(
  t: { deepEqual: (a: unknown, b: unknown, m?: string) => void },
  items: [Kind, Uint8Array, Described][],
): void {
  const answers = askPycaX509<Described>(
    items.map(([kind, data]) => ({
      op: "describe",
      kind,
      encoding: "pem",
      data: Buffer.from(data).toString("hex"),
    })),
  );
  items.forEach(([kind, , ours], index) => {
    const theirs = answers[index];
    t.deepEqual(differences(theirs, ours), [], `${kind} #${index}`);
    t.deepEqual(theirs, ours);
  });
}

test("PyCA 50 reads every hazmat-built object with the same field values", (t) => {
  pycaAgrees(t, [
    ["cert", pem.root, { ok: describeCertificate(root) }],
    ["cert", pem.inter, { ok: describeCertificate(inter) }],
    ["cert", pem.leaf, { ok: describeCertificate(leaf) }],
    ["csr", pem.csr, { ok: describeCsr(csr) }],
    ["crl", pem.crl, { ok: describeCrl(crl) }],
  ]);
  // Spot checks that the description carries what was built.
  t.is(leaf.serialNumber, 0x0123456789abcdef0123456789abcdefn);
  t.is(leaf.notValidAfterUtc.getTime(), days(90).getTime());
  t.true(csr.isSignatureValid);
  t.is([...crl].length, 2);
});

test("PyCA accepts hazmat's issuer links and rejects the wrong ones", (t) => {
  const text = (b: Uint8Array) => Buffer.from(b).toString("utf8");
  const answers = askPycaX509<string | boolean>([
    { op: "verify_issued", cert: text(pem.inter), issuer: text(pem.root) },
    { op: "verify_issued", cert: text(pem.leaf), issuer: text(pem.inter) },
    { op: "verify_issued", cert: text(pem.leaf), issuer: text(pem.root) },
    { op: "crl_signature", crl: text(pem.crl), issuer: text(pem.inter) },
    { op: "crl_signature", crl: text(pem.crl), issuer: text(pem.leaf) },
    { op: "csr_signature", csr: text(pem.csr) },
  ]);
  t.deepEqual(answers, ["ok", "ok", "ValueError", true, false, true]);
  // hazmat agrees on each.
  t.notThrows(() => inter.verifyDirectlyIssuedBy(root));
  t.notThrows(() => leaf.verifyDirectlyIssuedBy(inter));
  t.throws(() => leaf.verifyDirectlyIssuedBy(root), { instanceOf: ValueError });
  t.true(crl.isSignatureValid(interKey.publicKey()));
  t.false(crl.isSignatureValid(leafKey.publicKey()));
});

test("PyCA-built root, leaf, CSR and CRL load in hazmat with PyCA's values", (t) => {
  const [built] = askPycaX509<Record<"root" | "leaf" | "csr" | "crl", string>>([
    { op: "build", dir },
  ]);
  if (built === undefined) throw new Error("PyCA built nothing");
  const read = (which: keyof typeof built) => readFileSync(path.join(dir, built[which]));
  const items: [Kind, Buffer][] = [
    ["cert", read("root")],
    ["cert", read("leaf")],
    ["csr", read("csr")],
    ["crl", read("crl")],
  ];
  pycaAgrees(
    t,
    items.map(([kind, data]) => [kind, data, describeWithHazmat(kind, "pem", data)]),
  );
  const pycaRoot = x509.loadPemX509Certificate(read("root"));
  const pycaLeaf = x509.loadPemX509Certificate(read("leaf"));
  t.notThrows(() => pycaLeaf.verifyDirectlyIssuedBy(pycaRoot));
  t.notThrows(() => pycaRoot.verifyDirectlyIssuedBy(pycaRoot));
  t.throws(() => pycaRoot.verifyDirectlyIssuedBy(pycaLeaf), { instanceOf: ValueError });
  t.true(x509.loadPemX509Csr(read("csr")).isSignatureValid);
  const pycaCrl = x509.loadPemX509Crl(read("crl"));
  t.true(pycaCrl.isSignatureValid(pycaRoot.publicKey()));
  t.false(pycaCrl.isSignatureValid(leafKey.publicKey()));
  // A certificate hazmat signs under the PyCA root's name with another key: right names, wrong
  // signature.
  const forged = new x509.CertificateBuilder()
    .subjectName(leafName)
    .issuerName(pycaRoot.subject)
    .publicKey(leafKey.publicKey())
    .serialNumber(5n)
    .notValidBefore(days(-1))
    .notValidAfter(days(1))
    .sign(ec.generatePrivateKey(new ec.SECP384R1()), new SHA384());
  t.throws(() => forged.verifyDirectlyIssuedBy(pycaRoot), { instanceOf: InvalidSignature });
  const [pycaSays] = askPycaX509<string>([
    {
      op: "verify_issued",
      cert: forged.publicBytes(Encoding.PEM).toString(),
      issuer: read("root").toString(),
    },
  ]);
  t.is(pycaSays, "InvalidSignature");
});

test("openssl req -x509 certificates and openssl CSRs load in hazmat as in PyCA", (t) => {
  const made: [Kind, string][] = [];
  for (const [label, keyArgs] of [
    ["ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]],
    ["rsa", ["-newkey", "rsa:2048", "-sha384"]],
    ["ed25519", ["-newkey", "ed25519"]],
  ] as const) {
    const cert = path.join(dir, `openssl-${label}.pem`);
    const result = openssl(
      "req",
      "-x509",
      ...keyArgs,
      "-nodes",
      "-keyout",
      path.join(dir, `openssl-${label}.key`),
      "-out",
      cert,
      "-days",
      "30",
      "-subj",
      `/C=SE/O=OpenSSL interop/CN=${label}.openssl.test`,
      "-addext",
      `subjectAltName=DNS:${label}.openssl.test,IP:127.0.0.1,IP:::1,email:a@openssl.test`,
      "-addext",
      "keyUsage=critical,digitalSignature,keyCertSign",
      "-addext",
      "extendedKeyUsage=serverAuth,codeSigning",
    );
    t.is(result.status, 0, result.out);
    made.push(["cert", cert]);
    const request = path.join(dir, `openssl-${label}.csr`);
    const req = openssl(
      "req",
      "-new",
      "-key",
      path.join(dir, `openssl-${label}.key`),
      "-out",
      request,
      "-subj",
      `/CN=${label}.openssl.test/emailAddress=a@openssl.test`,
      "-addext",
      "basicConstraints=critical,CA:FALSE",
    );
    t.is(req.status, 0, req.out);
    made.push(["csr", request]);
  }
  const items = made.map(([kind, file]): [Kind, Buffer, Described] => {
    const data = readFileSync(file);
    return [kind, data, describeWithHazmat(kind, "pem", data)];
  });
  pycaAgrees(t, items);
  for (const [kind, file] of made) {
    if (kind !== "cert") continue;
    const cert = x509.loadPemX509Certificate(readFileSync(file));
    t.notThrows(() => cert.verifyDirectlyIssuedBy(cert), file);
  }
});

/**
 * The same certificate, CSR and CRL described once and built by both libraries. With a
 * deterministic signature (EdDSA, RSA PKCS#1 v1.5, RFC 6979 ECDSA) the two must be the same
 * bytes: names, times, serial, every extension's encoding, the algorithm identifiers and the
 * signature all agree.
 */
const SAME_SPEC = {
  subject: [
    ["2.5.4.6", "DE"],
    ["2.5.4.10", "Same Bytes GmbH"],
    ["2.5.4.3", "same.example.test"],
  ],
  issuer: [
    ["2.5.4.10", "Same Bytes GmbH"],
    ["2.5.4.3", "Same Bytes CA"],
  ],
  serial: "1234567890123456789012345678901234567890",
  notBefore: Date.UTC(2025, 0, 1, 12, 0, 0),
  // After 2049: GeneralizedTime, which both must pick.
  notAfter: Date.UTC(2050, 5, 30, 23, 59, 59),
  extensions: [
    { type: "BasicConstraints", ca: true, pathLength: 2, critical: true },
    { type: "KeyUsage", bits: ["digital_signature", "key_cert_sign", "crl_sign"], critical: true },
    {
      type: "SubjectAlternativeName",
      names: [
        ["dns", "same.example.test"],
        ["ip", "192.0.2.1"],
        ["ip", "2001:db8::1"],
        ["email", "same@example.test"],
        ["uri", "https://same.example.test/"],
      ],
      critical: false,
    },
    {
      type: "ExtendedKeyUsage",
      usages: ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.4"],
      critical: false,
    },
    { type: "SubjectKeyIdentifier", critical: false },
    { type: "AuthorityKeyIdentifier", critical: false },
    {
      type: "CRLDistributionPoints",
      uris: ["http://crl.example.test/same.crl", "ldap://ldap.example.test/cn=CA"],
      reasons: ["keyCompromise", "cACompromise", "superseded"],
      critical: false,
    },
    {
      type: "AuthorityInformationAccess",
      descriptions: [
        ["1.3.6.1.5.5.7.48.1", "http://ocsp.example.test"],
        ["1.3.6.1.5.5.7.48.2", "http://pki.example.test/ca.cer"],
      ],
      critical: false,
    },
    {
      type: "CertificatePolicies",
      oid: "1.3.6.1.4.1.99999.1",
      cps: "https://pki.example.test/cps",
      organization: "Same Bytes GmbH",
      numbers: [1, 2, 300],
      text: "only for tests",
      critical: false,
    },
    {
      type: "NameConstraints",
      permittedDns: ["example.test"],
      permittedIp: ["192.0.2.0/24", "2001:db8::/32"],
      excludedDns: ["bad.example.test"],
      critical: true,
    },
  ],
  csrExtensions: [
    {
      type: "SubjectAlternativeName",
      names: [["dns", "same.example.test"]],
      critical: false,
    },
    { type: "BasicConstraints", ca: false, pathLength: null, critical: true },
  ],
  crlExtensions: [
    { type: "CRLNumber", number: 99, critical: false },
    { type: "AuthorityKeyIdentifier", critical: false },
  ],
};

type SpecExtension =
  | (typeof SAME_SPEC.extensions)[number]
  | (typeof SAME_SPEC.crlExtensions)[number];

const KEY_USAGE_BITS = [
  "digital_signature",
  "content_commitment",
  "key_encipherment",
  "data_encipherment",
  "key_agreement",
  "key_cert_sign",
  "crl_sign",
  "encipher_only",
  "decipher_only",
];

function specName(pairs: string[][]): x509.Name {
  return new x509.Name(
    pairs.map(
      ([oid, value]) => new x509.NameAttribute(new ObjectIdentifier(oid ?? ""), value ?? ""),
    ),
  );
}

function specGeneralName([kind, value]: string[]): x509.GeneralName {
  const text = value ?? "";
  if (kind === "dns") return new x509.DNSName(text);
  if (kind === "email") return new x509.RFC822Name(text);
  if (kind === "uri") return new x509.UniformResourceIdentifier(text);
  return new x509.IPAddress(
    text.includes(":") ? new x509.IPv6Address(text) : new x509.IPv4Address(text),
  );
}

function specExtension(e: SpecExtension, publicKey: PublicKeyTypes): x509.ExtensionType {
  const spec = e as Record<string, unknown>;
  switch (e.type) {
    case "BasicConstraints":
      return new x509.BasicConstraints(spec.ca as boolean, spec.pathLength as number | null);
    case "KeyUsage": {
      const bits = spec.bits as string[];
      const [a, b, c, d, f, g, h, i, j] = KEY_USAGE_BITS.map((bit) => bits.includes(bit));
      return new x509.KeyUsage(!!a, !!b, !!c, !!d, !!f, !!g, !!h, !!i, !!j);
    }
    case "SubjectAlternativeName":
      return new x509.SubjectAlternativeName((spec.names as string[][]).map(specGeneralName));
    case "ExtendedKeyUsage":
      return new x509.ExtendedKeyUsage(
        (spec.usages as string[]).map((oid) => new ObjectIdentifier(oid)),
      );
    case "SubjectKeyIdentifier":
      return x509.SubjectKeyIdentifier.fromPublicKey(publicKey);
    case "AuthorityKeyIdentifier":
      return x509.AuthorityKeyIdentifier.fromIssuerPublicKey(publicKey);
    case "CRLDistributionPoints":
      return new x509.CRLDistributionPoints([
        new x509.DistributionPoint(
          (spec.uris as string[]).map((u) => new x509.UniformResourceIdentifier(u)),
          null,
          new Set(spec.reasons as x509.ReasonFlags[]),
          null,
        ),
      ]);
    case "AuthorityInformationAccess":
      return new x509.AuthorityInformationAccess(
        (spec.descriptions as string[][]).map(
          ([method, uri]) =>
            new x509.AccessDescription(
              new ObjectIdentifier(method ?? ""),
              new x509.UniformResourceIdentifier(uri ?? ""),
            ),
        ),
      );
    case "CertificatePolicies":
      return new x509.CertificatePolicies([
        new x509.PolicyInformation(new ObjectIdentifier(spec.oid as string), [
          spec.cps as string,
          new x509.UserNotice(
            new x509.NoticeReference(spec.organization as string, spec.numbers as number[]),
            spec.text as string,
          ),
        ]),
      ]);
    case "NameConstraints":
      return new x509.NameConstraints(
        [
          ...(spec.permittedDns as string[]).map((d) => new x509.DNSName(d)),
          ...(spec.permittedIp as string[]).map(
            (n) =>
              new x509.IPAddress(
                n.includes(":") ? new x509.IPv6Network(n) : new x509.IPv4Network(n),
              ),
          ),
        ],
        (spec.excludedDns as string[]).map((d) => new x509.DNSName(d)),
      );
    case "CRLNumber":
      return new x509.CRLNumber(BigInt(spec.number as number));
    default:
      throw new Error(`unknown extension type in spec: ${e.type}`);
  }
}

type SigningKey = Parameters<x509.CertificateBuilder["sign"]>[0] & {
  privateBytes(e: Encoding, f: PrivateFormat, n: NoEncryption): Buffer;
};
type PublicKeyTypes = Parameters<typeof x509.SubjectKeyIdentifier.fromPublicKey>[0];

function hazmatSame(
  key: SigningKey & { publicKey(): PublicKeyTypes },
  hash: HashAlgorithm | null,
): Record<"cert" | "csr" | "crl", string> {
  const pub = key.publicKey();
  const options = key instanceof ec.EllipticCurvePrivateKey ? { ecdsaDeterministic: true } : {};
  let cert = new x509.CertificateBuilder()
    .issuerName(specName(SAME_SPEC.issuer))
    .subjectName(specName(SAME_SPEC.subject))
    .publicKey(pub)
    .serialNumber(BigInt(SAME_SPEC.serial))
    .notValidBefore(new Date(SAME_SPEC.notBefore))
    .notValidAfter(new Date(SAME_SPEC.notAfter));
  for (const e of SAME_SPEC.extensions) cert = cert.addExtension(specExtension(e, pub), e.critical);
  let csr = new x509.CertificateSigningRequestBuilder().subjectName(specName(SAME_SPEC.subject));
  for (const e of SAME_SPEC.csrExtensions) {
    csr = csr.addExtension(specExtension(e as SpecExtension, pub), e.critical);
  }
  let crl = new x509.CertificateRevocationListBuilder()
    .issuerName(specName(SAME_SPEC.issuer))
    .lastUpdate(new Date(SAME_SPEC.notBefore))
    .nextUpdate(new Date(SAME_SPEC.notAfter))
    .addRevokedCertificate(
      new x509.RevokedCertificateBuilder()
        .serialNumber(BigInt(SAME_SPEC.serial))
        .revocationDate(new Date(SAME_SPEC.notBefore))
        .addExtension(new x509.CRLReason(x509.ReasonFlags.superseded), false)
        .build(),
    );
  for (const e of SAME_SPEC.crlExtensions)
    crl = crl.addExtension(specExtension(e, pub), e.critical);
  const der = (o: { publicBytes(e: Encoding): Buffer }) =>
    o.publicBytes(Encoding.DER).toString("hex");
  return {
    cert: der(cert.sign(key, hash, options)),
    csr: der(csr.sign(key, hash, options)),
    crl: der(crl.sign(key, hash, options)),
  };
}

test("deterministic signatures: hazmat and PyCA build byte-identical certificates, CSRs, CRLs", (t) => {
  const cases: [string, SigningKey & { publicKey(): PublicKeyTypes }, HashAlgorithm | null][] = [
    ["Ed25519", Ed25519PrivateKey.generate(), null],
    ["Ed448", Ed448PrivateKey.generate(), null],
    ["RSA-2048 PKCS#1 v1.5 SHA-256", rsa.generatePrivateKey(65537, 2048), new SHA256()],
    ["RSA-2048 PKCS#1 v1.5 SHA-512", rsa.generatePrivateKey(65537, 2048), new SHA512()],
    ["ECDSA P-256 SHA-256 (RFC 6979)", ec.generatePrivateKey(new ec.SECP256R1()), new SHA256()],
    ["ECDSA P-384 SHA-384 (RFC 6979)", ec.generatePrivateKey(new ec.SECP384R1()), new SHA384()],
    ["ECDSA P-521 SHA-512 (RFC 6979)", ec.generatePrivateKey(new ec.SECP521R1()), new SHA512()],
    ["ECDSA P-256 SHA3-256 (RFC 6979)", ec.generatePrivateKey(new ec.SECP256R1()), new SHA3_256()],
  ];
  const ours = cases.map(([, key, hash]) => hazmatSame(key, hash));
  const theirs = askPycaX509<Record<"cert" | "csr" | "crl", string>>(
    cases.map(([, key, hash]) => ({
      op: "same",
      key: key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption()).toString(),
      hash: hash === null ? null : hash.name,
      spec: SAME_SPEC,
    })),
  );
  t.is(theirs.length, cases.length);
  cases.forEach(([label], index) => {
    for (const kind of ["cert", "csr", "crl"] as const) {
      const mine = ours[index]?.[kind] ?? "";
      t.true(mine.length > 200, `${label}: ${kind} was built`);
      t.is(mine, theirs[index]?.[kind] ?? "missing", `${label}: ${kind}`);
    }
  });
  // Randomized ECDSA is not reproducible: the comparison above is not vacuous.
  const key = ec.generatePrivateKey(new ec.SECP256R1());
  const once = new x509.CertificateSigningRequestBuilder()
    .subjectName(specName(SAME_SPEC.subject))
    .sign(key, new SHA256());
  const twice = new x509.CertificateSigningRequestBuilder()
    .subjectName(specName(SAME_SPEC.subject))
    .sign(key, new SHA256());
  t.false(once.publicBytes(Encoding.DER).equals(twice.publicBytes(Encoding.DER)));
});
