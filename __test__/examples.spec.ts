/** The examples run as a user would run them (`npm start` runs examples/quickstart.ts). */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import { repoRoot } from "./helpers/child";

function runExample(name: string): string {
  const result = spawnSync(
    process.execPath,
    ["--import=tsx", path.join(repoRoot, "examples", name)],
    {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
  return result.stdout;
}

test("quickstart prints the backend, both OpenSSLs, the engine state and random bytes", (t) => {
  const out = runExample("quickstart.ts");
  t.regex(out, /backend\.name\s+openssl/);
  t.true(out.includes(backend.opensslVersionText()));
  t.regex(
    out,
    new RegExp(
      `version number\\s+0x${backend.opensslVersionNumber().toString(16).padStart(8, "0")}`,
    ),
  );
  t.true(out.includes(`Node's own OpenSSL              ${process.versions.openssl}`));
  t.regex(out, /OS random engine active\s+true/);
  t.regex(out, new RegExp(`OS random source\\s+${backend.osrandomEngineImplementation()}`));
  const draws = [
    ...out.matchAll(/bytes (?:through the engine|from OpenSSL's DRBG)\s+([0-9a-f]{32})/g),
  ].map((m) => m[1]);
  t.is(draws.length, 2);
  t.not(draws[0], draws[1]);
});
