/**
 * PKCS#12: bundles hazmat writes open in the `openssl` command line and in PyCA with the
 * protection PyCA 50 uses; bundles PyCA and OpenSSL write open in hazmat with the same keys,
 * certificates and friendly names; every bundle of PyCA's vectors loads (or fails) exactly as
 * PyCA loads it; bad input gets PyCA's errors.
 */
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import test from "ava";
import { ERR_HAZMAT_INVALID_TYPE, ValueError } from "hazmat/exceptions";
import { X25519PrivateKey } from "hazmat/primitives/asymmetric/x25519";
import { SHA1, SHA384 } from "hazmat/primitives/hashes";
import {
  BestAvailableEncryption,
  Encoding,
  type KeySerializationEncryption,
  loadPemPrivateKey,
  NoEncryption,
  PrivateFormat,
  PublicFormat,
} from "hazmat/primitives/serialization";
import {
  loadKeyAndCertificates,
  loadPkcs12,
  PBES,
  PKCS12Certificate,
  PKCS12KeyAndCertificates,
  type PKCS12PrivateKeyTypes,
  serializeJavaTruststore,
  serializeKeyAndCertificates,
} from "hazmat/primitives/serialization/pkcs12";
import type { Certificate } from "hazmat/x509";
import { type OpensslPair, opensslScratch } from "./helpers/openssl-cli.js";
import { runPythonJson } from "./helpers/python-json.js";
import { vectorsRoot } from "./helpers/vectors.js";

const isTypeError = { instanceOf: TypeError, code: ERR_HAZMAT_INVALID_TYPE };
const { dir, runOutput: run, makePair: makeCliPair } = opensslScratch("hazmat-pkcs12-");

interface Pair extends OpensslPair {
  key: PKCS12PrivateKeyTypes;
}

/** A key and a self-signed certificate made by the openssl command line. */
function makePair(name: string, newkey: string[]): Pair {
  const pair = makeCliPair(name, newkey);
  return { ...pair, key: loadPemPrivateKey(pair.keyPem, null) as PKCS12PrivateKeyTypes };
}

run("openssl", ["dsaparam", "-out", "dsa.param", "1024"]);
const pairs: Pair[] = [
  makePair("rsa", ["-newkey", "rsa:2048"]),
  makePair("ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"]),
  makePair("ed25519", ["-newkey", "ed25519"]),
  makePair("ed448", ["-newkey", "ed448"]),
  makePair("dsa", ["-newkey", "dsa:dsa.param", "-sha256"]),
];
const [rsa, ec] = pairs as [Pair, Pair, ...Pair[]];
const ca1 = makePair("ca-one", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]);
const ca2 = makePair("ca-two", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]);

/** PyCA as an independent reader and writer of PKCS#12 (one process per batch). */
const PYCA = `
import json, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

def h(b):
    return None if b is None else b.hex()

def cert_info(c):
    return {"der": c.certificate.public_bytes(serialization.Encoding.DER).hex(), "name": h(c.friendly_name)}

def answer(req):
    if req["op"] == "load":
        pw = None if req["password"] is None else bytes.fromhex(req["password"])
        p = pkcs12.load_pkcs12(bytes.fromhex(req["data"]), pw)
        key = None
        if p.key is not None:
            key = p.key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo).hex()
        return {"key": key, "cert": None if p.cert is None else cert_info(p.cert),
                "additional": [cert_info(c) for c in p.additional_certs]}
    if req["op"] == "truststore":
        certs = [pkcs12.PKCS12Certificate(x509.load_pem_x509_certificate(c["pem"].encode()), c["name"].encode()) for c in req["certs"]]
        return {"out": pkcs12.serialize_java_truststore(certs, serialization.NoEncryption()).hex()}
    if req["op"] == "serialize":
        key = serialization.load_pem_private_key(req["key"].encode(), None)
        cert = x509.load_pem_x509_certificate(req["cert"].encode())
        cas = [pkcs12.PKCS12Certificate(x509.load_pem_x509_certificate(c["pem"].encode()), bytes.fromhex(c["name"]) if c["name"] else None) for c in req["cas"]]
        enc = serialization.BestAvailableEncryption(req["password"].encode()) if req["password"] else serialization.NoEncryption()
        return {"out": pkcs12.serialize_key_and_certificates(req["name"].encode(), key, cert, cas, enc).hex()}

out = []
for req in json.load(sys.stdin):
    try:
        out.append({"ok": True, **answer(req)})
    except Exception as e:
        out.append({"ok": False, "error": type(e).__name__, "message": str(e)})
print(json.dumps(out))
`;

