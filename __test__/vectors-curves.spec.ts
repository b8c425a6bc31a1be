/**
 * Known answers from `cryptography-vectors`: RFC 8032 Ed25519 (the 1024 `sign.input` cases) and
 * Ed448, RFC 7748 X25519 and X448; then every key file under its asymmetric/ key folders
 * (PEM, DER, OpenSSH; plain and encrypted) loaded by PyCA and by hazmat: what PyCA loads, hazmat
 * loads to the same public key (or refuses as an UnsupportedAlgorithm for a type hazmat does not
 * implement yet), and what PyCA rejects, hazmat rejects.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import test from "ava";
import { UnsupportedAlgorithm } from "hazmat/exceptions";
import { Ed448PrivateKey, Ed448PublicKey } from "hazmat/primitives/asymmetric/ed448";
import { Ed25519PrivateKey, Ed25519PublicKey } from "hazmat/primitives/asymmetric/ed25519";
import { X448PrivateKey, X448PublicKey } from "hazmat/primitives/asymmetric/x448";
import { X25519PrivateKey, X25519PublicKey } from "hazmat/primitives/asymmetric/x25519";
import {
  Encoding,
  loadDerPrivateKey,
  loadDerPublicKey,
  loadPemPrivateKey,
  loadPemPublicKey,
  loadSshPrivateKey,
  loadSshPublicKey,
  PublicFormat,
  publicBytesOf,
} from "hazmat/primitives/serialization";
import {
  HANDLE,
  type PrivateKeyObject,
  type PublicKeyObject,
} from "../dist/primitives/asymmetric/base.js";
import { askPycaKeys } from "./helpers/pyca.js";
import { bytes, field, loadNist, readVectorFile, vectorsRoot, where } from "./helpers/vectors.js";

test("RFC 8032 Ed25519: all 1024 sign.input cases sign and verify", (t) => {
  const lines = readVectorFile("asymmetric/Ed25519/sign.input").split("\n").filter(Boolean);
  t.is(lines.length, 1024);
  for (const [index, line] of lines.entries()) {
    const [secret = "", publicHex = "", message = "", signed = ""] = line.split(":");
    const key = Ed25519PrivateKey.fromPrivateBytes(Buffer.from(secret.slice(0, 64), "hex"));
    const data = Buffer.from(message, "hex");
    const expected = Buffer.from(signed.slice(0, 128), "hex");
    t.deepEqual(
      key.publicKey().publicBytesRaw(),
      Buffer.from(publicHex, "hex"),
      `line ${index + 1}`,
    );
    t.deepEqual(key.sign(data), expected, `line ${index + 1}`);
    Ed25519PublicKey.fromPublicBytes(Buffer.from(publicHex, "hex")).verify(expected, data);
  }
});

test("RFC 8032 Ed448: the pure (context-free) cases sign and verify", (t) => {
  const records = loadNist("asymmetric/Ed448/rfc8032.txt").filter(
    (r) => r.fields.context === undefined,
  );
  t.true(records.length >= 5);
  for (const record of records) {
    const key = Ed448PrivateKey.fromPrivateBytes(bytes(field(record, "secret")));
    const data = bytes(record.fields.message ?? "");
    const expected = bytes(field(record, "signature"));
    t.deepEqual(key.publicKey().publicBytesRaw(), bytes(field(record, "public")), where(record));
    t.deepEqual(key.sign(data), expected, where(record));
    Ed448PublicKey.fromPublicBytes(bytes(field(record, "public"))).verify(expected, data);
  }
});

for (const [name, priv, pub] of [
  ["X25519", X25519PrivateKey, X25519PublicKey],
  ["X448", X448PrivateKey, X448PublicKey],
] as const) {
  test(`RFC 7748 ${name}: scalar multiplication known answers`, (t) => {
    const records = loadNist(`asymmetric/${name}/rfc7748.txt`);
    t.true(records.length >= 3);
    for (const record of records) {
      const key = priv.fromPrivateBytes(bytes(field(record, "input_scalar")));
      const peer = pub.fromPublicBytes(bytes(field(record, "input_u")));
      t.deepEqual(key.exchange(peer), bytes(field(record, "output_u")), where(record));
    }
  });
}

/** The key folders and how each file is loaded. */
const FOLDERS = [
  "Ed25519",
  "Ed448",
  "X25519",
  "X448",
  "PKCS8",
  "PEM_Serialization",
  "DER_Serialization",
  "Traditional_OpenSSL_Serialization",
  "OpenSSH",
];

