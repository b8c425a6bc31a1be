/**
 * Bad input for every X.509 loader and for the methods of parsed objects: wrong JS types are
 * TypeErrors, malformed bytes (truncated DER at every length, random bytes, wrong PEM labels,
 * empty input) are ValueErrors, and the process survives all of it. Where PyCA answers the same
 * input, its error class is the expected one.
 */
import * as crypto from "node:crypto";
import test from "ava";
import { ERR_HAZMAT_INVALID_TYPE, ValueError } from "hazmat/exceptions";
import { Encoding } from "hazmat/primitives/serialization";
import {
  loadDerX509Certificate,
  loadDerX509Crl,
  loadDerX509Csr,
  loadPemX509Certificate,
  loadPemX509Certificates,
  loadPemX509Crl,
  loadPemX509Csr,
} from "hazmat/x509";
import { pycaX509, x509Vector } from "./helpers/pyca-x509-check.js";

const isTypeError = { instanceOf: TypeError, code: ERR_HAZMAT_INVALID_TYPE };

const LOADERS: [string, (data: Uint8Array) => unknown][] = [
  ["loadPemX509Certificate", loadPemX509Certificate],
  ["loadPemX509Certificates", loadPemX509Certificates],
  ["loadDerX509Certificate", loadDerX509Certificate],
  ["loadPemX509Csr", loadPemX509Csr],
  ["loadDerX509Csr", loadDerX509Csr],
  ["loadPemX509Crl", loadPemX509Crl],
  ["loadDerX509Crl", loadDerX509Crl],
];

test("every loader: data must be bytes", (t) => {
  const pem = x509Vector("cryptography.io.pem").toString("latin1");
  for (const [name, load] of LOADERS) {
    for (const value of [pem, null, undefined, 42, [1, 2], new ArrayBuffer(4), {}]) {
      t.throws(() => load(value as unknown as Uint8Array), isTypeError, name);
    }
  }
});

test("every loader: empty input and random bytes are ValueErrors", (t) => {
  for (const [name, load] of LOADERS) {
    t.throws(() => load(Buffer.alloc(0)), { instanceOf: ValueError }, `${name} empty`);
    for (let i = 0; i < 20; i++) {
      const junk = crypto.randomBytes(1 + i * 37);
      t.throws(() => load(junk), { instanceOf: ValueError }, `${name} random ${junk.length}`);
    }
  }
});

test("PEM loaders refuse other labels, as PyCA does", (t) => {
  const cert = x509Vector("cryptography.io.pem");
  const csr = x509Vector("requests/rsa_sha256.pem");
  const crl = x509Vector("custom/crl_empty.pem");
  const cases: [string, (d: Uint8Array) => unknown, Buffer, "cert" | "csr" | "crl"][] = [
    ["certificate as CSR", loadPemX509Csr, cert, "csr"],
    ["certificate as CRL", loadPemX509Crl, cert, "crl"],
    ["CSR as certificate", loadPemX509Certificate, csr, "cert"],
    ["CRL as certificate", loadPemX509Certificate, crl, "cert"],
    ["CRL as CSR", loadPemX509Csr, crl, "csr"],
  ];
  const answers = pycaX509(cases.map(([, , data, kind]) => ({ kind, data, pem: true })));
  cases.forEach(([what, load, data], i) => {
    t.like(answers[i], { ok: false, error: "ValueError" }, what);
    t.throws(() => load(data), { instanceOf: ValueError }, what);
  });
  t.throws(() => loadPemX509Certificates(csr), { instanceOf: ValueError });
});

test("PEM with the right label around bad contents is a ValueError, as in PyCA", (t) => {
  const label = (name: string, body: string) =>
    Buffer.from(`-----BEGIN ${name}-----\n${body}\n-----END ${name}-----\n`);
  const cases: [string, Buffer, (d: Uint8Array) => unknown, "cert" | "csr" | "crl"][] = [
    ["base64 of junk", label("CERTIFICATE", "aGVsbG8gd29ybGQ="), loadPemX509Certificate, "cert"],
    ["not base64", label("CERTIFICATE", "!!!!not base64!!!!"), loadPemX509Certificate, "cert"],
    ["empty body", label("CERTIFICATE REQUEST", ""), loadPemX509Csr, "csr"],
    ["truncated DER", label("X509 CRL", "MIIBAjCB"), loadPemX509Crl, "crl"],
    [
      "unterminated",
      Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n"),
      loadPemX509Certificate,
      "cert",
    ],
  ];
  const answers = pycaX509(cases.map(([, data, , kind]) => ({ kind, data, pem: true })));
  cases.forEach(([what, data, load], i) => {
    t.like(answers[i], { ok: false, error: "ValueError" }, what);
    t.throws(() => load(data), { instanceOf: ValueError }, what);
  });
});