type PycaAnswer = Record<string, unknown> & { ok: boolean };

const askPyca = (requests: Record<string, unknown>[]): PycaAnswer[] =>
  runPythonJson<PycaAnswer[]>(PYCA, requests);

const hex = (b: Uint8Array | null): string | null =>
  b === null ? null : Buffer.from(b).toString("hex");

/** What hazmat loads, in the shape the PyCA helper reports. */
function hazmatView(data: Uint8Array, password: Uint8Array | null): PycaAnswer {
  try {
    const p = loadPkcs12(data, password);
    const info = (c: PKCS12Certificate) => ({
      der: hex(c.certificate.publicBytes(Encoding.DER)),
      name: hex(c.friendlyName),
    });
    const key = p.key as unknown as {
      publicKey(): { publicBytes(e: Encoding, f: PublicFormat): Buffer };
    } | null;
    return {
      ok: true,
      key:
        key === null
          ? null
          : hex(key.publicKey().publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)),
      cert: p.cert === null ? null : info(p.cert),
      additional: p.additionalCerts.map(info),
    };
  } catch (error) {
    return { ok: false, error: (error as Error).name, message: (error as Error).message };
  }
}

const PASSWORD = Buffer.from("correct horse");
const encryptions: [string, () => KeySerializationEncryption, string | null, RegExp[]][] = [
  ["NoEncryption", () => new NoEncryption(), null, [/MAC: sha256, Iteration 2048/, /Key bag/]],
  [
    "BestAvailableEncryption",
    () => new BestAvailableEncryption(PASSWORD),
    PASSWORD.toString(),
    [
      /MAC: sha256, Iteration 2048/,
      /PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 20000, PRF hmacWithSHA256/,
      /Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 20000, PRF hmacWithSHA256/,
    ],
  ],
  [
    "builder: PBESv1 3DES, 5000 rounds, SHA-1 MAC",
    () =>
      PrivateFormat.PKCS12.encryptionBuilder()
        .kdfRounds(5000)
        .keyCertAlgorithm(PBES.PBESv1SHA1And3KeyTripleDESCBC)
        .hmacHash(new SHA1())
        .build(PASSWORD),
    PASSWORD.toString(),
    [
      /MAC: sha1, Iteration 2048/,
      /PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 5000/,
      /Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 5000/,
    ],
  ],
  [
    "builder: SHA-384 MAC, default algorithm",
    () => PrivateFormat.PKCS12.encryptionBuilder().hmacHash(new SHA384()).build(PASSWORD),
    PASSWORD.toString(),
    [/MAC: sha384, Iteration 2048/, /AES-256-CBC, Iteration 20000/],
  ],
];

