/**
 * The OS source, end to end from JavaScript: a preloaded shim stands in for the kernel's answer
 * to getrandom(2) (ENOSYS, EPERM, EIO), and we check what a user sees. Linux/glibc only, where
 * the getrandom crate resolves getrandom through the dynamic linker.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import test from "ava";
import { runNodeJson } from "./helpers/child";

const isGlibcLinux =
  process.platform === "linux" &&
  Boolean(
    (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } })?.header
      ?.glibcVersionRuntime,
  );

function buildShim(): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "hazmat-shim-")), "getrandom_shim.so");
  execFileSync("cc", [
    "-shared",
    "-fPIC",
    "-O2",
    "-o",
    out,
    path.join(__dirname, "fixtures", "getrandom_shim.c"),
  ]);
  return out;
}

interface Observed {
  implementation: string;
  active: boolean;
  bytes?: string;
  error?: {
    name: string;
    code: string;
    message: string;
    errCode: { lib: string; reasonText: string }[];
  };
  builtinBytes?: string;
  afterRecovery?: string;
}

const observe = `
  const { backend } = require("hazmat/backends/openssl");
  const { randomBytes } = require("hazmat/random");
  const out = { implementation: backend.osrandomEngineImplementation(), active: backend.osrandomEngineActive() };
  if (process.env.FAIL_AFTER_LOAD) process.env.HAZMAT_TEST_GETRANDOM = process.env.FAIL_AFTER_LOAD;
  try { out.bytes = randomBytes(32).toString("hex"); }
  catch (e) { out.error = { name: e.name, code: e.code, message: e.message, errCode: e.errCode }; }
  backend.activateBuiltinRandom();
  out.builtinBytes = randomBytes(32).toString("hex");
  backend.activateOsrandomEngine();
  delete process.env.HAZMAT_TEST_GETRANDOM;
  out.afterRecovery = randomBytes(32).toString("hex");
  console.log(JSON.stringify(out));
`;

if (isGlibcLinux) {
  const shim = buildShim();

  test("with the real kernel source the engine reports getrandom and serves bytes", (t) => {
    const seen = runNodeJson<Observed>(observe, { env: { LD_PRELOAD: shim } });
    t.is(seen.implementation, "getrandom");
    t.regex(seen.bytes ?? "", /^[0-9a-f]{64}$/);
  });

  for (const errno of ["enosys", "eperm"]) {
    test(`getrandom(2) answering ${errno.toUpperCase()} is reported as the /dev/urandom fallback, which serves bytes`, (t) => {
      const seen = runNodeJson<Observed>(observe, {
        env: { LD_PRELOAD: shim, HAZMAT_TEST_GETRANDOM: errno },
      });
      t.is(seen.implementation, "/dev/urandom");
      t.true(seen.active);
      t.is(seen.error, undefined);
      t.regex(seen.bytes ?? "", /^[0-9a-f]{64}$/);
      t.not(seen.bytes, "0".repeat(64));
    });
  }

  test("a failing OS source is an InternalError naming osrandom_engine, and the process lives on", (t) => {
    const seen = runNodeJson<Observed>(observe, {
      env: { LD_PRELOAD: shim, FAIL_AFTER_LOAD: "eio" },
    });
    t.is(seen.implementation, "getrandom");
    t.is(seen.bytes, undefined, "no bytes are returned when the source fails");
    t.is(seen.error?.name, "InternalError");
    t.is(seen.error?.code, "ERR_HAZMAT_INTERNAL");
    t.regex(seen.error?.message ?? "", /osrandom_engine: getrandom\(\) syscall failed\./);
    t.deepEqual(seen.error?.errCode[0], {
      lib: "osrandom_engine",
      reasonText: "getrandom() syscall failed.",
    });
    // OpenSSL's own DRBG seeds itself without libc's getrandom, so it still works...
    t.regex(seen.builtinBytes ?? "", /^[0-9a-f]{64}$/);
    // ...and the engine recovers as soon as the source does.
    t.regex(seen.afterRecovery ?? "", /^[0-9a-f]{64}$/);
  });
} else {
  test("OS-source fault injection needs glibc Linux (LD_PRELOAD)", (t) => {
    t.log(`not run on ${process.platform}; see crates/osrandom unit tests for injected failures`);
    t.pass();
  });
}
