/** examples/rsa-pss-signing.ts (recipe 2) runs as a user would run it. */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import test from "ava";
import { repoRoot } from "./helpers/child";

test("recipe 2: RSA-3072 PSS signs, verifies, and rejects a tampered payload", (t) => {
  const result = spawnSync(
    process.execPath,
    ["--import=tsx", path.join(repoRoot, "examples", "rsa-pss-signing.ts")],
    { cwd: repoRoot, encoding: "utf8", timeout: 60_000 },
  );
  t.is(result.status, 0, result.stderr);
  t.regex(result.stdout, /key\s+<RSAPrivateKey \(3072 bits\)>/);
  t.regex(result.stdout, /signature bytes 384/);
  t.regex(result.stdout, /verify\s+ok/);
  t.regex(result.stdout, /tampered\s+InvalidSignature/);
});