test("bundles hazmat writes open in openssl and in PyCA, for every key type and protection", (t) => {
  const requests: Record<string, unknown>[] = [];
  const expected: PycaAnswer[] = [];
  for (const pair of pairs) {
    for (const [label, make, password, infoPatterns] of encryptions) {
      const name = Buffer.from(`${pair.name} key ✓`);
      const bundle = serializeKeyAndCertificates(
        name,
        pair.key,
        pair.cert,
        [ca1.cert, new PKCS12Certificate(ca2.cert, Buffer.from("second CA"))],
        make(),
      );
      const file = path.join(dir, `${pair.name}-${requests.length}.p12`);
      fs.writeFileSync(file, bundle);
      const info = run("openssl", [
        "pkcs12",
        "-info",
        "-nodes",
        "-in",
        file,
        "-passin",
        `pass:${password ?? ""}`,
      ]);
      for (const pattern of infoPatterns) t.regex(info, pattern, `${pair.name}, ${label}`);
      t.true(info.includes("friendlyName: second CA"), `${pair.name}, ${label}`);
      requests.push({
        op: "load",
        data: bundle.toString("hex"),
        password: password === null ? null : Buffer.from(password).toString("hex"),
      });
      expected.push({
        ok: true,
        key: hex(pair.key.publicKey().publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)),
        cert: { der: hex(pair.cert.publicBytes(Encoding.DER)), name: hex(name) },
        additional: [
          { der: hex(ca1.cert.publicBytes(Encoding.DER)), name: null },
          { der: hex(ca2.cert.publicBytes(Encoding.DER)), name: hex(Buffer.from("second CA")) },
        ],
      });
    }
  }
  t.deepEqual(askPyca(requests), expected);
});

test("bundles PyCA and the openssl command line write load in hazmat with their names", (t) => {
  const requests = pairs.flatMap((pair) =>
    [null, "pyca pw"].map((password) => ({
      op: "serialize",
      name: `${pair.name} from PyCA`,
      key: pair.keyPem.toString(),
      cert: pair.certPem.toString(),
      cas: [
        { pem: ca1.certPem.toString(), name: Buffer.from("one").toString("hex") },
        { pem: ca2.certPem.toString(), name: null },
      ],
      password,
    })),
  );
  const answers = askPyca(requests);
  answers.forEach((answer, i) => {
    const request = requests[i] as (typeof requests)[number];
    const pair = pairs[Math.floor(i / 2)] as Pair;
    t.true(answer.ok, JSON.stringify(answer));
    const password = request.password === null ? null : Buffer.from(request.password);
    const view = hazmatView(Buffer.from(answer.out as string, "hex"), password);
    t.deepEqual(view, {
      ok: true,
      key: hex(pair.key.publicKey().publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)),
      cert: { der: hex(pair.cert.publicBytes(Encoding.DER)), name: hex(Buffer.from(request.name)) },
      additional: [
        { der: hex(ca1.cert.publicBytes(Encoding.DER)), name: hex(Buffer.from("one")) },
        { der: hex(ca2.cert.publicBytes(Encoding.DER)), name: null },
      ],
    });
  });

  // openssl pkcs12 -export, with its own defaults and with legacy algorithms.
  fs.writeFileSync(path.join(dir, "chain.pem"), Buffer.concat([ca1.certPem, ca2.certPem]));
  for (const extra of [[], ["-legacy"], ["-keypbe", "AES-128-CBC", "-certpbe", "NONE"]]) {
    const out = path.join(dir, "cli.p12");
    run("openssl", [
      "pkcs12",
      "-export",
      ...extra,
      "-inkey",
      "rsa.key",
      "-in",
      "rsa.crt",
      "-certfile",
      "chain.pem",
      "-name",
      "from the cli",
      "-out",
      out,
      "-passout",
      "pass:cli",
    ]);
    const data = fs.readFileSync(out);
    const [key, cert, additional] = loadKeyAndCertificates(data, Buffer.from("cli"));
    t.true(cert?.equals(rsa.cert), extra.join(" "));
    t.true(key !== null && (key as PKCS12PrivateKeyTypes).publicKey().equals(rsa.key.publicKey()));
    t.is(additional.length, 2);
    t.true(additional[0]?.equals(ca1.cert));
    t.true(additional[1]?.equals(ca2.cert));
    t.deepEqual(
      loadPkcs12(data, Buffer.from("cli")).cert?.friendlyName,
      Buffer.from("from the cli"),
    );
    t.deepEqual(
      hazmatView(data, Buffer.from("cli")),
      askPyca([
        { op: "load", data: data.toString("hex"), password: Buffer.from("cli").toString("hex") },
      ])[0],
    );
  }
});