type Kind = "pem" | "der" | "ssh" | "pem_public" | "der_public" | "ssh_public";

function kindOf(file: string): Kind | null {
  const isPublic = /pub|public/.test(path.basename(file));
  if (file.endsWith("-cert.pub") || file.endsWith(".txt") || file.endsWith(".sh")) return null;
  if (file.endsWith(".pub")) return "ssh_public";
  if (file.endsWith(".key")) return "ssh";
  if (file.endsWith(".pem")) return isPublic ? "pem_public" : "pem";
  if (file.endsWith(".der")) return isPublic ? "der_public" : "der";
  return null;
}

function loadHere(
  kind: Kind,
  data: Buffer,
  password: Buffer | null,
): PrivateKeyObject | PublicKeyObject {
  switch (kind) {
    case "pem":
      return loadPemPrivateKey(data, password);
    case "der":
      return loadDerPrivateKey(data, password);
    case "ssh":
      return loadSshPrivateKey(data, password);
    case "pem_public":
      return loadPemPublicKey(data);
    case "der_public":
      return loadDerPublicKey(data);
    case "ssh_public":
      return loadSshPublicKey(data);
  }
}

function spkiOf(key: PrivateKeyObject | PublicKeyObject): string {
  const handle = key[HANDLE];
  const publicHandle = "publicKey" in handle ? handle.publicKey() : handle;
  return publicBytesOf(publicHandle, Encoding.DER, PublicFormat.SubjectPublicKeyInfo).toString(
    "hex",
  );
}

/** Types hazmat does not implement yet: loading them is an UnsupportedAlgorithm. */
const NOT_YET = new Set(["DSA", "DH"]);

test("key files of cryptography-vectors: hazmat loads what PyCA loads and rejects what it rejects", (t) => {
  const files = FOLDERS.flatMap((folder) =>
    fs
      .readdirSync(path.join(vectorsRoot(), "asymmetric", folder))
      .sort()
      .map((name) => path.join(vectorsRoot(), "asymmetric", folder, name))
      .filter((file) => fs.statSync(file).isFile() && kindOf(file) !== null),
  );
  t.true(files.length > 100, `${files.length} files`);
  const answers = askPycaKeys(
    files.map((file) => ({ op: "load_file", kind: kindOf(file), path: file })),
  );
  let loaded = 0;
  let rejected = 0;
  let notYet = 0;
  const mismatches: string[] = [];
  for (const [index, file] of files.entries()) {
    const answer = answers[index];
    const kind = kindOf(file) as Kind;
    const name = path.relative(path.join(vectorsRoot(), "asymmetric"), file);
    const data = fs.readFileSync(file);
    if (answer?.ok) {
      const password =
        answer.password === null ? null : Buffer.from(answer.password as string, "hex");
      try {
        const key = loadHere(kind, data, password);
        if (spkiOf(key) !== answer.spki) mismatches.push(`${name}: another public key than PyCA's`);
        loaded++;
      } catch (error) {
        if (NOT_YET.has(answer.type as string) && error instanceof UnsupportedAlgorithm) {
          notYet++;
        } else {
          mismatches.push(`${name}: PyCA loads it (${answer.type}), hazmat threw ${error}`);
        }
      }
    } else {
      try {
        loadHere(kind, data, null);
        mismatches.push(
          `${name}: PyCA rejects it (${answer?.error}: ${answer?.message}), hazmat loads it`,
        );
      } catch (error) {
        const expected = answer?.error === "TypeError" || answer?.error === "UnsupportedAlgorithm";
        if (expected && (error as Error).name !== answer?.error) {
          mismatches.push(`${name}: PyCA ${answer?.error}: ${answer?.message}; hazmat ${error}`);
        }
        rejected++;
      }
    }
  }
  t.deepEqual(mismatches, []);
  t.log(
    `${loaded} loaded, ${rejected} rejected as PyCA does, ${notYet} of types hazmat lacks (DSA/DH)`,
  );
});
