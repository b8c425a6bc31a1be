/** The key examples run as a user would run them, in a temporary directory. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import test from "ava";
import { repoRoot } from "./helpers/child";

function runExample(name: string, args: string[] = []): string {
  const result = spawnSync(
    process.execPath,
    ["--import=tsx", path.join(repoRoot, "examples", name), ...args],
    { cwd: repoRoot, encoding: "utf8", timeout: 60_000 },
  );
  if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
  return result.stdout;
}

test("FAQ: a passphrase-protected PKCS#8 PEM round-trips through a file", (t) => {
  const directory = mkdtempSync(path.join(tmpdir(), "hazmat-example-"));
  const out = runExample("pkcs8-passphrase.ts", [directory]);
  t.regex(out, /pem header\s+-----BEGIN ENCRYPTED PRIVATE KEY-----/);
  t.regex(out, /loaded\s+<RSAPrivateKey \(3072 bits\)>/);
  t.regex(out, /same key\s+true/);
  t.regex(out, /wrong password\s+ValueError/);
  const keyFile = path.join(directory, "signing-key.pem");
  t.true(existsSync(keyFile));
  t.is(statSync(keyFile).mode & 0o777, 0o600);
});

test("Ed25519 signing service: sign with the loaded key, verify with the published raw key", (t) => {
  const out = runExample("ed25519-signing-service.ts");
  t.regex(out, /public key\s+[0-9a-f]{64}/);
  t.regex(out, /signature bytes 64/);
  t.regex(out, /verify\s+ok/);
  t.regex(out, /tampered\s+InvalidSignature/);
});
