/**
 * Worked example: an encrypted secrets file with key rotation (steps 1–4 of the cheat sheet),
 * in a temporary directory standing in for /etc/myapp.
 *
 * 1. Generate a master key and write it to a file readable only by its owner (0600).
 * 2. Encrypt a payload with it into secrets.enc.
 * 3. Rotate: a new key first, the old one second, in a MultiFernet; `rotate` re-encrypts the
 *    existing token under the new key, and readers accept both keys meanwhile.
 * 4. Destroy the old key: overwrite its file, then delete it. Tokens under only the old key
 *    become unreadable. (The filesystem may copy on write; rely on a KMS for hard guarantees.)
 *
 * Run with `npx tsx examples/secrets-file-rotation.ts`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Fernet, InvalidToken, MultiFernet } from "hazmat/fernet";
import { randomBytes } from "hazmat/random";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "myapp-"));
const keyPath = path.join(dir, "key");
const secretsPath = path.join(dir, "secrets.enc");
const oldKeyPath = path.join(dir, "old-key");

try {
  // Step 1: a master key in a sealed file.
  fs.writeFileSync(keyPath, Fernet.generateKey());
  fs.chmodSync(keyPath, 0o600);
  const mode = (fs.statSync(keyPath).mode & 0o777).toString(8);
  console.log(`step 1: key written, mode ${mode}`);

  // Step 2: encrypt a payload with the current key.
  const current = new Fernet(fs.readFileSync(keyPath));
  const token = current.encrypt(Buffer.from('{"db_password":"hunter2"}'));
  fs.writeFileSync(secretsPath, token);
  console.log(`step 2: secrets.enc written (${token.length} bytes)`);

  // Step 3: rotate. The current key becomes the old one; a new key takes first place.
  fs.renameSync(keyPath, oldKeyPath);
  const old = new Fernet(fs.readFileSync(oldKeyPath));
  const newKey = Fernet.generateKey();
  fs.writeFileSync(keyPath, newKey, { mode: 0o600 });
  const mf = new MultiFernet([new Fernet(newKey), old]); // ordered: new first, old second
  const oldToken = fs.readFileSync(secretsPath);
  const freshToken = mf.rotate(oldToken); // re-encrypts under the new key
  fs.writeFileSync(secretsPath, freshToken);
  const plain = mf.decrypt(freshToken);
  console.log(`step 3: rotated; plaintext intact: ${plain.toString()}`);
  console.log(
    `step 3: same timestamp: ${mf.extractTimestamp(oldToken) === mf.extractTimestamp(freshToken)}`,
  );
  console.log(
    `step 3: readers with both keys read the old token: ${mf.decrypt(oldToken).toString()}`,
  );

  // Step 4: destroy the old key: overwrite, then unlink.
  const size = fs.statSync(oldKeyPath).size;
  const handle = fs.openSync(oldKeyPath, "r+");
  fs.writeSync(handle, randomBytes(Math.max(size, 32)), 0, Math.max(size, 32), 0);
  fs.fsyncSync(handle);
  fs.closeSync(handle);
  fs.unlinkSync(oldKeyPath);
  console.log(`step 4: old key file gone: ${!fs.existsSync(oldKeyPath)}`);

  const survivor = new Fernet(fs.readFileSync(keyPath));
  console.log(
    `step 4: new key reads secrets.enc: ${survivor.decrypt(fs.readFileSync(secretsPath)).toString()}`,
  );
  try {
    survivor.decrypt(oldToken);
    console.log("step 4: token under the old key still readable (unexpected)");
  } catch (error) {
    const name = error instanceof InvalidToken ? "InvalidToken" : String(error);
    console.log(`step 4: token under only the old key is unreadable: ${name}`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
