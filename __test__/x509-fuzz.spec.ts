/**
 * Malformed X.509 input never crashes, hangs or throws an undocumented error: a seeded loop
 * (`helpers/x509-fuzz.ts`) of random bytes, truncations and byte mutations of real
 * certificates, CSRs and CRLs, DER and PEM, through every loader and every getter. The main run
 * is in a child process so a native crash fails this test instead of killing the runner.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import test from "ava";
import { ValueError } from "hazmat/exceptions";
import { repoRoot } from "./helpers/child.js";
import { type FuzzResult, fuzzX509, isDocumentedError } from "./helpers/x509-fuzz.js";

const SCRIPT = path.join(repoRoot, "__test__", "helpers", "x509-fuzz.ts");

function inChild(seed: number, count: number): FuzzResult {
  const child = spawnSync(process.execPath, ["--import=tsx", SCRIPT, String(seed), String(count)], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 110_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) {
    throw new Error(
      `fuzz child (seed ${seed}) died: status ${child.status}, signal ${child.signal}\n${child.stderr.slice(-4000)}`,
    );
  }
  const lines = child.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "null") as FuzzResult;
}

test("4000 mutated certificates, CSRs and CRLs: documented errors only, no crash", (t) => {
  const result = inChild(0x509, 4000);
  t.is(result.inputs, 4000);
  // Some mutations must survive the loaders, or the getters were never exercised.
  t.true(result.loaded > 100, `only ${result.loaded} inputs loaded`);
  t.true(result.calls > 28_000);
  t.deepEqual(result.failures, []);
});

test("the loop runs in process too, with the same outcome for the same seed", (t) => {
  const child = inChild(7, 300);
  const here = fuzzX509(7, 300);
  t.deepEqual(here, child);
  t.deepEqual(here.failures, []);
});

test("the error check of the loop accepts hazmat's classes and nothing else", (t) => {
  t.true(isDocumentedError(new ValueError("bad")));
  t.false(isDocumentedError(new Error("bad")));
  t.false(isDocumentedError(new RangeError("bad")));
  t.false(isDocumentedError(new TypeError("no code")));
  t.false(isDocumentedError("a string"));
});