test("every PKCS#12 file of PyCA's vectors loads, or fails, as PyCA loads it", (t) => {
  const folder = path.join(vectorsRoot(), "pkcs12");
  const files = fs.readdirSync(folder).filter((f) => f.endsWith(".p12"));
  t.true(files.length >= 25);
  const cases: { file: string; password: Buffer | null }[] = [];
  for (const file of files) {
    // The vectors use "cryptography", "password" or no password; "wrong" fits none.
    const passwords = ["cryptography", "password", null, "wrong"];
    for (const password of passwords.map((p) => (p === null ? null : Buffer.from(p)))) {
      cases.push({ file, password });
    }
  }
  const answers = askPyca(
    cases.map((c) => ({
      op: "load",
      data: fs.readFileSync(path.join(folder, c.file)).toString("hex"),
      password: hex(c.password),
    })),
  );
  const loaded = new Set<string>();
  cases.forEach((c, i) => {
    const ours = hazmatView(fs.readFileSync(path.join(folder, c.file)), c.password);
    const theirs = answers[i] as PycaAnswer;
    if (ours.ok) loaded.add(c.file);
    t.deepEqual(ours, theirs, `${c.file} with ${c.password?.toString() ?? "no password"}`);
  });
  // Every file opens with one of the passwords, so the comparison covers real contents.
  t.is(loaded.size, files.length);
});

test("Java truststores: keytool lists trusted entries; same trust attributes as PyCA's", (t) => {
  const entries = [
    new PKCS12Certificate(ca1.cert, Buffer.from("first")),
    new PKCS12Certificate(ca2.cert, Buffer.from("second")),
  ];
  const store = serializeJavaTruststore(entries, new BestAvailableEncryption(PASSWORD));
  const file = path.join(dir, "trust.p12");
  fs.writeFileSync(file, store);
  const keytool = spawnSync(
    "keytool",
    ["-list", "-keystore", file, "-storetype", "PKCS12", "-storepass", PASSWORD.toString()],
    { encoding: "utf8", timeout: 120_000 },
  );
  if (keytool.error === undefined) {
    t.is(keytool.status, 0, keytool.stderr);
    t.regex(keytool.stdout, /first, .*trustedCertEntry/);
    t.regex(keytool.stdout, /second, .*trustedCertEntry/);
  } else {
    t.log(`keytool not available (${keytool.error.message}); checked with PyCA only`);
  }
  t.deepEqual(hazmatView(store, PASSWORD), {
    ok: true,
    key: null,
    cert: null,
    additional: [
      { der: hex(ca1.cert.publicBytes(Encoding.DER)), name: hex(Buffer.from("first")) },
      { der: hex(ca2.cert.publicBytes(Encoding.DER)), name: hex(Buffer.from("second")) },
    ],
  });
  // Unencrypted, the attributes are visible: one trust mark per bag in both implementations.
  const trust = Buffer.from("060c6086480186f966adca7b010131060604551d2500", "hex");
  const count = (b: Buffer) => {
    let n = 0;
    for (let at = b.indexOf(trust); at >= 0; at = b.indexOf(trust, at + 1)) n += 1;
    return n;
  };
  const [theirs] = askPyca([
    {
      op: "truststore",
      certs: [
        { pem: ca1.certPem.toString(), name: "first" },
        { pem: ca2.certPem.toString(), name: "second" },
      ],
    },
  ]);
  t.is(count(Buffer.from(String(theirs?.out), "hex")), 2);
  t.is(count(serializeJavaTruststore(entries, new NoEncryption())), 2);
  t.throws(() => serializeJavaTruststore([], new NoEncryption()), {
    instanceOf: ValueError,
    message: "You must supply at least one cert",
  });
  t.throws(
    () => serializeJavaTruststore([ca1.cert as unknown as PKCS12Certificate], new NoEncryption()),
    isTypeError,
  );
});

