/**
 * Key serialization: PyCA's encoding/format/encryption rules compared case by case with PyCA
 * itself, the password rules, the builder, bad input (corrupt and truncated PEM/DER, wrong
 * labels, wrong types), OpenSSH keys and fingerprints.
 */
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import {
  ERR_HAZMAT_INVALID_TYPE,
  InvalidTag,
  UnsupportedAlgorithm,
  ValueError,
} from "hazmat/exceptions";
import { Ed448PrivateKey } from "hazmat/primitives/asymmetric/ed448";
import { Ed25519PrivateKey, Ed25519PublicKey } from "hazmat/primitives/asymmetric/ed25519";
import { X448PrivateKey } from "hazmat/primitives/asymmetric/x448";
import { X25519PrivateKey } from "hazmat/primitives/asymmetric/x25519";
import { MD5, SHA1, SHA256, SHA512 } from "hazmat/primitives/hashes";
import {
  BestAvailableEncryption,
  Encoding,
  type KeySerializationEncryption,
  loadDerParameters,
  loadDerPrivateKey,
  loadDerPublicKey,
  loadPemParameters,
  loadPemPrivateKey,
  loadPemPublicKey,
  loadSshPrivateKey,
  loadSshPublicKey,
  NoEncryption,
  ParameterFormat,
  PrivateFormat,
  PublicFormat,
  privateBytesOf,
  publicBytesOf,
  sshKeyFingerprint,
} from "hazmat/primitives/serialization";
import { HANDLE, type PrivateKeyObject } from "../dist/primitives/asymmetric/base.js";
import { askPycaKeys, toHex } from "./helpers/pyca.js";
import { vectorsRoot } from "./helpers/vectors.js";

const isTypeError = { instanceOf: TypeError, code: ERR_HAZMAT_INVALID_TYPE };
const PEM_FRAMING =
  "Unable to load PEM file. See https://cryptography.io/en/latest/faq/#why-can-t-i-import-my-pem-file for more details. MalformedFraming";
const DESERIALIZE =
  "Could not deserialize key data. The data may be in an incorrect format, it may be encrypted with an unsupported algorithm, or it may be an unsupported key type (e.g. EC curves with explicit parameters).";

const ENCODINGS = ["PEM", "DER", "OpenSSH", "Raw", "X962"] as const;
const PRIVATE_FORMATS = ["PKCS8", "TraditionalOpenSSL", "Raw", "OpenSSH"] as const;
const PUBLIC_FORMATS = [
  "SubjectPublicKeyInfo",
  "PKCS1",
  "OpenSSH",
  "Raw",
  "CompressedPoint",
  "UncompressedPoint",
] as const;
const ENCRYPTIONS: Record<string, () => KeySerializationEncryption> = {
  none: () => new NoEncryption(),
  best: () => new BestAvailableEncryption(Buffer.from("hunter2")),
  ssh: () => PrivateFormat.OpenSSH.encryptionBuilder().kdfRounds(2).build(Buffer.from("hunter2")),
};

