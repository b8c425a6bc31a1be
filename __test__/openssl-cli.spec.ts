/**
 * Interop with the `openssl` command line (the system's OpenSSL, a different build from
 * hazmat's): RSA, EC and DSA keys and signatures, both directions. Ed25519/Ed448 CLI interop lives in
 * curves.spec.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import test from "ava";
import { InvalidSignature, ValueError } from "hazmat/exceptions";
import * as dsa from "hazmat/primitives/asymmetric/dsa";
import * as ec from "hazmat/primitives/asymmetric/ec";
import { MGF1, PSS } from "hazmat/primitives/asymmetric/padding";
import * as rsa from "hazmat/primitives/asymmetric/rsa";
import { SHA256 } from "hazmat/primitives/hashes";
import {
  BestAvailableEncryption,
  Encoding,
  loadDerPrivateKey,
  loadPemParameters,
  loadPemPrivateKey,
  loadPemPublicKey,
  NoEncryption,
  PrivateFormat,
  PublicFormat,
} from "hazmat/primitives/serialization";

const dir = mkdtempSync(path.join(tmpdir(), "hazmat-openssl-cli-"));
const data = Buffer.from("signed by one OpenSSL, checked by another");
const dataFile = path.join(dir, "data.bin");
writeFileSync(dataFile, data);

function openssl(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("openssl", args, { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, contents: Uint8Array): string {
  const target = path.join(dir, name);
  writeFileSync(target, contents);
  return target;
}

const pss = () => new PSS(new MGF1(new SHA256()), 32);

test("openssl reads hazmat RSA keys in PKCS#8, TraditionalOpenSSL and encrypted PKCS#8", (t) => {
  const key = rsa.generatePrivateKey(65537, 2048);
  const pkcs8 = file(
    "rsa-pkcs8.pem",
    key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption()),
  );
  const traditional = file(
    "rsa-trad.pem",
    key.privateBytes(Encoding.PEM, PrivateFormat.TraditionalOpenSSL, new NoEncryption()),
  );
  const encrypted = file(
    "rsa-enc.pem",
    key.privateBytes(
      Encoding.PEM,
      PrivateFormat.PKCS8,
      new BestAvailableEncryption(Buffer.from("pw")),
    ),
  );
  for (const keyFile of [pkcs8, traditional]) {
    const out = openssl("pkey", "-in", keyFile, "-pubout");
    t.is(out.status, 0, out.stderr);
    t.is(
      out.stdout,
      key.publicKey().publicBytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).toString(),
    );
  }
  t.is(openssl("pkey", "-in", encrypted, "-passin", "pass:pw", "-noout").status, 0);
  t.not(openssl("pkey", "-in", encrypted, "-passin", "pass:wrong", "-noout").status, 0);
});

test("RSA-PSS signatures: hazmat → openssl dgst, and openssl → hazmat", (t) => {
  const key = rsa.generatePrivateKey(65537, 2048);
  const pub = file(
    "rsa-pub.pem",
    key.publicKey().publicBytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo),
  );
  const sig = file("rsa.sig", key.sign(data, pss(), new SHA256()));
  const verified = openssl(
    "dgst",
    "-sha256",
    "-sigopt",
    "rsa_padding_mode:pss",
    "-sigopt",
    "rsa_pss_saltlen:32",
    "-verify",
    pub,
    "-signature",
    sig,
    dataFile,
  );
  t.regex(verified.stdout, /Verified OK/, verified.stderr);

  const theirKey = path.join(dir, "openssl-rsa.pem");
  t.is(
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", theirKey)
      .status,
    0,
  );
  const theirSig = path.join(dir, "openssl-rsa.sig");
  const signed = openssl(
    "dgst",
    "-sha256",
    "-sigopt",
    "rsa_padding_mode:pss",
    "-sigopt",
    "rsa_pss_saltlen:32",
    "-sign",
    theirKey,
    "-out",
    theirSig,
    dataFile,
  );
  t.is(signed.status, 0, signed.stderr);
  const loaded = loadPemPrivateKey(readFileSync(theirKey), null) as rsa.RSAPrivateKey;
  t.is(loaded.keySize, 2048);
  loaded.publicKey().verify(readFileSync(theirSig), data, pss(), new SHA256());
  t.throws(
    () =>
      loaded.publicKey().verify(readFileSync(theirSig), Buffer.from("other"), pss(), new SHA256()),
    {
      instanceOf: InvalidSignature,
    },
  );
});

test("ECDSA P-256: hazmat → openssl dgst, and openssl → hazmat", (t) => {
  const key = ec.generatePrivateKey(new ec.SECP256R1());
  const keyFile = file(
    "ec.pem",
    key.privateBytes(Encoding.PEM, PrivateFormat.TraditionalOpenSSL, new NoEncryption()),
  );
  t.is(openssl("pkey", "-in", keyFile, "-noout").status, 0);
  const pub = file(
    "ec-pub.pem",
    key.publicKey().publicBytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo),
  );
  const sig = file("ec.sig", key.sign(data, new ec.ECDSA(new SHA256())));
  const verified = openssl("dgst", "-sha256", "-verify", pub, "-signature", sig, dataFile);
  t.regex(verified.stdout, /Verified OK/, verified.stderr);

  const theirKey = path.join(dir, "openssl-ec.pem");
  t.is(
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", theirKey)
      .status,
    0,
  );
  const theirSig = path.join(dir, "openssl-ec.sig");
  t.is(openssl("dgst", "-sha256", "-sign", theirKey, "-out", theirSig, dataFile).status, 0);
  const loaded = loadPemPrivateKey(readFileSync(theirKey), null) as ec.EllipticCurvePrivateKey;
  t.is(loaded.curve.name, "secp256r1");
  loaded.publicKey().verify(readFileSync(theirSig), data, new ec.ECDSA(new SHA256()));
  t.throws(
    () =>
      loaded
        .publicKey()
        .verify(readFileSync(theirSig), Buffer.from("other"), new ec.ECDSA(new SHA256())),
    {
      instanceOf: InvalidSignature,
    },
  );
});

test("DSA: hazmat keys (PKCS#8 PEM/DER, TraditionalOpenSSL, SPKI) and signatures in openssl", (t) => {
  const key = dsa.generatePrivateKey(2048);
  const spkiPem = key.publicKey().publicBytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo);
  const pub = file("dsa-pub.pem", spkiPem);
  const inputs: string[][] = [
    [
      file(
        "dsa-pkcs8.pem",
        key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption()),
      ),
    ],
    [
      "-inform",
      "DER",
      file(
        "dsa-pkcs8.der",
        key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption()),
      ),
    ],
    [
      file(
        "dsa-trad.pem",
        key.privateBytes(Encoding.PEM, PrivateFormat.TraditionalOpenSSL, new NoEncryption()),
      ),
    ],
    [
      "-pubin",
      "-inform",
      "DER",
      file(
        "dsa-pub.der",
        key.publicKey().publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo),
      ),
    ],
    ["-pubin", pub],
  ];
  for (const input of inputs) {
    const inform = input.slice(0, -1);
    const out = openssl("pkey", ...inform, "-in", input[input.length - 1] as string, "-pubout");
    t.is(out.status, 0, out.stderr);
    t.is(out.stdout, spkiPem.toString());
  }

  const sig = file("dsa.sig", key.sign(data, new SHA256()));
  const verified = openssl("dgst", "-sha256", "-verify", pub, "-signature", sig, dataFile);
  t.regex(verified.stdout, /Verified OK/, verified.stderr);
  const other = file("dsa-other.bin", Buffer.from("other"));
  const refused = openssl("dgst", "-sha256", "-verify", pub, "-signature", sig, other);
  t.not(refused.status, 0);
  t.regex(refused.stdout, /Verification failure/);
});

test("DSA: openssl parameters, keys and signatures in hazmat", (t) => {
  const params = path.join(dir, "openssl-dsa-params.pem");
  const made = openssl(
    "genpkey",
    "-genparam",
    "-algorithm",
    "DSA",
    "-pkeyopt",
    "dsa_paramgen_bits:2048",
    "-out",
    params,
  );
  t.is(made.status, 0, made.stderr);
  // PyCA's load_pem_parameters reads DH parameters only; DSA ones are refused the same way.
  t.throws(() => loadPemParameters(readFileSync(params)), { instanceOf: ValueError });

  const keys = ["openssl-dsa-1.pem", "openssl-dsa-2.pem"].map((name) => {
    const keyFile = path.join(dir, name);
    const out = openssl("genpkey", "-paramfile", params, "-out", keyFile);
    t.is(out.status, 0, out.stderr);
    return keyFile;
  });
  const [first, second] = keys.map(
    (keyFile) => loadPemPrivateKey(readFileSync(keyFile), null) as dsa.DSAPrivateKey,
  ) as [dsa.DSAPrivateKey, dsa.DSAPrivateKey];
  t.true(first instanceof dsa.DSAPrivateKey);
  t.is(first.keySize, 2048);
  // Both keys come from the one parameter file.
  t.true(first.parameters().parameterNumbers().equals(second.parameters().parameterNumbers()));
  t.not(first.privateNumbers().x, second.privateNumbers().x);

  const keyFile = keys[0] as string;
  const der = path.join(dir, "openssl-dsa-1.der");
  t.is(
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", keyFile, "-outform", "DER", "-out", der).status,
    0,
  );
  const fromDer = loadDerPrivateKey(readFileSync(der), null) as dsa.DSAPrivateKey;
  t.true(fromDer.privateNumbers().equals(first.privateNumbers()));
  const pubOut = openssl("pkey", "-in", keyFile, "-pubout");
  t.is(pubOut.status, 0, pubOut.stderr);
  const pub = loadPemPublicKey(Buffer.from(pubOut.stdout)) as dsa.DSAPublicKey;
  t.true(pub.publicNumbers().equals(first.publicKey().publicNumbers()));

  const theirSig = path.join(dir, "openssl-dsa.sig");
  t.is(openssl("dgst", "-sha256", "-sign", keyFile, "-out", theirSig, dataFile).status, 0);
  pub.verify(readFileSync(theirSig), data, new SHA256());
  t.throws(() => pub.verify(readFileSync(theirSig), Buffer.from("other"), new SHA256()), {
    instanceOf: InvalidSignature,
  });
  t.throws(() => second.publicKey().verify(readFileSync(theirSig), data, new SHA256()), {
    instanceOf: InvalidSignature,
  });
});
