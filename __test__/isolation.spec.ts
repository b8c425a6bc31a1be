/**
 * hazmat's OpenSSL is private to the addon: its symbols never leak into the process (where Node's
 * OpenSSL, or BoringSSL in Electron and Bun, lives), and using hazmat changes nothing in
 * node:crypto.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import test from "ava";
import { repoRoot, runNodeJson } from "./helpers/child";

const OPENSSL_SYMBOL =
  /^(OPENSSL_|OSSL_|EVP_|RAND_|ERR_|BN_|BIO_|SSL_|CRYPTO_|X509|PEM_|RSA_|EC_|ENGINE_|ASN1_|PKCS|OBJ_|DH_|DSA_|HMAC|CMAC|SHA\d|MD5|AES_|OpenSSL_|d2i_|i2d_)/;

function addonPath(): string | undefined {
  const abi = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } };
  const suffix =
    process.platform === "linux" ? (abi?.header?.glibcVersionRuntime ? "-gnu" : "-musl") : "";
  const file = path.join(repoRoot, `hazmat.${process.platform}-${process.arch}${suffix}.node`);
  return existsSync(file) ? file : undefined;
}

function dynamicSymbols(file: string, which: "--defined-only" | "--undefined-only"): string[] {
  return execFileSync("nm", ["-D", which, file], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().split(/\s+/).pop() ?? "")
    .filter((name) => name.length > 0)
    .map((name) => name.replace(/@.*$/, ""));
}

const addon = addonPath();

if (process.platform === "linux" && addon !== undefined) {
  test("the addon exports only its Node-API entry points", (t) => {
    const exported = dynamicSymbols(addon, "--defined-only");
    t.deepEqual(
      exported.filter(
        (name) => !/^(napi_register_module_v1|node_api_module_get_api_version_v1)$/.test(name),
      ),
      [],
    );
    t.true(exported.includes("napi_register_module_v1"));
  });

  test("the addon imports no OpenSSL symbol from the process", (t) => {
    const imported = dynamicSymbols(addon, "--undefined-only");
    t.true(imported.includes("malloc"), "sanity: the import table was read");
    t.deepEqual(
      imported.filter((name) => OPENSSL_SYMBOL.test(name)),
      [],
    );
  });

  test("the addon links no libssl or libcrypto", (t) => {
    const linked = execFileSync("ldd", [addon], { encoding: "utf8" });
    t.notRegex(linked, /libssl|libcrypto/);
    t.regex(linked, /libc\.so/);
  });
} else {
  test("symbol-isolation checks need the built linux addon", (t) => {
    t.log(`not run on ${process.platform}: nm/ldd checks are Linux-only`);
    t.pass();
  });
}

interface CryptoSnapshot {
  opensslVersion: string;
  sha256: string;
  hmac: string;
  randomLength: number;
  randomDiffers: boolean;
  fips: number;
  ciphers: number;
}

const snapshot = `
  const crypto = require("node:crypto");
  function snap() {
    const a = crypto.randomBytes(32), b = crypto.randomBytes(32);
    const filled = crypto.getRandomValues(new Uint8Array(16));
    return {
      opensslVersion: process.versions.openssl,
      sha256: crypto.createHash("sha256").update("abc").digest("hex"),
      hmac: crypto.createHmac("sha256", "key").update("The quick brown fox jumps over the lazy dog").digest("hex"),
      randomLength: a.length + filled.length,
      randomDiffers: !a.equals(b),
      fips: crypto.getFips(),
      ciphers: crypto.getCiphers().length,
    };
  }
`;

test("loading hazmat and switching its engine leaves node:crypto unchanged", (t) => {
  const result = runNodeJson<{ before: CryptoSnapshot; after: CryptoSnapshot[]; ours: string }>(`
    ${snapshot}
    const before = snap();
    const { backend } = require("hazmat/backends/openssl");
    const { randomBytes } = require("hazmat/random");
    const after = [];
    randomBytes(64);
    after.push(snap());
    backend.activateBuiltinRandom();
    randomBytes(64);
    after.push(snap());
    backend.activateOsrandomEngine();
    after.push(snap());
    console.log(JSON.stringify({ before, after, ours: backend.opensslVersionText() }));
  `);
  for (const after of result.after) t.deepEqual(after, result.before);
  t.true(result.before.randomDiffers);
  // Well-known answers (FIPS 180-2 "abc"; the Wikipedia HMAC example) prove node:crypto still computes.
  t.is(result.before.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  t.is(result.before.hmac, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  t.false(result.ours.includes(result.before.opensslVersion));
});

test("hazmat's OpenSSL ignores OPENSSL_CONF, which belongs to the host's OpenSSL", (t) => {
  // If our OpenSSL read this file, default_properties "fips=yes" would leave it no DRBG to
  // fetch (hazmat has no FIPS provider) and randomBytes from the built-in DRBG would fail.
  const dir = mkdtempSync(path.join(tmpdir(), "hazmat-conf-"));
  const conf = path.join(dir, "openssl.cnf");
  writeFileSync(
    conf,
    [
      "openssl_conf = openssl_init",
      "[openssl_init]",
      "alg_section = algorithm_sect",
      "[algorithm_sect]",
      "default_properties = fips=yes",
      "",
    ].join("\n"),
  );
  const seen = runNodeJson<{ builtin: number; engine: number }>(
    `
    const { backend } = require("hazmat/backends/openssl");
    const { randomBytes } = require("hazmat/random");
    backend.activateBuiltinRandom();
    const builtin = randomBytes(32).length;
    backend.activateOsrandomEngine();
    console.log(JSON.stringify({ builtin, engine: randomBytes(32).length }));
  `,
    { env: { OPENSSL_CONF: conf } },
  );
  t.deepEqual(seen, { builtin: 32, engine: 32 });
});