test("DER loaders refuse the other DER structures and PEM text", (t) => {
  const certDer = loadPemX509Certificate(x509Vector("cryptography.io.pem")).publicBytes(
    Encoding.DER,
  );
  const csrDer = x509Vector("requests/rsa_sha256.der");
  t.throws(() => loadDerX509Csr(certDer), { instanceOf: ValueError });
  t.throws(() => loadDerX509Crl(certDer), { instanceOf: ValueError });
  t.throws(() => loadDerX509Certificate(csrDer), { instanceOf: ValueError });
  t.throws(() => loadDerX509Certificate(x509Vector("cryptography.io.pem")), {
    instanceOf: ValueError,
  });
  // Trailing bytes after the certificate are not DER of one certificate (PyCA agrees).
  const trailing = Buffer.concat([certDer, Buffer.from([0])]);
  const [answer] = pycaX509([{ kind: "cert", data: trailing, pem: false }]);
  t.like(answer, { ok: false, error: "ValueError" });
  t.throws(() => loadDerX509Certificate(trailing), { instanceOf: ValueError });
});

test("truncated DER at every length is a ValueError for all three loaders", (t) => {
  const objects: [string, Buffer, (d: Uint8Array) => unknown][] = [
    [
      "certificate",
      loadPemX509Certificate(x509Vector("custom/negative_serial.pem")).publicBytes(Encoding.DER),
      loadDerX509Certificate,
    ],
    ["CSR", x509Vector("requests/rsa_sha256.der"), loadDerX509Csr],
    [
      "CRL",
      loadPemX509Crl(x509Vector("custom/crl_all_reasons.pem")).publicBytes(Encoding.DER),
      loadDerX509Crl,
    ],
  ];
  for (const [what, der, load] of objects) {
    let failures = 0;
    for (let length = 0; length < der.length; length++) {
      try {
        load(der.subarray(0, length));
      } catch (error) {
        if (error instanceof ValueError) failures++;
        else t.fail(`${what} cut to ${length}: ${String(error)}`);
      }
    }
    t.is(failures, der.length, `${what}: every proper prefix refused`);
  }
});

test("corrupted bytes inside a certificate never crash: a ValueError or a certificate", (t) => {
  const der = loadPemX509Certificate(x509Vector("cryptography.io.pem")).publicBytes(Encoding.DER);
  let parsed = 0;
  for (let i = 0; i < der.length; i += 7) {
    const copy = Buffer.from(der);
    copy[i] = (copy[i] ?? 0) ^ 0xff;
    try {
      const cert = loadDerX509Certificate(copy);
      parsed++;
      // Whatever parses must answer its getters with values or documented errors.
      for (const read of [
        () => cert.subject.rfc4514String(),
        () => cert.extensions,
        () => cert.signatureHashAlgorithm,
        () => cert.publicKey(),
      ]) {
        try {
          read();
        } catch (error) {
          t.true(error instanceof Error && "code" in error, String(error));
        }
      }
    } catch (error) {
      t.true(error instanceof ValueError, String(error));
    }
  }
  t.log(`${parsed} corrupted copies still parsed`);
});

test("methods of parsed objects check their arguments", (t) => {
  const cert = loadPemX509Certificate(x509Vector("cryptography.io.pem"));
  t.throws(() => cert.fingerprint("sha256" as never), {
    ...isTypeError,
    message: "Expected instance of hashes.HashAlgorithm.",
  });
  t.throws(() => cert.publicBytes(Encoding.Raw), {
    ...isTypeError,
    message: "encoding must be Encoding.DER or Encoding.PEM",
  });
  t.throws(() => cert.publicBytes("PEM" as never), isTypeError);
  t.throws(() => cert.verifyDirectlyIssuedBy("issuer" as never), isTypeError);
  const csr = loadPemX509Csr(x509Vector("requests/challenge.pem"));
  t.throws(() => csr.publicBytes(Encoding.OpenSSH), isTypeError);
  t.throws(() => csr.attributes.getAttributeForOid("1.2.840.113549.1.9.7" as never), isTypeError);
  const crl = loadPemX509Crl(x509Vector("custom/crl_all_reasons.pem"));
  t.throws(() => crl.isSignatureValid("key" as never), isTypeError);
  t.throws(() => crl.isSignatureValid(null as never), isTypeError);
  t.throws(() => crl.getRevokedCertificateBySerialNumber("1" as never), isTypeError);
  t.throws(() => crl.getRevokedCertificateBySerialNumber(1.5 as never), isTypeError);
  t.throws(() => crl.at("0" as never), isTypeError);
  t.throws(() => crl.fingerprint(null as never), isTypeError);
  t.throws(() => crl.publicBytes(Encoding.X962), isTypeError);
});