test("load_key_and_certificates and PKCS12KeyAndCertificates have PyCA's shapes", (t) => {
  const bundle = serializeKeyAndCertificates(
    Buffer.from("n"),
    ec.key,
    ec.cert,
    null,
    new NoEncryption(),
  );
  const [key, cert, additional] = loadKeyAndCertificates(bundle, null);
  t.true(cert?.equals(ec.cert));
  t.true((key as PKCS12PrivateKeyTypes).publicKey().equals(ec.key.publicKey()));
  t.deepEqual(additional, []);
  const loaded = loadPkcs12(bundle, null);
  t.true(loaded instanceof PKCS12KeyAndCertificates);
  t.true(loaded.cert?.equals(new PKCS12Certificate(ec.cert, Buffer.from("n"))));
  t.false(loaded.cert?.equals(new PKCS12Certificate(ec.cert, null)));
  t.regex(String(loaded.cert), /^<PKCS12Certificate\(<Certificate\(.*\)>, friendly_name="n"\)>$/);
  t.true(loaded.equals(new PKCS12KeyAndCertificates(loaded.key, loaded.cert, [])));
  // Only certificates, no key, no name.
  const certsOnly = serializeKeyAndCertificates(null, null, null, [rsa.cert], new NoEncryption());
  const onlyCerts = loadPkcs12(certsOnly, null);
  t.is(onlyCerts.key, null);
  t.is(onlyCerts.cert, null);
  t.true(onlyCerts.additionalCerts[0]?.certificate.equals(rsa.cert));
  t.is(onlyCerts.additionalCerts[0]?.friendlyName, null);
  // A key without a certificate.
  const keyOnly = loadPkcs12(
    serializeKeyAndCertificates(null, rsa.key, null, null, new BestAvailableEncryption(PASSWORD)),
    PASSWORD,
  );
  t.is(keyOnly.cert, null);
  t.true((keyOnly.key as PKCS12PrivateKeyTypes).publicKey().equals(rsa.key.publicKey()));
});

