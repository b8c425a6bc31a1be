/** The package's import paths (API.md §2) work with both `require` and `import`. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import test from "ava";
import { repoRoot, runNode, runNodeJson } from "./helpers/child";

const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  exports: Record<string, unknown>;
};
const subpaths = Object.keys(manifest.exports)
  .filter((key) => key !== "./package.json")
  .map((key) => (key === "." ? "hazmat" : `hazmat/${key.slice(2)}`));

const expectedExports: Record<string, string[]> = {
  hazmat: ["backend", "randomBytes"],
  "hazmat/backends": ["defaultBackend"],
  "hazmat/backends/openssl": ["backend", "Backend"],
  "hazmat/exceptions": [
    "InvalidSignature",
    "InvalidTag",
    "InvalidKey",
    "UnsupportedAlgorithm",
    "AlreadyFinalized",
    "AlreadyUpdated",
    "NotYetFinalized",
    "InternalError",
    "ValueError",
    "_Reasons",
  ],
  "hazmat/random": ["randomBytes", "randomFill", "randomBytesAsync", "randomFillAsync"],
};

test("every subpath in package.json has its expected exports listed here", (t) => {
  t.deepEqual([...subpaths].sort(), Object.keys(expectedExports).sort());
});

for (const specifier of subpaths) {
  const names = expectedExports[specifier] ?? [];

  test(`require("${specifier}") exposes ${names.join(", ")}`, (t) => {
    const seen = runNodeJson<string[]>(
      `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`,
    );
    for (const name of names) t.true(seen.includes(name), `${name} in ${seen.join(",")}`);
  });

  test(`import { … } from "${specifier}" exposes the same names`, (t) => {
    const result = runNode(
      `import { ${names.join(", ")} } from ${JSON.stringify(specifier)};
       console.log(JSON.stringify([${names.join(", ")}].map((v) => typeof v)));`,
      { args: ["--input-type=module"] },
    );
    t.is(result.status, 0, result.stderr);
    const types = JSON.parse(result.stdout) as string[];
    t.true(types.every((type) => type !== "undefined"));
  });
}

test("require and import see the same backend object (no dual-package hazard)", (t) => {
  const result = runNode(
    `import { createRequire } from "node:module";
     import { backend } from "hazmat/backends/openssl";
     const required = createRequire(process.cwd() + "/")("hazmat/backends/openssl").backend;
     console.log(backend === required);`,
    { args: ["--input-type=module"] },
  );
  t.is(result.stdout.trim(), "true", result.stderr);
});

test("internal files are not importable", (t) => {
  const result = runNode(`require("hazmat/dist/lib/native.js")`);
  t.not(result.status, 0);
  t.regex(result.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
});
