import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import test from "ava";
import { ERR_HAZMAT_INVALID_TYPE, UnsupportedAlgorithm, ValueError } from "hazmat/exceptions";
import type { EllipticCurvePrivateKey } from "hazmat/primitives/asymmetric/ec";
import { Ed25519PrivateKey } from "hazmat/primitives/asymmetric/ed25519";
import { MGF1, PKCS1v15, PSS } from "hazmat/primitives/asymmetric/padding";
import type { RSAPrivateKey } from "hazmat/primitives/asymmetric/rsa";
import { AES128, AES256, Camellia } from "hazmat/primitives/ciphers/algorithms";
import { SHA1, SHA224, SHA256, SHA384, SHA512 } from "hazmat/primitives/hashes";
import { Encoding, loadPemPrivateKey } from "hazmat/primitives/serialization";
import {
  loadDerPkcs7Certificates,
  loadPemPkcs7Certificates,
  PKCS7EnvelopeBuilder,
  PKCS7Options,
  PKCS7SignatureBuilder,
  pkcs7DecryptDer,
  pkcs7DecryptPem,
  pkcs7DecryptSmime,
  serializeCertificates,
} from "hazmat/primitives/serialization/pkcs7";
import { type Certificate, loadPemX509Certificate } from "hazmat/x509";
import { type OpensslPair, opensslScratch } from "./helpers/openssl-cli.js";
import { runPythonJson } from "./helpers/python-json.js";
import { vectorsRoot } from "./helpers/vectors.js";

const isTypeError = { instanceOf: TypeError, code: ERR_HAZMAT_INVALID_TYPE };
const { dir, run, runOk, makePair: makeCliPair } = opensslScratch("hazmat-pkcs7-");

type Pair = OpensslPair;

const makePair = (name: string, newkey: string[]): Pair =>
  makeCliPair(name, newkey, `/CN=${name}/O=hazmat tests`);

