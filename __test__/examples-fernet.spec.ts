/** The Fernet examples run as a user would run them, each in a fresh process. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import test from "ava";
import { repoRoot } from "./helpers/child";

/**
 * Runs an example with a temporary directory of its own as TMPDIR (where the examples keep their
 * files), which must be left empty.
 */
function runExample(name: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hazmat-example-"));
  try {
    const result = spawnSync(
      process.execPath,
      ["--import=tsx", path.join(repoRoot, "examples", name)],
      { cwd: repoRoot, encoding: "utf8", timeout: 60_000, env: { ...process.env, TMPDIR: tmp } },
    );
    if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
    // tsx keeps its compile cache in TMPDIR too ("tsx-<uid>").
    const left = fs.readdirSync(tmp).filter((entry) => !entry.startsWith("tsx-"));
    if (left.length !== 0) throw new Error(`${name} left files behind`);
    return result.stdout;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

test("recipe 1: Fernet round trip, and InvalidToken on tamper, wrong key and expiry", (t) => {
  const out = runExample("fernet-recipe.ts");
  t.is(
    out,
    [
      "session=abc123;user=42",
      "tampered token: InvalidToken",
      "wrong key: InvalidToken",
      "expired (ttl 60 s, read 61 s later): InvalidToken",
      "",
    ].join("\n"),
  );
});

test("worked example: secrets file with key rotation, steps 1-4", (t) => {
  const out = runExample("secrets-file-rotation.ts");
  t.regex(out, /^step 1: key written, mode 600$/m);
  t.regex(out, /^step 2: secrets\.enc written \(\d+ bytes\)$/m);
  t.regex(out, /^step 3: rotated; plaintext intact: \{"db_password":"hunter2"\}$/m);
  t.regex(out, /^step 3: same timestamp: true$/m);
  t.regex(out, /^step 3: readers with both keys read the old token: \{"db_password":"hunter2"\}$/m);
  t.regex(out, /^step 4: old key file gone: true$/m);
  t.regex(out, /^step 4: new key reads secrets\.enc: \{"db_password":"hunter2"\}$/m);
  t.regex(out, /^step 4: token under only the old key is unreadable: InvalidToken$/m);
  t.false(out.includes("unexpected"));
});
