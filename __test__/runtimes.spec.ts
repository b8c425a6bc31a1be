/**
 * hazmat under the other runtimes it targets: Bun (whose host TLS library is BoringSSL, as in
 * Electron) and Deno. Each runs __test__/fixtures/runtime-smoke.cjs with the npm-installed
 * runtime binaries (devDependencies `bun` and `deno`).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import test from "ava";
import { repoRoot } from "./helpers/child";

interface Smoke {
  text: string;
  active: boolean;
  impl: string;
  roundtrip: string;
  sha: string;
  streamedSha: string;
  copiedSha: string;
  chacha: string;
  tamperedIsInvalidTag: boolean;
  siv: string;
  wrongTypeIsTypeError: boolean;
  hmac: string;
  hostOpenssl: string | null;
  boringssl: string | null;
}

function runUnder(runtime: "bun" | "deno"): Smoke {
  const binary = path.join(repoRoot, "node_modules", ".bin", runtime);
  const script = path.join("__test__", "fixtures", "runtime-smoke.cjs");
  const args = runtime === "deno" ? ["run", "-A", script] : [script];
  const result = spawnSync(binary, args, {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
  });
  if (result.status !== 0)
    throw new Error(`${runtime} exited with ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop() ?? "null") as Smoke;
}

for (const runtime of ["bun", "deno"] as const) {
  test(`${runtime}: the addon loads, the engine is active, and the AEAD, hash and HMAC paths work`, (t) => {
    const seen = runUnder(runtime);
    t.regex(seen.text, /^OpenSSL 3\.5\./);
    t.true(seen.active);
    t.is(seen.impl, "getrandom");
    t.is(seen.roundtrip, "hello");
    // FIPS 180-2 "abc".
    t.is(seen.sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // The raw Node-API paths: a streamed and a copied digest (SHA-256 of "a"), AEADs with AAD,
    // a tamper, a wrong type, and HMAC-SHA256 of the pangram under "key" (its published value).
    t.is(seen.streamedSha, seen.sha);
    t.is(seen.copiedSha, "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    t.is(seen.chacha, "chacha");
    t.true(seen.tamperedIsInvalidTag);
    t.is(seen.siv, "siv");
    t.true(seen.wrongTypeIsTypeError);
    t.is(seen.hmac, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  });
}

test("bun hosts BoringSSL, and hazmat's OpenSSL lives beside it untouched", (t) => {
  const seen = runUnder("bun");
  t.truthy(seen.boringssl, "Bun reports its BoringSSL revision");
  t.false(seen.text.includes(seen.hostOpenssl ?? "no host openssl"));
});
