import test from "ava";
import { backend as rootBackend } from "hazmat";
import { defaultBackend } from "hazmat/backends";
import { backend } from "hazmat/backends/openssl";
import { randomBytes } from "hazmat/random";
import { runNodeJson } from "./helpers/child";

test.serial.afterEach.always(() => {
  backend.activateOsrandomEngine();
});

test("backend.name is openssl, and the same object everywhere", (t) => {
  t.is(backend.name, "openssl");
  t.is(rootBackend, backend);
  t.is(defaultBackend(), backend);
});

test("opensslVersionText is our OpenSSL 3.5, not Node's", (t) => {
  const text = backend.opensslVersionText();
  t.regex(text, /^OpenSSL 3\.5\.\d+ /);
  t.false(text.includes(process.versions.openssl), `Node's OpenSSL is ${process.versions.openssl}`);
});

test("opensslVersionNumber is positive and agrees with the text", (t) => {
  const number = backend.opensslVersionNumber();
  t.true(number > 0);
  const match = /^OpenSSL (\d+)\.(\d+)\.(\d+)/.exec(backend.opensslVersionText());
  t.truthy(match);
  const [major, minor, patch] = (match ?? []).slice(1).map(Number) as [number, number, number];
  t.is((number >>> 28) & 0xf, major);
  t.is((number >>> 20) & 0xff, minor);
  t.is((number >>> 4) & 0xff, patch);
});

test("the engine is active in a fresh process, before any call", (t) => {
  const state = runNodeJson<{ active: boolean; implementation: string }>(`
    const { backend } = require("hazmat/backends/openssl");
    console.log(JSON.stringify({
      active: backend.osrandomEngineActive(),
      implementation: backend.osrandomEngineImplementation(),
    }));
  `);
  t.true(state.active);
  t.is(state.implementation, backend.osrandomEngineImplementation());
});

test("osrandomEngineImplementation names a source of this platform", (t) => {
  const valid: Record<string, string[]> = {
    linux: ["getrandom", "/dev/urandom"],
    android: ["getrandom", "/dev/urandom"],
    darwin: ["getentropy"],
    openbsd: ["getentropy"],
    freebsd: ["getrandom"],
    win32: ["ProcessPrng", "RtlGenRandom"],
  };
  const name = backend.osrandomEngineImplementation();
  t.true((valid[process.platform] ?? [name]).includes(name), name);
});

test.serial("builtin then osrandom, each twice; bytes flow in every state", (t) => {
  backend.activateBuiltinRandom();
  backend.activateBuiltinRandom();
  t.false(backend.osrandomEngineActive());
  const fromBuiltin = randomBytes(500);
  t.true(fromBuiltin.some((b) => b !== 0));

  backend.activateOsrandomEngine();
  backend.activateOsrandomEngine();
  t.true(backend.osrandomEngineActive());
  const fromEngine = randomBytes(500);
  t.true(fromEngine.some((b) => b !== 0));
  t.notDeepEqual(fromBuiltin, fromEngine);
});

test.serial("registerOsrandomEngine / unregisterOsrandomEngine keep the oldest semantics", (t) => {
  // unregister: restores OpenSSL's CSPRNG if the engine is the default...
  t.true(backend.osrandomEngineActive());
  backend.unregisterOsrandomEngine();
  t.false(backend.osrandomEngineActive());
  // ...and changes nothing if it is not.
  backend.unregisterOsrandomEngine();
  t.false(backend.osrandomEngineActive());
  // register: makes it the default, idempotently.
  backend.registerOsrandomEngine();
  backend.registerOsrandomEngine();
  t.true(backend.osrandomEngineActive());
});

test("toString shows the backend and its OpenSSL", (t) => {
  t.is(String(backend), `<hazmat backend "openssl" (${backend.opensslVersionText()})>`);
});