test("bad input: wrong password, damaged data and wrong types get PyCA's errors", (t) => {
  const bundle = serializeKeyAndCertificates(
    Buffer.from("x"),
    rsa.key,
    rsa.cert,
    [ca1.cert],
    new BestAvailableEncryption(PASSWORD),
  );
  const invalid = { instanceOf: ValueError, message: "Invalid password or PKCS12 data" };
  t.throws(() => loadPkcs12(bundle, Buffer.from("wrong")), invalid);
  t.throws(() => loadPkcs12(bundle, null), invalid);
  t.throws(() => loadPkcs12(bundle, Buffer.from([0xff, 0xfe])), invalid);
  t.throws(() => loadPkcs12(bundle, Buffer.from("correct\0horse")), invalid);
  const garbage = { instanceOf: ValueError, message: "Could not deserialize PKCS12 data" };
  t.throws(() => loadPkcs12(Buffer.from("not a pkcs12 bundle"), PASSWORD), garbage);
  t.throws(() => loadKeyAndCertificates(Buffer.alloc(0), null), garbage);
  for (const cut of [1, 10, 100, bundle.length - 1]) {
    t.throws(() => loadPkcs12(bundle.subarray(0, cut), PASSWORD), { instanceOf: ValueError });
  }
  // A flipped byte inside the MAC'd content: the MAC fails, one message.
  const tampered = Buffer.from(bundle);
  const middle = Math.floor(tampered.length / 2);
  tampered[middle] = (tampered[middle] ?? 0) ^ 1;
  t.throws(() => loadPkcs12(tampered, PASSWORD), invalid);
  t.throws(() => loadPkcs12("data" as unknown as Uint8Array, null), isTypeError);
  t.throws(() => loadPkcs12(bundle, "correct horse" as unknown as Uint8Array), isTypeError);

  const none = new NoEncryption();
  t.throws(() => serializeKeyAndCertificates(null, null, null, null, none), {
    instanceOf: ValueError,
    message: "You must supply at least one of key, cert, or cas",
  });
  t.throws(() => serializeKeyAndCertificates(null, null, null, [], none), {
    instanceOf: ValueError,
  });
  t.throws(() => serializeKeyAndCertificates(null, rsa.key, ec.cert, null, none), {
    instanceOf: ValueError,
    message: "Certificate public key and provided private key do not match",
  });
  const x25519 = X25519PrivateKey.generate();
  t.throws(
    () =>
      serializeKeyAndCertificates(
        null,
        x25519 as unknown as PKCS12PrivateKeyTypes,
        null,
        null,
        none,
      ),
    {
      ...isTypeError,
      message: "Key must be RSA, DSA, EllipticCurve, ED25519, or ED448 private key, or None.",
    },
  );
  t.throws(
    () => serializeKeyAndCertificates(null, rsa.key, null, null, "none" as unknown as NoEncryption),
    {
      ...isTypeError,
      message: "Key encryption algorithm must be a KeySerializationEncryption instance",
    },
  );
  t.throws(
    () =>
      serializeKeyAndCertificates(
        null,
        rsa.key,
        null,
        null,
        PrivateFormat.OpenSSH.encryptionBuilder().build(PASSWORD),
      ),
    { instanceOf: ValueError, message: "Unsupported key encryption type" },
  );
  t.throws(
    () => serializeKeyAndCertificates("name" as unknown as Uint8Array, rsa.key, null, null, none),
    isTypeError,
  );
  t.throws(
    () =>
      serializeKeyAndCertificates(null, null, null, [rsa.certPem as unknown as Certificate], none),
    isTypeError,
  );
  t.throws(() => serializeKeyAndCertificates(Buffer.from([0xff]), rsa.key, null, null, none), {
    instanceOf: ValueError,
    message: "friendly_name must be valid UTF-8",
  });
  t.throws(
    () =>
      serializeKeyAndCertificates(
        null,
        rsa.key,
        null,
        null,
        new BestAvailableEncryption(Buffer.from([0xc3, 0x28])),
      ),
    { instanceOf: ValueError, message: "password must be valid UTF-8" },
  );
  t.throws(() => new PKCS12Certificate(rsa.certPem as unknown as Certificate, null), isTypeError);
  t.throws(() => new PKCS12Certificate(rsa.cert, "name" as unknown as Uint8Array), isTypeError);
  t.throws(() => new PKCS12KeyAndCertificates(null, rsa.cert as unknown as PKCS12Certificate, []), {
    ...isTypeError,
    message: "cert must be a PKCS12Certificate object or None",
  });
  // Nothing in the error messages comes from the data or the password.
  const error = t.throws(() => loadPkcs12(bundle, Buffer.from("s3cret-guess")));
  t.false(error?.message.includes("s3cret"));
});

test("random and mutated bundles never crash: they load or raise ValueError", (t) => {
  const bundle = serializeKeyAndCertificates(
    null,
    ec.key,
    ec.cert,
    [ca1.cert],
    new BestAvailableEncryption(PASSWORD),
  );
  for (let i = 0; i < 200; i++) {
    const mutated = Buffer.from(bundle);
    const at = crypto.randomInt(mutated.length);
    mutated[at] = (mutated[at] ?? 0) ^ (1 + crypto.randomInt(255));
    for (const input of [
      crypto.randomBytes(i),
      mutated,
      bundle.subarray(0, crypto.randomInt(bundle.length)),
    ]) {
      // A flip outside the MAC'd content (the version, say) may still load.
      try {
        loadPkcs12(input, PASSWORD);
        t.pass();
      } catch (error) {
        t.true(error instanceof ValueError, String(error));
      }
    }
  }
});