function outcome(call: () => unknown): string {
  try {
    call();
    return "ok";
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/**
 * The PyCA here lacks its optional bcrypt module, so it refuses encrypted OpenSSH output with
 * "Need bcrypt module"; with bcrypt it succeeds, as hazmat (which has bcrypt-pbkdf) does.
 */
function pycaWithBcrypt(answer: string): string {
  return answer === "UnsupportedAlgorithm: Need bcrypt module" ? "ok" : answer;
}

function vectorFile(relative: string): Buffer {
  return fs.readFileSync(path.join(vectorsRoot(), "asymmetric", relative));
}

const KEYS: [string, () => PrivateKeyObject][] = [
  ["Ed25519", () => Ed25519PrivateKey.generate()],
  ["Ed448", () => Ed448PrivateKey.generate()],
  ["X25519", () => X25519PrivateKey.generate()],
  ["X448", () => X448PrivateKey.generate()],
  ["RSA", () => loadPemPrivateKey(vectorFile("PKCS8/unenc-rsa-pkcs8.pem"), null)],
  ["EC", () => loadPemPrivateKey(vectorFile("PEM_Serialization/ec_private_key.pem"), null)],
];

test("every encoding/format/encryption combination succeeds or fails exactly as in PyCA", (t) => {
  const keys = KEYS.map(([name, make]) => [name, make()] as const);
  const answers = askPycaKeys(
    keys.map(([, key]) => ({
      op: "matrix",
      pem: toHex(
        privateBytesOf(key[HANDLE], Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption()),
      ),
    })),
  );
  let compared = 0;
  for (const [index, [name, key]] of keys.entries()) {
    const answer = answers[index];
    if (!answer?.ok) return t.fail(`${name}: ${JSON.stringify(answer)}`);
    const theirs = answer as unknown as {
      private: Record<string, string>;
      public: Record<string, string>;
    };
    const publicHandle = key[HANDLE].publicKey();
    for (const enc of ENCODINGS) {
      for (const fmt of PRIVATE_FORMATS) {
        for (const [encName, make] of Object.entries(ENCRYPTIONS)) {
          const label = `${name} private ${enc}/${fmt}/${encName}`;
          const ours = outcome(() =>
            privateBytesOf(key[HANDLE], Encoding[enc], PrivateFormat[fmt], make()),
          );
          t.is(ours, pycaWithBcrypt(theirs.private[`${enc}/${fmt}/${encName}`] ?? "?"), label);
          compared++;
        }
      }
      for (const fmt of PUBLIC_FORMATS) {
        const ours = outcome(() => publicBytesOf(publicHandle, Encoding[enc], PublicFormat[fmt]));
        t.is(ours, theirs.public[`${enc}/${fmt}`] ?? "?", `${name} public ${enc}/${fmt}`);
        compared++;
      }
    }
  }
  t.is(
    compared,
    KEYS.length * (ENCODINGS.length * (PRIVATE_FORMATS.length * 3 + PUBLIC_FORMATS.length)),
  );
});

test("privateBytes/publicBytes check their argument types", (t) => {
  const key = Ed25519PrivateKey.generate();
  t.throws(() => key.privateBytes("PEM" as never, PrivateFormat.PKCS8, new NoEncryption()), {
    ...isTypeError,
    message: "encoding must be an item from the Encoding enum",
  });
  t.throws(() => key.privateBytes(Encoding.PEM, PublicFormat.Raw as never, new NoEncryption()), {
    ...isTypeError,
    message: "format must be an item from the PrivateFormat enum",
  });
  t.throws(() => key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, null as never), isTypeError);
  t.throws(() => key.publicKey().publicBytes(Encoding.PEM, PrivateFormat.PKCS8 as never), {
    ...isTypeError,
    message: "format must be an item from the PublicFormat enum",
  });
  t.throws(
    () =>
      key.privateBytes(
        Encoding.PEM,
        PrivateFormat.PKCS8,
        new BestAvailableEncryption(Buffer.alloc(1024, 0x61)),
      ),
    {
      instanceOf: ValueError,
      message: "Passwords longer than 1023 bytes are not supported by this backend",
    },
  );
});

test("encryption choices and the builder follow PyCA's rules and never show the password", (t) => {
  for (const bad of [Buffer.alloc(0), "pw", null]) {
    t.throws(() => new BestAvailableEncryption(bad as never), {
      instanceOf: ValueError,
      message: "Password must be 1 or more bytes.",
    });
  }
  for (const format of [PrivateFormat.PKCS8, PrivateFormat.TraditionalOpenSSL, PrivateFormat.Raw]) {
    t.throws(() => format.encryptionBuilder(), {
      instanceOf: ValueError,
      message:
        "encryption_builder only supported with PrivateFormat.OpenSSH and PrivateFormat.PKCS12",
    });
  }
  const builder = PrivateFormat.OpenSSH.encryptionBuilder();
  t.throws(() => builder.kdfRounds(0), {
    instanceOf: ValueError,
    message: "kdf_rounds must be a positive integer",
  });
  t.throws(() => builder.kdfRounds(1.5), {
    ...isTypeError,
    message: "kdf_rounds must be an integer",
  });
  t.throws(() => builder.kdfRounds(3).kdfRounds(4), {
    instanceOf: ValueError,
    message: "kdf_rounds already set",
  });
  t.throws(() => builder.hmacHash(new SHA256()), {
    ...isTypeError,
    message: "hmac_hash only supported with PrivateFormat.PKCS12",
  });
  t.throws(() => builder.build(Buffer.alloc(0)), { instanceOf: ValueError });
  const pkcs12 = PrivateFormat.PKCS12.encryptionBuilder().hmacHash(new SHA256());
  t.throws(() => pkcs12.hmacHash(new SHA1()), {
    instanceOf: ValueError,
    message: "hmac_hash already set",
  });
  const secret = "s3cr3t-password";
  for (const shown of [
    String(new BestAvailableEncryption(Buffer.from(secret))),
    String(builder.build(Buffer.from(secret))),
  ]) {
    t.false(shown.includes(secret));
    t.false(shown.includes(Buffer.from(secret).toString("hex")));
  }
  t.is(String(Encoding.X962), "Encoding.X962");
  t.is(String(ParameterFormat.PKCS3), "ParameterFormat.PKCS3");
});

test("password rules: TypeError for a needless or missing password, ValueError for a wrong one", (t) => {
  const key = Ed25519PrivateKey.generate();
  const pw = Buffer.from("right");
  const plainPem = key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption());
  const plainDer = key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption());
  const encPem = key.privateBytes(
    Encoding.PEM,
    PrivateFormat.PKCS8,
    new BestAvailableEncryption(pw),
  );
  const encDer = key.privateBytes(
    Encoding.DER,
    PrivateFormat.PKCS8,
    new BestAvailableEncryption(pw),
  );
  for (const [data, load] of [
    [plainPem, loadPemPrivateKey],
    [plainDer, loadDerPrivateKey],
  ] as const) {
    for (const given of [pw, Buffer.alloc(0)]) {
      t.throws(() => load(data, given), {
        ...isTypeError,
        message: "Password was given but private key is not encrypted.",
      });
    }
    t.throws(() => load(data, "pw" as never), isTypeError);
  }
  for (const [data, load] of [
    [encPem, loadPemPrivateKey],
    [encDer, loadDerPrivateKey],
  ] as const) {
    t.throws(() => load(data, null), {
      ...isTypeError,
      message: "Password was not given but private key is encrypted",
    });
    t.throws(() => load(data, Buffer.from("wrong")), {
      instanceOf: ValueError,
      message: "Incorrect password, could not decrypt key",
    });
    t.true(load(data, pw) instanceof Ed25519PrivateKey);
  }
  // Traditional OpenSSL PEM with legacy (DEK-Info) encryption, from the vectors.
  const legacy = vectorFile("Traditional_OpenSSL_Serialization/testrsa-encrypted.pem");
  t.throws(() => loadPemPrivateKey(legacy, null), isTypeError);
  t.throws(() => loadPemPrivateKey(legacy, Buffer.from("nope")), { instanceOf: ValueError });
  // And the answers agree with PyCA's.
  const answers = askPycaKeys([
    { op: "load_private", kind: "pem", data: toHex(plainPem), password: toHex(pw) },
    { op: "load_private", kind: "pem", data: toHex(encPem) },
    { op: "load_private", kind: "der", data: toHex(encDer), password: toHex(Buffer.from("wrong")) },
  ]);
  t.deepEqual(
    answers.map((a) => (a.ok ? "ok" : `${a.error}: ${a.message}`)),
    [
      "TypeError: Password was given but private key is not encrypted.",
      "TypeError: Password was not given but private key is encrypted",
      "ValueError: Incorrect password, could not decrypt key",
    ],
  );
});

