/** examples/scrypt-password.ts (recipe 3) runs as a user would run it and prints what it says. */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import test from "ava";
import { Scrypt } from "hazmat/primitives/kdf/scrypt";
import { repoRoot } from "./helpers/child";

test("scrypt-password prints a 32-byte key's length and its fresh salt, and refuses a wrong password", (t) => {
  const run = () =>
    spawnSync(
      process.execPath,
      ["--import=tsx", path.join(repoRoot, "examples", "scrypt-password.ts")],
      {
        cwd: repoRoot,
        encoding: "utf8",
        timeout: 60_000,
      },
    );
  const first = run();
  t.is(first.status, 0, first.stderr);
  const match = /^32 ([0-9a-f]{32})\nwrong password refused: Keys do not match\.\n$/.exec(
    first.stdout,
  );
  t.truthy(match, first.stdout);
  const second = run();
  t.not(second.stdout, first.stdout, "each run draws a new salt");
  // The printed salt is usable: deriving with it works and gives 32 bytes.
  const salt = Buffer.from(match?.[1] ?? "", "hex");
  t.is(
    new Scrypt(salt, 32, 2 ** 15, 8, 1).derive(Buffer.from("correct horse battery staple")).length,
    32,
  );
});