const rsa = makePair("rsa", ["-newkey", "rsa:2048"]);
const rsa2 = makePair("rsa2", ["-newkey", "rsa:2048"]);
const ec256 = makePair("ec256", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]);
const ec384 = makePair("ec384", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"]);
const rsaKey = loadPemPrivateKey(rsa.keyPem, null) as RSAPrivateKey;
const rsa2Key = loadPemPrivateKey(rsa2.keyPem, null) as RSAPrivateKey;
const ec256Key = loadPemPrivateKey(ec256.keyPem, null) as EllipticCurvePrivateKey;
const ec384Key = loadPemPrivateKey(ec384.keyPem, null) as EllipticCurvePrivateKey;

/** PyCA as an independent implementation (one process per batch). */
const PYCA = `
import json, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7

ENC = {"PEM": serialization.Encoding.PEM, "DER": serialization.Encoding.DER, "SMIME": serialization.Encoding.SMIME}
HASH = {"sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}

def cert(pem):
    return x509.load_pem_x509_certificate(pem.encode())

def key(pem):
    return serialization.load_pem_private_key(pem.encode(), None)

def opts(names):
    return [getattr(pkcs7.PKCS7Options, n) for n in names]

def answer(r):
    op = r["op"]
    if op == "load":
        data = bytes.fromhex(r["data"])
        certs = pkcs7.load_der_pkcs7_certificates(data) if r["fmt"] == "der" else pkcs7.load_pem_pkcs7_certificates(data)
        return {"certs": [c.public_bytes(serialization.Encoding.DER).hex() for c in certs]}
    if op == "serialize":
        return {"out": pkcs7.serialize_certificates([cert(c) for c in r["certs"]], ENC[r["encoding"]]).hex()}
    if op == "sign":
        b = pkcs7.PKCS7SignatureBuilder().set_data(bytes.fromhex(r["data"]))
        for s in r["signers"]:
            pad = padding.PKCS1v15() if s.get("pkcs1") else None
            if s.get("pss"):
                salt = {"max": padding.PSS.MAX_LENGTH, "digest": padding.PSS.DIGEST_LENGTH}.get(s["pss"]["salt"], s["pss"]["salt"])
                pad = padding.PSS(padding.MGF1(HASH[s["pss"]["mgf"]]()), salt)
            b = b.add_signer(cert(s["cert"]), key(s["key"]), HASH[s["hash"]](), rsa_padding=pad)
        for c in r["certs"]:
            b = b.add_certificate(cert(c))
        return {"out": b.sign(ENC[r["encoding"]], opts(r["options"])).hex()}
    if op == "encrypt":
        b = pkcs7.PKCS7EnvelopeBuilder().set_data(bytes.fromhex(r["data"]))
        for c in r["recipients"]:
            b = b.add_recipient(cert(c))
        if r.get("aes256"):
            b = b.set_content_encryption_algorithm(algorithms.AES256)
        return {"out": b.encrypt(ENC[r["encoding"]], opts(r["options"])).hex()}
    if op == "decrypt":
        f = {"der": pkcs7.pkcs7_decrypt_der, "pem": pkcs7.pkcs7_decrypt_pem, "smime": pkcs7.pkcs7_decrypt_smime}[r["fmt"]]
        return {"out": f(bytes.fromhex(r["data"]), cert(r["cert"]), key(r["key"]), opts(r["options"])).hex()}

out = []
for r in json.load(sys.stdin):
    try:
        out.append({"ok": True, **answer(r)})
    except Exception as e:
        out.append({"ok": False, "error": type(e).__name__, "message": str(e)})
print(json.dumps(out))
`;

type Answer =
  | { ok: true; out?: string; certs?: string[] }
  | { ok: false; error: string; message: string };

const askPyca = (requests: Record<string, unknown>[]): Answer[] =>
  runPythonJson<Answer[]>(PYCA, requests);

function outcome(call: () => Buffer | Certificate[]): Answer {
  try {
    const value = call();
    return Array.isArray(value)
      ? { ok: true, certs: value.map((c) => c.publicBytes(Encoding.DER).toString("hex")) }
      : { ok: true, out: value.toString("hex") };
  } catch (error) {
    return { ok: false, error: (error as Error).name, message: (error as Error).message };
  }
}

const TEXT_HEADER = Buffer.from("Content-Type: text/plain\r\n\r\n");

/** The DER signature of a multipart/signed S/MIME message (its base64 "smime.p7s" part). */
function smimeSignaturePart(message: Buffer): Buffer {
  const text = message.toString("latin1");
  const start = text.indexOf('filename="smime.p7s"\r\n\r\n');
  const end = text.indexOf("\r\n--", start);
  if (start < 0 || end < 0) throw new Error("no smime.p7s part");
  return Buffer.from(text.slice(start + 24, end).replace(/\s+/g, ""), "base64");
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const pem = (p: Pair): string => p.certPem.toString();
const VECTORS = path.join(vectorsRoot(), "pkcs7");

test("certificate bundles of PyCA's vectors load, or fail, as PyCA loads them", (t) => {
  const cases = fs.readdirSync(VECTORS).flatMap((file) => {
    const data = fs.readFileSync(path.join(VECTORS, file));
    return (["der", "pem"] as const).map((fmt) => ({ file, fmt, data }));
  });
  // Plus damaged input.
  const amazon = fs.readFileSync(path.join(VECTORS, "amazon-roots.der"));
  cases.push(
    { file: "truncated", fmt: "der", data: amazon.subarray(0, amazon.length - 3) },
    { file: "random", fmt: "der", data: Buffer.from("0123456789abcdef") },
    { file: "empty", fmt: "der", data: Buffer.alloc(0) },
    { file: "not pem", fmt: "pem", data: Buffer.from("hello") },
  );
  const answers = askPyca(cases.map((c) => ({ op: "load", fmt: c.fmt, data: hex(c.data) })));
  let loaded = 0;
  cases.forEach((c, i) => {
    const load = c.fmt === "der" ? loadDerPkcs7Certificates : loadPemPkcs7Certificates;
    const ours = outcome(() => load(c.data));
    const theirs = answers[i] as Answer;
    if (ours.ok) loaded += 1;
    if (theirs.ok) {
      t.deepEqual(ours, theirs, `${c.file} as ${c.fmt}`);
    } else {
      // Same class; messages of the PEM parser PyCA uses (the pem crate) are its own.
      t.false(ours.ok, `${c.file} as ${c.fmt}`);
      t.is(ours.ok ? "" : ours.error, theirs.error, `${c.file} as ${c.fmt}: ${theirs.message}`);
      if (!theirs.message.includes("PEM") && !theirs.message.includes("MalformedFraming")) {
        t.is(ours.ok ? "" : ours.message, theirs.message, `${c.file} as ${c.fmt}`);
      }
    }
  });
  t.true(loaded >= 3, `loaded ${loaded}`);
});

test("serializeCertificates writes PyCA's exact bytes and round-trips", (t) => {
  const sets = [[rsa], [rsa, ec256, ec384], [ec384, rsa]];
  const requests = sets.flatMap((certs) =>
    ["DER", "PEM"].map((encoding) => ({ op: "serialize", certs: certs.map(pem), encoding })),
  );
  const answers = askPyca(requests);
  let i = 0;
  for (const certs of sets) {
    for (const encoding of [Encoding.DER, Encoding.PEM]) {
      const ours = serializeCertificates(
        certs.map((c) => c.cert),
        encoding,
      );
      t.deepEqual({ ok: true, out: hex(ours) }, answers[i]);
      i += 1;
      const back =
        encoding === Encoding.DER ? loadDerPkcs7Certificates(ours) : loadPemPkcs7Certificates(ours);
      t.is(back.length, certs.length);
      for (const c of certs) t.true(back.some((b) => b.equals(c.cert)));
    }
  }
  t.throws(() => serializeCertificates([], Encoding.DER), {
    ...isTypeError,
    message: "certs must be a list of certs with length >= 1",
  });
  t.throws(() => serializeCertificates([rsa.cert], Encoding.SMIME), { instanceOf: ValueError });
});

const ALL_OPTIONS: PKCS7Options[][] = [
  [],
  [PKCS7Options.Binary],
  [PKCS7Options.DetachedSignature],
  [PKCS7Options.NoCerts],
  [PKCS7Options.Binary, PKCS7Options.DetachedSignature, PKCS7Options.NoCerts],
];
const optionName = (o: PKCS7Options): string =>
  Object.entries(PKCS7Options).find(([, v]) => v === o)?.[0] ?? "?";

test("RSA PKCS#1 v1.5 signatures without attributes are byte for byte PyCA's", (t) => {
  const data = Buffer.from("line one\nline two\r\nend");
  const requests: Record<string, unknown>[] = [];
  const ours: Buffer[] = [];
  const hashes = [new SHA256(), new SHA512()];
  for (const options of ALL_OPTIONS) {
    for (const encoding of [Encoding.DER, Encoding.PEM]) {
      const opts = [...options, PKCS7Options.NoAttributes];
      const builder = new PKCS7SignatureBuilder()
        .setData(data)
        .addSigner(rsa.cert, rsaKey, hashes[0] as SHA256)
        .addSigner(rsa2.cert, rsa2Key, hashes[1] as SHA512, { rsaPadding: new PKCS1v15() })
        .addCertificate(ec256.cert);
      ours.push(builder.sign(encoding, opts));
      requests.push({
        op: "sign",
        data: hex(data),
        signers: [
          { cert: pem(rsa), key: rsa.keyPem.toString(), hash: "sha256" },
          { cert: pem(rsa2), key: rsa2.keyPem.toString(), hash: "sha512", pkcs1: true },
        ],
        certs: [pem(ec256)],
        encoding: encoding.name,
        options: opts.map(optionName),
      });
    }
  }
  const answers = askPyca(requests);
  ours.forEach((out, i) => {
    t.deepEqual({ ok: true, out: hex(out) }, answers[i], JSON.stringify(requests[i]?.options));
  });
  // The S/MIME form matches too, once the random MIME boundary is set aside.
  const smime = new PKCS7SignatureBuilder()
    .setData(data)
    .addSigner(rsa.cert, rsaKey, new SHA256())
    .sign(Encoding.SMIME, [PKCS7Options.NoAttributes, PKCS7Options.DetachedSignature]);
  const [theirs] = askPyca([
    {
      op: "sign",
      data: hex(data),
      signers: [{ cert: pem(rsa), key: rsa.keyPem.toString(), hash: "sha256" }],
      certs: [],
      encoding: "SMIME",
      options: ["NoAttributes", "DetachedSignature"],
    },
  ]);
  const boundaryless = (b: Buffer) => b.toString("latin1").replace(/={15}\d{19}==/g, "BOUNDARY");
  t.is(boundaryless(smime), boundaryless(Buffer.from((theirs as { out: string }).out, "hex")));
});

/** Zeroes what must differ between two signings: the signing time and the RSA signatures. */
function masked(der: Buffer, signatures: number): string {
  const out = Buffer.from(der);
  const signingTime = Buffer.from("06092a864886f70d01090531", "hex");
  for (let at = out.indexOf(signingTime); at >= 0; at = out.indexOf(signingTime, at + 1)) {
    out.fill(0, at + signingTime.length + 3, at + signingTime.length + 4 + 13);
  }
  // A 2048-bit RSA signature is an OCTET STRING of 256 bytes ("04 82 01 00").
  const header = Buffer.from("04820100", "hex");
  let found = 0;
  for (let at = out.indexOf(header); at >= 0; at = out.indexOf(header, at + 1)) {
    out.fill(0, at + 4, at + 4 + 256);
    found += 1;
  }
  if (found !== signatures) throw new Error(`expected ${signatures} signatures, found ${found}`);
  return out.toString("hex");
}

test("signed attributes, PSS parameters and layout are PyCA's, apart from time and signature", (t) => {
  const data = Buffer.from("attributes\n");
  const cases: {
    options: PKCS7Options[];
    pss: PSS | null;
    pycaPss: unknown;
    hash: SHA256 | SHA384;
  }[] = [
    { options: [], pss: null, pycaPss: null, hash: new SHA256() },
    { options: [PKCS7Options.NoCapabilities], pss: null, pycaPss: null, hash: new SHA384() },
    {
      options: [],
      pss: new PSS(new MGF1(new SHA256()), PSS.MAX_LENGTH),
      pycaPss: { mgf: "sha256", salt: "max" },
      hash: new SHA256(),
    },
    {
      options: [PKCS7Options.NoAttributes, PKCS7Options.DetachedSignature],
      pss: new PSS(new MGF1(new SHA384()), 20),
      pycaPss: { mgf: "sha384", salt: 20 },
      hash: new SHA512() as unknown as SHA384,
    },
  ];
  const answers = askPyca(
    cases.map((c) => ({
      op: "sign",
      data: hex(data),
      signers: [{ cert: pem(rsa), key: rsa.keyPem.toString(), hash: c.hash.name, pss: c.pycaPss }],
      certs: [],
      encoding: "DER",
      options: c.options.map(optionName),
    })),
  );
  cases.forEach((c, i) => {
    const ours = new PKCS7SignatureBuilder()
      .setData(data)
      .addSigner(rsa.cert, rsaKey, c.hash, c.pss === null ? {} : { rsaPadding: c.pss })
      .sign(Encoding.DER, c.options);
    const theirs = Buffer.from((answers[i] as { out: string }).out, "hex");
    t.is(masked(ours, 1), masked(theirs, 1), JSON.stringify(c.options.map(optionName)));
  });
});

test("signatures with every key, digest, padding and option verify with openssl", (t) => {
  const data = Buffer.from("Hello, S/MIME!\nSecond line.\n");
  const signers: [string, Pair, RSAPrivateKey | EllipticCurvePrivateKey, PSS | null][] = [
    ["rsa", rsa, rsaKey, null],
    ["rsa-pss", rsa, rsaKey, new PSS(new MGF1(new SHA256()), PSS.MAX_LENGTH)],
    ["rsa-pss-digest", rsa, rsaKey, new PSS(new MGF1(new SHA384()), PSS.DIGEST_LENGTH)],
    ["ec256", ec256, ec256Key, null],
    ["ec384", ec384, ec384Key, null],
  ];
  const optionSets: PKCS7Options[][] = [
    ...ALL_OPTIONS,
    [PKCS7Options.NoCapabilities],
    [PKCS7Options.NoAttributes],
    [PKCS7Options.Text, PKCS7Options.DetachedSignature],
  ];
  const crlf = Buffer.from(data.toString("latin1").replace(/\n/g, "\r\n"), "latin1");
  let checked = 0;
  for (const [label, pair, key, padding] of signers) {
    for (const hash of [new SHA224(), new SHA256(), new SHA384(), new SHA512()]) {
      for (const options of optionSets) {
        const text = options.includes(PKCS7Options.Text);
        const detached = options.includes(PKCS7Options.DetachedSignature);
        const noCerts = options.includes(PKCS7Options.NoCerts);
        const binary = options.includes(PKCS7Options.Binary);
        for (const encoding of text ? [Encoding.SMIME] : [Encoding.SMIME, Encoding.DER]) {
          const signed = new PKCS7SignatureBuilder()
            .setData(data)
            .addSigner(pair.cert, key, hash, padding === null ? {} : { rsaPadding: padding })
            .sign(encoding, options);
          const where = `${label} ${hash.name} ${options.map(optionName).join("+")} ${encoding.name}`;
          // What was signed: CRLF-canonical unless Binary, with a text/plain header for Text.
          const canonical = binary ? data : crlf;
          const signedContent = text ? Buffer.concat([TEXT_HEADER, canonical]) : canonical;
          fs.writeFileSync(path.join(dir, "signed.bin"), signedContent);
          const certArgs = noCerts ? ["-certfile", `${pair.name}.crt`] : [];
          if (encoding === Encoding.SMIME && !binary) {
            // The whole message through OpenSSL's S/MIME reader (which cannot take bare LFs in
            // a multipart body, so Binary messages are checked through their DER part only).
            const args = ["cms", "-verify", "-noverify", ...certArgs, ...(text ? ["-text"] : [])];
            const result = run("openssl", args, signed);
            t.is(result.status, 0, `${where}: ${result.stderr}`);
            t.true(result.stdout.includes(Buffer.from("Second line.")), where);
          }
          const der = encoding === Encoding.DER ? signed : smimeSignaturePart(signed);
          const args = ["cms", "-verify", "-noverify", "-binary", "-inform", "DER", ...certArgs];
          const contentArgs = detached ? ["-content", "signed.bin"] : [];
          const result = run("openssl", [...args, ...contentArgs], der);
          t.is(result.status, 0, `${where}: ${result.stderr}`);
          t.deepEqual(result.stdout, signedContent, where);
          if (detached) {
            // Tampering with the content breaks verification.
            fs.writeFileSync(
              path.join(dir, "signed.bin"),
              Buffer.concat([signedContent, Buffer.from("!")]),
            );
            t.not(run("openssl", [...args, ...contentArgs], der).status, 0, where);
          }
          checked += 1;
        }
      }
    }
  }
  t.is(checked, 300);
});

test("envelopes decrypt with openssl, in PyCA and here; PyCA's and OpenSSL's decrypt here", (t) => {
  const data = Buffer.from("top secret\nnumber two\n");
  fs.writeFileSync(path.join(dir, "secret.txt"), data);
  const crlf = Buffer.from(data.toString().replace(/\n/g, "\r\n"));
  const requests: Record<string, unknown>[] = [];
  const expected: Answer[] = [];
  for (const aes of [AES128, AES256]) {
    for (const options of [[], [PKCS7Options.Binary], [PKCS7Options.Text]]) {
      for (const encoding of [Encoding.SMIME, Encoding.DER, Encoding.PEM]) {
        const envelope = new PKCS7EnvelopeBuilder()
          .setData(data)
          .addRecipient(rsa.cert)
          .addRecipient(rsa2.cert)
          .setContentEncryptionAlgorithm(aes)
          .encrypt(encoding, options);
        const inform = { SMIME: "SMIME", DER: "DER", PEM: "PEM" }[encoding.name] as string;
        const binary = options.includes(PKCS7Options.Binary);
        const text = options.includes(PKCS7Options.Text);
        const plain = binary
          ? data
          : text
            ? Buffer.concat([Buffer.from("Content-Type: text/plain\r\n\r\n"), crlf])
            : crlf;
        for (const pair of [rsa, rsa2]) {
          const out = runOk(
            "openssl",
            [
              "cms",
              "-decrypt",
              "-binary",
              "-inform",
              inform,
              "-inkey",
              `${pair.name}.key`,
              "-recip",
              `${pair.name}.crt`,
            ],
            envelope,
          );
          t.deepEqual(out, plain, `${aes.name} ${encoding.name} ${options.map(optionName)}`);
        }
        const decrypt = { SMIME: pkcs7DecryptSmime, DER: pkcs7DecryptDer, PEM: pkcs7DecryptPem }[
          encoding.name
        ] as typeof pkcs7DecryptDer;
        t.deepEqual(decrypt(envelope, rsa2.cert, rsa2Key, []), plain);
        const decryptOptions = text ? [PKCS7Options.Text] : [];
        const ours = decrypt(envelope, rsa.cert, rsaKey, decryptOptions);
        requests.push({
          op: "decrypt",
          fmt: encoding.name.toLowerCase(),
          data: hex(envelope),
          cert: pem(rsa),
          key: rsa.keyPem.toString(),
          options: decryptOptions.map(optionName),
        });
        expected.push({ ok: true, out: hex(ours) });
      }
    }
  }
  t.deepEqual(askPyca(requests), expected);

  // The other way: PyCA's envelopes and OpenSSL's (DER, AES-256) decrypt here as in PyCA.
  const made: Buffer[] = askPyca(
    [false, true].map((aes256) => ({
      op: "encrypt",
      data: hex(data),
      recipients: [pem(rsa)],
      aes256,
      encoding: "DER",
      options: [],
    })),
  ).map((a): Buffer => Buffer.from((a as { out: string }).out, "hex"));
  made.push(
    runOk("openssl", [
      "cms",
      "-encrypt",
      "-binary",
      "-aes256",
      "-outform",
      "DER",
      "-in",
      "secret.txt",
      "rsa.crt",
    ]),
    runOk("openssl", [
      "smime",
      "-encrypt",
      "-binary",
      "-aes128",
      "-outform",
      "DER",
      "-in",
      "secret.txt",
      "rsa.crt",
    ]),
  );
  const answers = askPyca(
    made.map((envelope) => ({
      op: "decrypt",
      fmt: "der",
      data: hex(envelope),
      cert: pem(rsa),
      key: rsa.keyPem.toString(),
      options: [],
    })),
  );
  made.forEach((envelope, i) => {
    t.deepEqual(
      outcome(() => pkcs7DecryptDer(envelope, rsa.cert, rsaKey, [])),
      answers[i],
    );
  });
});

test("S/MIME envelopes are framed exactly as PyCA frames them", (t) => {
  const data = Buffer.from("framing\n");
  const ours = new PKCS7EnvelopeBuilder()
    .setData(data)
    .addRecipient(rsa.cert)
    .encrypt(Encoding.SMIME, [])
    .toString("latin1");
  const [answer] = askPyca([
    { op: "encrypt", data: hex(data), recipients: [pem(rsa)], encoding: "SMIME", options: [] },
  ]);
  const theirs = Buffer.from((answer as { out: string }).out, "hex").toString("latin1");
  // Headers byte for byte; the body is base64 in lines of 64 of a DER of the same length.
  const split = (m: string) => [m.slice(0, m.indexOf("\n\n")), m.slice(m.indexOf("\n\n") + 2)];
  const [ourHead = "", ourBody = ""] = split(ours);
  const [theirHead = "", theirBody = ""] = split(theirs);
  t.is(ourHead, theirHead);
  t.deepEqual(
    ourBody.split("\n").map((l) => l.length),
    theirBody.split("\n").map((l) => l.length),
  );
});

test("PyCA's enveloped vectors decrypt, or fail, as in PyCA", (t) => {
  const ca = fs.readFileSync(path.join(vectorsRoot(), "x509", "custom", "ca", "rsa_ca.pem"));
  const key = fs.readFileSync(path.join(vectorsRoot(), "x509", "custom", "ca", "rsa_key.pem"));
  const cert = loadPemX509Certificate(ca);
  const privateKey = loadPemPrivateKey(key, null) as RSAPrivateKey;
  const files = fs.readdirSync(VECTORS).filter((f) => f.startsWith("enveloped"));
  t.true(files.length >= 4);
  const cases = files.map((file) => ({ file, fmt: file.endsWith(".der") ? "der" : "pem" }));
  const answers = askPyca(
    cases.map((c) => ({
      op: "decrypt",
      fmt: c.fmt,
      data: hex(fs.readFileSync(path.join(VECTORS, c.file))),
      cert: ca.toString(),
      key: key.toString(),
      options: [],
    })),
  );
  cases.forEach((c, i) => {
    const decrypt = c.fmt === "der" ? pkcs7DecryptDer : pkcs7DecryptPem;
    const ours = outcome(() =>
      decrypt(fs.readFileSync(path.join(VECTORS, c.file)), cert, privateKey, []),
    );
    t.deepEqual(ours, answers[i], c.file);
  });
});

test("streamed (BER, indefinite-length) envelopes from openssl decrypt here", (t) => {
  // Several segments of encrypted content: OpenSSL streams it in chunks of 4096 bytes.
  const data = crypto.randomBytes(5000);
  fs.writeFileSync(path.join(dir, "stream.bin"), data);
  const encrypt = (command: string, outform: string) =>
    runOk("openssl", [
      command,
      "-encrypt",
      "-binary",
      "-stream",
      "-aes256",
      "-outform",
      outform,
      "-in",
      "stream.bin",
      "rsa.crt",
    ]);
  const der = encrypt("cms", "DER");
  // The ContentInfo itself has an indefinite length: this really is BER, not DER.
  t.is(der[1], 0x80);
  t.deepEqual(pkcs7DecryptDer(der, rsa.cert, rsaKey, []), data);
  t.deepEqual(pkcs7DecryptSmime(encrypt("smime", "SMIME"), rsa.cert, rsaKey, []), data);
  // PyCA 50 reads DER only; accepting BER is a deliberate extension.
  const [pyca] = askPyca([
    {
      op: "decrypt",
      fmt: "der",
      data: hex(der),
      cert: pem(rsa),
      key: rsa.keyPem.toString(),
      options: [],
    },
  ]);
  t.false(pyca?.ok);
  // Missing end-of-contents markers are still an error.
  for (const cut of [2, 4, der.length - 2, der.length - 1]) {
    t.throws(() => pkcs7DecryptDer(der.subarray(0, cut), rsa.cert, rsaKey, []), {
      instanceOf: ValueError,
    });
  }
  // Damaged BER (in its headers: the first 420 bytes) only ever gets the documented errors.
  for (let i = 0; i < 200; i++) {
    const mutated = Buffer.from(der);
    mutated[crypto.randomInt(420)] = crypto.randomInt(256);
    try {
      pkcs7DecryptDer(mutated, rsa.cert, rsaKey, []);
    } catch (error) {
      t.true(error instanceof ValueError || error instanceof UnsupportedAlgorithm, `${error}`);
    }
  }
});

test("a wrong key or a tampered content key is always the same error", (t) => {
  const data = Buffer.from("attack at dawn");
  const envelope = new PKCS7EnvelopeBuilder()
    .setData(data)
    .addRecipient(rsa.cert)
    .encrypt(Encoding.DER, [PKCS7Options.Binary]);
  t.deepEqual(pkcs7DecryptDer(envelope, rsa.cert, rsaKey, []), data);
  // The right certificate with the wrong private key: RSA fails or yields garbage; either way
  // the content key is unusable and only the content's padding can complain.
  const acceptable = (call: () => Buffer, where: string) => {
    try {
      const out = call();
      t.notDeepEqual(out, data, where);
    } catch (error) {
      t.true(error instanceof ValueError, where);
      t.is((error as Error).message, "Invalid padding bytes.", where);
    }
  };
  acceptable(() => pkcs7DecryptDer(envelope, rsa.cert, rsa2Key, []), "wrong key");
  // Flip bits all over the encrypted content key (the 256 bytes before the AES parameters).
  const keyEnd = envelope.indexOf(Buffer.from("0609608648016503040102", "hex"));
  t.true(keyEnd > 300);
  for (let i = 1; i <= 24; i++) {
    const tampered = Buffer.from(envelope);
    const at = keyEnd - 30 * 8 + i * 8 - 16 - 2 - (i % 7);
    tampered[at] = (tampered[at] ?? 0) ^ (1 << (i % 8));
    acceptable(() => pkcs7DecryptDer(tampered, rsa.cert, rsaKey, []), `byte ${at}`);
  }
});

test("builders and decryptors check their arguments as PyCA does", (t) => {
  const data = Buffer.from("x");
  const builder = new PKCS7SignatureBuilder()
    .setData(data)
    .addSigner(rsa.cert, rsaKey, new SHA256());
  t.throws(() => new PKCS7SignatureBuilder().sign(Encoding.DER, []), {
    instanceOf: ValueError,
    message: "Must have at least one signer",
  });
  t.throws(
    () =>
      new PKCS7SignatureBuilder().addSigner(rsa.cert, rsaKey, new SHA256()).sign(Encoding.DER, []),
    {
      instanceOf: ValueError,
      message: "You must add data to sign",
    },
  );
  t.throws(() => builder.setData(data), {
    instanceOf: ValueError,
    message: "data may only be set once",
  });
  t.throws(() => new PKCS7SignatureBuilder().setData("x" as unknown as Uint8Array), isTypeError);
  t.throws(() => builder.addSigner(rsa.cert, rsaKey, new SHA1() as unknown as SHA256), {
    ...isTypeError,
    message: "hash_algorithm must be one of hashes.SHA224, SHA256, SHA384, or SHA512",
  });
  t.throws(() => builder.addSigner(rsa.certPem as unknown as Certificate, rsaKey, new SHA256()), {
    ...isTypeError,
    message: "certificate must be a x509.Certificate",
  });
  const ed = Ed25519PrivateKey.generate();
  t.throws(() => builder.addSigner(rsa.cert, ed as unknown as RSAPrivateKey, new SHA256()), {
    ...isTypeError,
    message: "Only RSA & EC keys are supported at this time.",
  });
  t.throws(
    () => builder.addSigner(ec256.cert, ec256Key, new SHA256(), { rsaPadding: new PKCS1v15() }),
    {
      ...isTypeError,
      message: "Padding is only supported for RSA keys",
    },
  );
  t.throws(
    () =>
      builder.addSigner(rsa.cert, rsaKey, new SHA256(), { rsaPadding: "pss" as unknown as PSS }),
    { ...isTypeError, message: "Padding must be PSS or PKCS1v15" },
  );
  const valueError = (message: string) => ({ instanceOf: ValueError, message });
  t.throws(
    () => builder.sign(Encoding.DER, ["Text" as PKCS7Options]),
    valueError("options must be from the PKCS7Options enum"),
  );
  t.throws(
    () => builder.sign(Encoding.OpenSSH, []),
    valueError("Must be PEM, DER, or SMIME from the Encoding enum"),
  );
  t.throws(
    () => builder.sign(Encoding.SMIME, [PKCS7Options.Text]),
    valueError("When passing the Text option you must also pass DetachedSignature"),
  );
  t.throws(
    () => builder.sign(Encoding.DER, [PKCS7Options.Text, PKCS7Options.DetachedSignature]),
    valueError("The Text option is only available for SMIME serialization"),
  );
  t.throws(
    () => builder.sign(Encoding.DER, [PKCS7Options.NoAttributes, PKCS7Options.NoCapabilities]),
    valueError("NoAttributes is a superset of NoCapabilities. Do not pass both values."),
  );

  const envelope = new PKCS7EnvelopeBuilder().setData(data).addRecipient(rsa.cert);
  t.throws(
    () => new PKCS7EnvelopeBuilder().setData(data).encrypt(Encoding.DER, []),
    valueError("Must have at least one recipient"),
  );
  t.throws(
    () => new PKCS7EnvelopeBuilder().addRecipient(rsa.cert).encrypt(Encoding.DER, []),
    valueError("You must add data to encrypt"),
  );
  t.throws(() => envelope.setData(data), valueError("data may only be set once"));
  t.throws(() => new PKCS7EnvelopeBuilder().addRecipient(ec256.cert), {
    ...isTypeError,
    message: "Only RSA keys are supported at this time.",
  });
  t.throws(() => envelope.setContentEncryptionAlgorithm(Camellia as unknown as typeof AES128), {
    ...isTypeError,
    message: "Only AES128 and AES256 are supported",
  });
  t.throws(
    () => envelope.setContentEncryptionAlgorithm(AES128).setContentEncryptionAlgorithm(AES256),
    valueError("Content encryption algo may only be set once"),
  );
  t.throws(
    () => envelope.encrypt(Encoding.DER, [PKCS7Options.NoCerts]),
    valueError("Only the following options are supported for encryption: Text, Binary"),
  );
  t.throws(
    () => envelope.encrypt(Encoding.DER, [PKCS7Options.Text, PKCS7Options.Binary]),
    valueError("Cannot use Binary and Text options at the same time"),
  );

  const der = envelope.encrypt(Encoding.DER, []);
  t.throws(
    () => pkcs7DecryptDer(der, rsa.cert, rsaKey, [PKCS7Options.Binary]),
    valueError("Only the following options are supported for decryption: Text"),
  );
  t.throws(() => pkcs7DecryptDer(der, ec256.cert, rsaKey, []), {
    ...isTypeError,
    message: "Only certificate with RSA public keys are supported at this time.",
  });
  t.throws(() => pkcs7DecryptDer(der, rsa.cert, ec256Key as unknown as RSAPrivateKey, []), {
    ...isTypeError,
    message: "Only RSA private keys are supported at this time.",
  });
  t.throws(
    () => pkcs7DecryptDer(der, rsa2.cert, rsa2Key, []),
    valueError("No recipient found that matches the given certificate."),
  );
  const signed = builder.sign(Encoding.DER, []);
  t.throws(
    () => pkcs7DecryptDer(signed, rsa.cert, rsaKey, []),
    valueError("The PKCS7 data is not an EnvelopedData structure."),
  );
  t.throws(
    () => pkcs7DecryptSmime(Buffer.from("Subject: hi\n\nhello"), rsa.cert, rsaKey, []),
    valueError("Not an S/MIME enveloped message"),
  );
  t.throws(
    () => pkcs7DecryptPem(builder.sign(Encoding.PEM, []).subarray(5), rsa.cert, rsaKey, []),
    {
      instanceOf: ValueError,
    },
  );
  t.throws(
    () => pkcs7DecryptPem(Buffer.from(rsa.certPem), rsa.cert, rsaKey, []),
    valueError("The provided PEM data does not have the PKCS7 tag."),
  );
  t.throws(
    () =>
      pkcs7DecryptDer(envelope.encrypt(Encoding.DER, [PKCS7Options.Binary]), rsa.cert, rsaKey, [
        PKCS7Options.Text,
      ]),
    valueError(
      "Decrypted MIME data has no 'Content-Type' header. Please remove the 'Text' option to parse it manually.",
    ),
  );
  for (const cut of [0, 1, 20, der.length - 1]) {
    t.throws(() => pkcs7DecryptDer(der.subarray(0, cut), rsa.cert, rsaKey, []), {
      instanceOf: ValueError,
    });
  }
  t.throws(() => pkcs7DecryptDer("x" as unknown as Uint8Array, rsa.cert, rsaKey, []), isTypeError);
  t.throws(
    () => loadDerPkcs7Certificates(signed.subarray(0, 10)),
    valueError("Unable to parse PKCS7 data"),
  );
  t.throws(() => loadDerPkcs7Certificates(der), { instanceOf: UnsupportedAlgorithm });
  t.throws(() => loadPemPkcs7Certificates("x" as unknown as Uint8Array), isTypeError);
});

test("random and mutated input never crashes: only documented errors", (t) => {
  const envelope = new PKCS7EnvelopeBuilder()
    .setData(Buffer.from("fuzz"))
    .addRecipient(rsa.cert)
    .encrypt(Encoding.DER, []);
  const signed = new PKCS7SignatureBuilder()
    .setData(Buffer.from("fuzz"))
    .addSigner(rsa.cert, rsaKey, new SHA256())
    .sign(Encoding.DER, []);
  const documented = (call: () => unknown, where: string) => {
    try {
      call();
      t.pass();
    } catch (error) {
      t.true(
        error instanceof ValueError || error instanceof UnsupportedAlgorithm,
        `${where}: ${error}`,
      );
    }
  };
  for (let i = 0; i < 300; i++) {
    const random = crypto.randomBytes(i % 50);
    const mutated = Buffer.from(i % 2 === 0 ? envelope : signed);
    const at = crypto.randomInt(mutated.length);
    mutated[at] = crypto.randomInt(256);
    for (const input of [random, mutated, mutated.subarray(0, crypto.randomInt(mutated.length))]) {
      documented(() => pkcs7DecryptDer(input, rsa.cert, rsaKey, []), "decrypt");
      documented(() => pkcs7DecryptSmime(input, rsa.cert, rsaKey, []), "smime");
      documented(() => loadDerPkcs7Certificates(input), "load");
    }
  }
});