test("corrupt, truncated and mislabelled PEM and DER are ValueErrors with PyCA's messages", (t) => {
  const key = Ed25519PrivateKey.generate();
  const pem = key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption());
  const der = key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption());
  const pubPem = key.publicKey().publicBytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo);
  const pubDer = key.publicKey().publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo);
  const text = pem.toString();
  const framing = { instanceOf: ValueError, message: PEM_FRAMING };
  t.throws(() => loadPemPrivateKey(Buffer.from("garbage"), null), framing);
  t.throws(() => loadPemPrivateKey(Buffer.alloc(0), null), framing);
  t.throws(() => loadPemPrivateKey(pem.subarray(0, 50), null), framing);
  t.throws(
    () => loadPemPrivateKey(Buffer.from(text.replace("-----END PRIVATE KEY-----", "")), null),
    framing,
  );
  t.throws(() => loadPemPrivateKey(Buffer.from(text.replace("MC4", "M!4")), null), framing);
  t.throws(() => loadPemPrivateKey(Buffer.from(text.replaceAll("PRIVATE KEY", "FOO")), null), {
    instanceOf: ValueError,
    message:
      "Valid PEM but no BEGIN/END delimiters for a private key found. Are you sure this is a private key?",
  });
  t.throws(() => loadPemPublicKey(pem), {
    instanceOf: ValueError,
    message:
      "Valid PEM but no BEGIN PUBLIC KEY/END PUBLIC KEY delimiters. Are you sure this is a public key?",
  });
  t.throws(() => loadPemPrivateKey(pubPem, null), { instanceOf: ValueError });
  // Valid base64 of damaged DER.
  const lines = text.split("\n");
  const damaged = Buffer.from(
    [
      lines[0],
      Buffer.from(der.subarray(0, 20)).toString("base64"),
      lines[lines.length - 2],
      "",
    ].join("\n"),
  );
  t.throws(() => loadPemPrivateKey(damaged, null), {
    instanceOf: ValueError,
    message: DESERIALIZE,
  });
  for (let cut = 0; cut < der.length; cut += 5) {
    t.throws(
      () => loadDerPrivateKey(der.subarray(0, cut), null),
      { instanceOf: ValueError },
      `cut ${cut}`,
    );
  }
  for (let cut = 0; cut < pubDer.length; cut += 5) {
    t.throws(
      () => loadDerPublicKey(pubDer.subarray(0, cut)),
      { instanceOf: ValueError },
      `cut ${cut}`,
    );
  }
  t.throws(() => loadDerPublicKey(der), { instanceOf: ValueError, message: DESERIALIZE });
  t.throws(() => loadDerPrivateKey(crypto.randomBytes(64), null), { instanceOf: ValueError });
  t.throws(() => loadPemPrivateKey("text" as never, null), isTypeError);
  t.throws(() => loadDerPublicKey(null as never), isTypeError);
  t.throws(() => loadPemPrivateKey(pem, null, "yes" as never), isTypeError);
  // The key after other PEM blocks is found; the process is fine after all of the above.
  const bundle = Buffer.concat([pubPem, Buffer.from("junk between\n"), pem]);
  const loaded = loadPemPrivateKey(bundle, null) as Ed25519PrivateKey;
  t.deepEqual(loaded.privateBytesRaw(), key.privateBytesRaw());
  t.true(loadPemPublicKey(bundle).equals(key.publicKey()));
});

