/**
 * FAQ: "How do I store an RSA private key with a passphrase?" — PKCS#8 PEM encrypted with
 * BestAvailableEncryption, written to a file and loaded back with the passphrase as bytes.
 *
 *   npx tsx examples/pkcs8-passphrase.ts [directory]
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ValueError } from "hazmat/exceptions";
import * as rsa from "hazmat/primitives/asymmetric/rsa";
import {
  BestAvailableEncryption,
  Encoding,
  loadPemPrivateKey,
  PrivateFormat,
} from "hazmat/primitives/serialization";

const directory = process.argv[2] ?? mkdtempSync(path.join(tmpdir(), "hazmat-pkcs8-"));
const keyFile = path.join(directory, "signing-key.pem");

const priv = rsa.generatePrivateKey(65537, 3072);
const pem = priv.privateBytes(
  Encoding.PEM,
  PrivateFormat.PKCS8,
  new BestAvailableEncryption(Buffer.from("correct horse")),
);
writeFileSync(keyFile, pem, { mode: 0o600 });

const loaded = loadPemPrivateKey(
  readFileSync(keyFile),
  Buffer.from("correct horse"),
) as rsa.RSAPrivateKey;
const samePublic = loaded.publicKey().equals(priv.publicKey());
console.log(`pem header      ${pem.toString("latin1").split("\n")[0]}`);
console.log(`loaded          ${loaded}`);
console.log(`same key        ${samePublic}`);
try {
  loadPemPrivateKey(readFileSync(keyFile), Buffer.from("wrong horse"));
  console.log("wrong password  accepted (this must not happen)");
} catch (error) {
  if (!(error instanceof ValueError)) throw error;
  console.log("wrong password  ValueError");
}
