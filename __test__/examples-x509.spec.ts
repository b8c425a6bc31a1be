/**
 * The X.509 examples (cheat-sheet recipes 4 and 5) run as a user would run them, each in a
 * fresh process with a temporary directory as its working directory; what they write is checked
 * with the `openssl` command line.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import test from "ava";
import { repoRoot } from "./helpers/child.js";

// The examples run with a temporary directory as their working directory, where the bare
// specifier "tsx" does not resolve: hand node the loader by path.
const TSX = pathToFileURL(path.join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs")).href;

function runExample(name: string, cwd: string): string {
  const result = spawnSync(
    process.execPath,
    [`--import=${TSX}`, path.join(repoRoot, "examples", name)],
    { cwd, encoding: "utf8", timeout: 90_000 },
  );
  if (result.status !== 0) {
    throw new Error(`${name} failed (${result.status}): ${result.stderr}\n${result.stdout}`);
  }
  return result.stdout;
}

function openssl(...args: string[]): { status: number | null; out: string } {
  const result = spawnSync("openssl", args, { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

test("recipe 4: a self-signed RSA-2048 certificate for myhost.local that openssl reads", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hazmat-x509-example-"));
  try {
    const out = runExample("x509-self-signed.ts", dir);
    t.regex(out, /key\s+<RSAPrivateKey \(2048 bits\)>/);
    t.regex(out, /subject\s+CN=myhost\.local/);
    t.regex(out, /SAN\s+myhost\.local/);
    t.regex(out, /cert\.pem\s+written/);
    const cert = path.join(dir, "cert.pem");
    t.true(fs.existsSync(cert));

    const text = openssl("x509", "-in", cert, "-noout", "-text");
    t.is(text.status, 0, text.out);
    t.regex(text.out, /Subject: CN\s?=\s?myhost\.local/);
    t.regex(text.out, /Issuer: CN\s?=\s?myhost\.local/);
    t.regex(text.out, /Public-Key: \(2048 bit\)/);
    t.regex(text.out, /Signature Algorithm: sha256WithRSAEncryption/);
    t.regex(text.out, /X509v3 Subject Alternative Name:\s*\n\s*DNS:myhost\.local/);

    // 90 days of validity, starting now (a minute of slack for a slow machine).
    const dates = openssl(
      "x509",
      "-in",
      cert,
      "-noout",
      "-startdate",
      "-enddate",
      "-dateopt",
      "iso_8601",
    );
    t.is(dates.status, 0, dates.out);
    const start = Date.parse(/notBefore=(.*)/.exec(dates.out)?.[1]?.trim() ?? "");
    const end = Date.parse(/notAfter=(.*)/.exec(dates.out)?.[1]?.trim() ?? "");
    t.true(Math.abs(start - Date.now()) < 120_000, `notBefore ${start}`);
    t.is(end - start, 90 * 86_400_000);

    // Self-signed: it verifies against itself, and only against itself.
    const verify = openssl("verify", "-CAfile", cert, cert);
    t.is(verify.status, 0, verify.out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("recipe 5: mTLS with hazmat-issued certificates; a client without one is refused", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hazmat-x509-example-"));
  try {
    const out = runExample("x509-mtls.ts", dir);
    t.regex(out, /server cert\s+CN=localhost,O=hazmat example/);
    t.regex(out, /client cert\s+CN=client-42,O=hazmat example/);
    t.regex(out, /listening\s+127\.0\.0\.1:\d+/);
    t.regex(out, /server saw\s+CN=client-42 \(authorized: true\)/);
    t.regex(out, /client got\s+hello client-42, you said: ping/);
    t.regex(out, /no cert\s+rejected: client sees ".*certificate required"/);
    t.regex(out, /server says "peer did not return a certificate"/);
    t.notRegex(out, /this must not happen/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