test("an unknown key algorithm is an UnsupportedAlgorithm; DSA parameters or junk are not DH parameters", (t) => {
  t.throws(() => loadDerPrivateKey(vectorFile("PKCS8/unknown-oid.der"), null), {
    instanceOf: UnsupportedAlgorithm,
  });
  const dhParams = vectorFile("PEM_Serialization/dsaparam.pem");
  t.throws(() => loadPemParameters(dhParams), {
    instanceOf: ValueError,
    message:
      "Valid PEM but no BEGIN DH PARAMETERS/END DH PARAMETERS delimiters. Are you sure this is a DH parameters?",
  });
  t.throws(() => loadDerParameters(Buffer.alloc(8)), { instanceOf: ValueError });
});

test("OpenSSH keys: round trips, PyCA's errors, fingerprints", (t) => {
  const key = Ed25519PrivateKey.generate();
  const line = key.publicKey().publicBytes(Encoding.OpenSSH, PublicFormat.OpenSSH);
  const blob = Buffer.from(line.toString().split(" ")[1] ?? "", "base64");
  t.deepEqual(
    sshKeyFingerprint(key.publicKey(), new SHA256()),
    crypto.createHash("sha256").update(blob).digest(),
  );
  t.deepEqual(
    sshKeyFingerprint(key.publicKey(), new MD5()),
    crypto.createHash("md5").update(blob).digest(),
  );
  t.throws(() => sshKeyFingerprint(key.publicKey(), new SHA512() as never), {
    ...isTypeError,
    message: "hash_algorithm must be either MD5, SHA1, or SHA256",
  });
  t.true(
    loadSshPublicKey(Buffer.concat([line, Buffer.from(" user@host\n")])) instanceof
      Ed25519PublicKey,
  );
  t.throws(() => loadSshPublicKey(Buffer.from(line.toString().replace("ssh-ed25519", "ssh-rsa"))), {
    instanceOf: ValueError,
    message: "Invalid key format",
  });
  t.throws(() => loadSshPublicKey(line.subarray(0, 40)), { instanceOf: ValueError });
  t.throws(() => loadSshPublicKey(Buffer.from("foo bar")), { instanceOf: UnsupportedAlgorithm });
  const pem = key.privateBytes(Encoding.PEM, PrivateFormat.OpenSSH, new NoEncryption());
  t.throws(() => loadSshPrivateKey(pem, Buffer.from("pw")), {
    ...isTypeError,
    message: "Password was given but private key is not encrypted.",
  });
  t.throws(() => loadSshPrivateKey(pem.subarray(0, 100), null), {
    instanceOf: ValueError,
    message: "Not OpenSSH private key format",
  });
  const pkcs8 = key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption());
  t.throws(() => loadSshPrivateKey(pkcs8, null), {
    instanceOf: ValueError,
    message: "Not OpenSSH private key format",
  });
  // A flipped check integer is caught.
  const body = Buffer.from(
    pem
      .toString()
      .split("\n")
      .filter((l) => l && !l.startsWith("-----"))
      .join(""),
    "base64",
  );
  const corrupt = Buffer.from(body);
  const offset = body.indexOf(Buffer.from("ssh-ed25519"), 60) - 12; // the first check integer
  corrupt[offset] = (corrupt[offset] ?? 0) ^ 0xff;
  const wrapped = Buffer.from(
    `-----BEGIN OPENSSH PRIVATE KEY-----\n${corrupt.toString("base64")}\n-----END OPENSSH PRIVATE KEY-----\n`,
  );
  t.throws(() => loadSshPrivateKey(wrapped, null), {
    instanceOf: ValueError,
    message: "Corrupt data: broken checksum",
  });
  // The vectors' unencrypted OpenSSH keys match their .pub files.
  for (const name of ["ed25519", "rsa", "ecdsa"]) {
    const priv = loadSshPrivateKey(vectorFile(`OpenSSH/${name}-nopsw.key`), null);
    const pub = loadSshPublicKey(vectorFile(`OpenSSH/${name}-nopsw.key.pub`));
    const derOf = (h: typeof pub) =>
      publicBytesOf(h[HANDLE], Encoding.DER, PublicFormat.SubjectPublicKeyInfo);
    t.deepEqual(
      publicBytesOf(priv[HANDLE].publicKey(), Encoding.DER, PublicFormat.SubjectPublicKeyInfo),
      derOf(pub),
      name,
    );
    // Written again by hazmat, the private key is read back to the same key.
    const again = loadSshPrivateKey(
      privateBytesOf(priv[HANDLE], Encoding.PEM, PrivateFormat.OpenSSH, new NoEncryption()),
      null,
    );
    t.deepEqual(
      publicBytesOf(again[HANDLE].publicKey(), Encoding.DER, PublicFormat.SubjectPublicKeyInfo),
      derOf(pub),
      name,
    );
    t.deepEqual(
      publicBytesOf(pub[HANDLE], Encoding.OpenSSH, PublicFormat.OpenSSH).toString(),
      vectorFile(`OpenSSH/${name}-nopsw.key.pub`).toString().split(" ").slice(0, 2).join(" "),
      name,
    );
  }
});

test("the backend's loaders and curve checks are the serialization module's", (t) => {
  const key = Ed25519PrivateKey.generate();
  const pw = Buffer.from("pw");
  const pem = key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new BestAvailableEncryption(pw));
  const der = key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption());
  const loaded = backend.loadPemPrivateKey(pem, pw) as Ed25519PrivateKey;
  t.deepEqual(loaded.privateBytesRaw(), key.privateBytesRaw());
  t.true(backend.loadDerPrivateKey(der, null) instanceof Ed25519PrivateKey);
  t.throws(() => backend.loadDerPrivateKey(der, pw), isTypeError);
  const spki = key.publicKey().publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo);
  t.true(backend.loadDerPublicKey(spki).equals(key.publicKey()));
  const spkiPem = key.publicKey().publicBytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo);
  t.true(backend.loadPemPublicKey(spkiPem).equals(key.publicKey()));
  t.throws(() => backend.loadPemParameters(spkiPem), { instanceOf: ValueError });
  t.throws(() => backend.loadDerParameters(spki), { instanceOf: ValueError });
  t.true(backend.ed25519Supported() && backend.ed448Supported());
  t.true(backend.x25519Supported() && backend.x448Supported());
});

// ---------------------------------------------------------------------------------------------
// Encrypted OpenSSH private keys (bcrypt-pbkdf). The PyCA here has no bcrypt module, so the
// independent side is OpenSSH's own ssh-keygen: it decrypts a key (`-p -N ""`), PyCA then reads
// the plain file, and the two keys are compared; it also encrypts keys for hazmat to read.

const SSH_PASSWORD = Buffer.from("password");
const HAVE_SSH_KEYGEN = spawnSync("sh", ["-c", "command -v ssh-keygen"]).status === 0;

function sshKeygen(args: string[]): { ok: boolean; out: string } {
  const result = spawnSync("ssh-keygen", args, { encoding: "utf8", timeout: 60_000 });
  return { ok: result.status === 0, out: `${result.stdout}${result.stderr}` };
}

function tempKeyFile(dir: string, name: string, data: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data, { mode: 0o600 });
  return file;
}

/** PyCA's reading of unencrypted OpenSSH keys: PKCS#8 DER hex, or the error class. */
function pycaSshPkcs8(keys: Buffer[]): string[] {
  const script = [
    "import json, sys, warnings",
    "from cryptography.hazmat.primitives import serialization as s",
    "warnings.simplefilter('ignore')",
    "out = []",
    "for data in json.load(sys.stdin):",
    "    try:",
    "        key = s.load_ssh_private_key(bytes.fromhex(data), None)",
    "        out.append(key.private_bytes(s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption()).hex())",
    "    except Exception as error:",
    "        out.append(type(error).__name__)",
    "print(json.dumps(out))",
  ].join("\n");
  const result = spawnSync("python3", ["-c", script], {
    input: JSON.stringify(keys.map(toHex)),
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`python3: ${result.stderr}`);
  return JSON.parse(result.stdout) as string[];
}

function ourSshPkcs8(data: Uint8Array, password: Uint8Array | null): string {
  try {
    const key = loadSshPrivateKey(data, password);
    return toHex(
      privateBytesOf(key[HANDLE], Encoding.DER, PrivateFormat.PKCS8, new NoEncryption()),
    );
  } catch (error) {
    return (error as Error).name;
  }
}

/** The binary body of an OPENSSH PRIVATE KEY and a way to wrap a changed one again. */
function sshBody(pem: Uint8Array): Buffer {
  const lines = Buffer.from(pem).toString().split("\n");
  return Buffer.from(lines.filter((l) => l && !l.startsWith("-----")).join(""), "base64");
}
function sshWrap(body: Uint8Array): Buffer {
  return Buffer.from(
    `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.from(body).toString("base64")}\n-----END OPENSSH PRIVATE KEY-----\n`,
  );
}

/** The header fields of an openssh-key-v1 body, and where the private section starts. */
function sshHeader(body: Buffer) {
  let at = 15; // "openssh-key-v1\0"
  const str = () => {
    const n = body.readUInt32BE(at);
    const value = body.subarray(at + 4, at + 4 + n);
    at += 4 + n;
    return value;
  };
  const cipher = str().toString();
  const kdf = str().toString();
  const options = str();
  const count = body.readUInt32BE(at);
  at += 4;
  str(); // the public key
  const privateAt = at;
  const sealed = str();
  const salt = options.length ? options.subarray(4, 4 + options.readUInt32BE(0)) : Buffer.alloc(0);
  const rounds = options.length ? options.readUInt32BE(4 + salt.length) : 0;
  return { cipher, kdf, salt, rounds, count, privateAt, sealed, rest: body.subarray(at) };
}

const SSH_VECTOR_NAMES = ["ed25519", "rsa", "ecdsa", "dsa"];

test("encrypted OpenSSH vectors load with their password, as OpenSSH + PyCA read them", (t) => {
  const dir = path.join(vectorsRoot(), "asymmetric", "OpenSSH");
  const names = fs.readdirSync(dir).filter((n) => n.endsWith("-psw.key"));
  t.true(names.length >= 7, names.join());
  const ours = names.map((n) => ourSshPkcs8(vectorFile(`OpenSSH/${n}`), SSH_PASSWORD));
  // Whatever ssh-keygen says, the public halves match the .pub files ssh-keygen wrote.
  for (const [i, name] of names.entries()) {
    if (name.startsWith("sk-")) {
      t.is(ours[i], "UnsupportedAlgorithm", name); // as PyCA: no private sk keys
      continue;
    }
    const key = loadSshPrivateKey(vectorFile(`OpenSSH/${name}`), SSH_PASSWORD);
    t.is(
      publicBytesOf(key[HANDLE].publicKey(), Encoding.OpenSSH, PublicFormat.OpenSSH).toString(),
      vectorFile(`OpenSSH/${name}.pub`).toString().trim().split(" ").slice(0, 2).join(" "),
      name,
    );
  }
  if (!HAVE_SSH_KEYGEN) {
    t.log("ssh-keygen is not installed: the OpenSSH-decrypted comparison was skipped");
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hazmat-ssh-"));
  try {
    const plain = names.map((name) => {
      const file = tempKeyFile(tmp, name, vectorFile(`OpenSSH/${name}`));
      const run = sshKeygen(["-q", "-p", "-P", "password", "-N", "", "-f", file]);
      if (!run.ok) throw new Error(`ssh-keygen could not decrypt ${name}: ${run.out}`);
      return fs.readFileSync(file);
    });
    const theirs = pycaSshPkcs8(plain);
    for (const [i, name] of names.entries()) {
      t.is(ours[i], theirs[i], name);
      if (!name.startsWith("sk-")) t.true((ours[i] ?? "").length >= 96, name);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("encrypted OpenSSH keys: PyCA's password and corruption errors", (t) => {
  const ctr = vectorFile("OpenSSH/ed25519-psw.key");
  const gcm = vectorFile("OpenSSH/ed25519-aesgcm-psw.key");
  t.is(sshHeader(sshBody(ctr)).cipher, "aes256-ctr");
  t.is(sshHeader(sshBody(gcm)).cipher, "aes256-gcm@openssh.com");
  const missing = {
    ...isTypeError,
    message: "Key is password-protected, but password was not provided.",
  };
  for (const data of [ctr, gcm]) {
    t.throws(() => loadSshPrivateKey(data, null), missing);
    t.throws(() => loadSshPrivateKey(data, Buffer.alloc(0)), missing);
  }
  // A wrong password: garbage check integers for CTR/CBC, a failed tag for GCM (PyCA's InvalidTag).
  t.throws(() => loadSshPrivateKey(ctr, Buffer.from("passwore")), {
    instanceOf: ValueError,
    message: "Corrupt data: broken checksum",
  });
  t.throws(() => loadSshPrivateKey(gcm, Buffer.from("passwore")), { instanceOf: InvalidTag });
  for (const name of SSH_VECTOR_NAMES) {
    t.throws(() => loadSshPrivateKey(vectorFile(`OpenSSH/${name}-psw.key`), Buffer.from("x")), {
      instanceOf: ValueError,
    });
  }
  // Tampering: a flipped ciphertext byte, a flipped tag byte, a cut private section, a cut tag.
  for (const [data, label] of [
    [ctr, "ctr"],
    [gcm, "gcm"],
  ] as const) {
    const body = sshBody(data);
    const h = sshHeader(body);
    const flipped = Buffer.from(body);
    flipped[h.privateAt + 4 + 2] = (flipped[h.privateAt + 4 + 2] ?? 0) ^ 0x01;
    const load = () => loadSshPrivateKey(sshWrap(flipped), SSH_PASSWORD);
    if (label === "gcm") t.throws(load, { instanceOf: InvalidTag }, label);
    else t.throws(load, { instanceOf: ValueError }, label);
    // Every truncation inside the private section (and its tag) is a ValueError.
    for (let cut = h.privateAt; cut < body.length; cut += 5) {
      t.throws(
        () => loadSshPrivateKey(sshWrap(body.subarray(0, cut)), SSH_PASSWORD),
        { instanceOf: ValueError },
        `${label} cut at ${cut}`,
      );
    }
  }
  const gcmBody = sshBody(gcm);
  const badTag = Buffer.from(gcmBody);
  badTag[badTag.length - 1] = (badTag[badTag.length - 1] ?? 0) ^ 0x80;
  t.throws(() => loadSshPrivateKey(sshWrap(badTag), SSH_PASSWORD), { instanceOf: InvalidTag });
  t.throws(() => loadSshPrivateKey(sshWrap(gcmBody.subarray(0, -1)), SSH_PASSWORD), {
    instanceOf: ValueError,
    message: "Corrupt data: invalid tag length for cipher",
  });
  t.throws(
    () => loadSshPrivateKey(sshWrap(Buffer.concat([sshBody(ctr), Buffer.from([0])])), SSH_PASSWORD),
    {
      instanceOf: ValueError,
      message: "Corrupt data: unparsed data",
    },
  );
  // Header changes: an unknown cipher or KDF, and 2**31 rounds (refused at once, no hang).
  const swap = (from: string, to: string) => {
    const body = sshBody(ctr);
    const at = body.indexOf(Buffer.from(from));
    return sshWrap(
      Buffer.concat([body.subarray(0, at), Buffer.from(to), body.subarray(at + from.length)]),
    );
  };
  t.throws(() => loadSshPrivateKey(swap("aes256-ctr", "aes128-ctr"), SSH_PASSWORD), {
    instanceOf: UnsupportedAlgorithm,
    message: "Unsupported cipher: b'aes128-ctr'",
  });
  t.throws(() => loadSshPrivateKey(swap("bcrypt", "scrypt"), SSH_PASSWORD), {
    instanceOf: UnsupportedAlgorithm,
    message: "Unsupported KDF: b'scrypt'",
  });
  const body = sshBody(ctr);
  const h = sshHeader(body);
  t.is(h.rounds, 16);
  const roundsAt = body.indexOf(h.salt) + h.salt.length;
  for (const rounds of [2 ** 31, 0]) {
    const changed = Buffer.from(body);
    changed.writeUInt32BE(rounds, roundsAt);
    t.throws(() => loadSshPrivateKey(sshWrap(changed), SSH_PASSWORD), {
      instanceOf: ValueError,
      message: `bcrypt-pbkdf rounds must be between 1 and 1024 (hazmat's limit), got ${rounds}`,
    });
  }
});

test("hazmat's encrypted OpenSSH keys: PyCA's header, readable by ssh-keygen and PyCA", (t) => {
  const pw = Buffer.from("correct horse");
  const keys = SSH_VECTOR_NAMES.map((name) =>
    loadSshPrivateKey(vectorFile(`OpenSSH/${name}-nopsw.key`), null),
  );
  const written = keys.map((key, i) =>
    i % 2 === 0
      ? privateBytesOf(
          key[HANDLE],
          Encoding.PEM,
          PrivateFormat.OpenSSH,
          new BestAvailableEncryption(pw),
        )
      : privateBytesOf(
          key[HANDLE],
          Encoding.PEM,
          PrivateFormat.OpenSSH,
          PrivateFormat.OpenSSH.encryptionBuilder().kdfRounds(3).build(pw),
        ),
  );
  const pkcs8 = keys.map((key) =>
    ourSshPkcs8(
      privateBytesOf(key[HANDLE], Encoding.PEM, PrivateFormat.OpenSSH, new NoEncryption()),
      null,
    ),
  );
  for (const [i, pem] of written.entries()) {
    const h = sshHeader(sshBody(pem));
    t.like(h, { cipher: "aes256-ctr", kdf: "bcrypt", rounds: i % 2 === 0 ? 16 : 3, count: 1 });
    t.is(h.salt.length, 16);
    t.is(h.sealed.length % 16, 0);
    t.is(ourSshPkcs8(pem, pw), pkcs8[i] ?? "?");
    t.throws(() => loadSshPrivateKey(pem, null), isTypeError);
  }
  // Fresh salt each time.
  const first = keys[0];
  if (first === undefined) return t.fail("no keys");
  const again = privateBytesOf(
    first[HANDLE],
    Encoding.PEM,
    PrivateFormat.OpenSSH,
    new BestAvailableEncryption(pw),
  );
  t.notDeepEqual(
    sshHeader(sshBody(again)).salt,
    sshHeader(sshBody(written[0] ?? Buffer.alloc(0))).salt,
  );
  // Rounds beyond hazmat's ceiling are refused before any work.
  const tooMany = (rounds: number) =>
    privateBytesOf(
      first[HANDLE],
      Encoding.PEM,
      PrivateFormat.OpenSSH,
      PrivateFormat.OpenSSH.encryptionBuilder().kdfRounds(rounds).build(pw),
    );
  for (const rounds of [2 ** 31, 2 ** 32 + 16, 1025]) {
    t.throws(() => tooMany(rounds), {
      instanceOf: ValueError,
      message: `bcrypt-pbkdf rounds must be between 1 and 1024 (hazmat's limit), got ${rounds}`,
    });
  }
  if (!HAVE_SSH_KEYGEN) {
    t.log("ssh-keygen is not installed: the OpenSSH cross-checks were skipped");
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hazmat-ssh-"));
  try {
    const plain: Buffer[] = [];
    for (const [i, key] of keys.entries()) {
      const file = tempKeyFile(tmp, `k${i}`, written[i] ?? Buffer.alloc(0));
      const pub = sshKeygen(["-y", "-P", pw.toString(), "-f", file]);
      t.true(pub.ok, pub.out);
      t.is(
        pub.out.trim().split(" ").slice(0, 2).join(" "),
        publicBytesOf(key[HANDLE].publicKey(), Encoding.OpenSSH, PublicFormat.OpenSSH).toString(),
      );
      t.false(sshKeygen(["-y", "-P", "wrong", "-f", file]).ok);
      const dec = sshKeygen(["-q", "-p", "-P", pw.toString(), "-N", "", "-f", file]);
      t.true(dec.ok, dec.out);
      plain.push(fs.readFileSync(file));
    }
    t.deepEqual(pycaSshPkcs8(plain), pkcs8);
    // ssh-keygen encrypts hazmat's plain keys with each of PyCA's ciphers; hazmat reads them.
    for (const cipher of ["aes256-ctr", "aes256-cbc", "aes256-gcm@openssh.com", "aes128-ctr"]) {
      for (const [i, key] of keys.entries()) {
        const file = tempKeyFile(
          tmp,
          `c${i}`,
          privateBytesOf(key[HANDLE], Encoding.PEM, PrivateFormat.OpenSSH, new NoEncryption()),
        );
        const enc = sshKeygen([
          "-q",
          "-p",
          "-P",
          "",
          "-N",
          "s3cret",
          "-a",
          "4",
          "-Z",
          cipher,
          "-f",
          file,
        ]);
        t.true(enc.ok, enc.out);
        const data = fs.readFileSync(file);
        t.is(sshHeader(sshBody(data)).cipher, cipher);
        if (cipher === "aes128-ctr") {
          // Not in PyCA's _SSH_CIPHERS.
          t.throws(() => loadSshPrivateKey(data, Buffer.from("s3cret")), {
            instanceOf: UnsupportedAlgorithm,
            message: "Unsupported cipher: b'aes128-ctr'",
          });
        } else {
          t.is(ourSshPkcs8(data, Buffer.from("s3cret")), pkcs8[i] ?? "?", `${cipher} ${i}`);
        }
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
