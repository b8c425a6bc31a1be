/**
 * The raw Node-API paths (crates/hazmat/src/fast.rs, src/lib/fast.ts): what they compute through
 * the public API when buffers overlap, and that a wrong call below the façade is an exception,
 * never a crash or a write out of bounds.
 */
import { createHash as createHashNode } from "node:crypto";
import test from "ava";
import {
  AlreadyFinalized,
  ERR_HAZMAT_INVALID_TYPE,
  InternalError,
  ValueError,
} from "hazmat/exceptions";
import {
  AESCCM,
  AESGCM,
  AESGCMSIV,
  AESOCB3,
  AESSIV,
  ChaCha20Poly1305,
} from "hazmat/primitives/ciphers/aead";
import { hash, SHA256 } from "hazmat/primitives/hashes";
import { HMAC } from "hazmat/primitives/hmac";
import { type AeadHandle, createAead, createHash, fast } from "../dist/lib/fast.js";
import { callNative, native } from "../dist/lib/native.js";

/** The native hash table row of SHA-256. */
const SHA256_ID = native.hashAlgorithmInfo("sha256")?.id ?? -1;

const aeads = [
  { name: "AESGCM", make: () => new AESGCM(Buffer.alloc(16, 1)), nonce: 12, tag: 16 },
  {
    name: "ChaCha20Poly1305",
    make: () => new ChaCha20Poly1305(Buffer.alloc(32, 2)),
    nonce: 12,
    tag: 16,
  },
  { name: "AESCCM", make: () => new AESCCM(Buffer.alloc(16, 3)), nonce: 13, tag: 16 },
  { name: "AESOCB3", make: () => new AESOCB3(Buffer.alloc(16, 4)), nonce: 12, tag: 16 },
  { name: "AESGCMSIV", make: () => new AESGCMSIV(Buffer.alloc(32, 5)), nonce: 12, tag: 16 },
];

const pattern = (length: number, seed: number) =>
  Buffer.from(Array.from({ length }, (_, i) => (i * 29 + seed) & 0xff));

for (const { name, make, nonce: nonceLength, tag } of aeads) {
  test(`${name}: encryptInto/decryptInto with the output over the input give the plain results`, (t) => {
    const aead = make();
    for (const size of [0, 1, 64, 200, 5000]) {
      const nonce = pattern(nonceLength, size);
      const plaintext = pattern(size, 7);
      const aad = pattern(20, 9);
      const sealed = aead.encrypt(nonce, plaintext, aad);

      // Data in place: the message sits at the start of the output buffer.
      const inPlace = Buffer.alloc(size + tag);
      plaintext.copy(inPlace);
      t.is(aead.encryptInto(nonce, inPlace.subarray(0, size), aad, inPlace), size + tag);
      t.deepEqual(inPlace, sealed, `${size} B sealed in place`);
      t.is(aead.decryptInto(nonce, inPlace, aad, inPlace), size);
      t.deepEqual(inPlace.subarray(0, size), plaintext, `${size} B opened in place`);

      // Nonce and associated data inside the output buffer too.
      const shared = Buffer.alloc(size + tag + 64);
      nonce.copy(shared, 8);
      aad.copy(shared, 30);
      const out = aead.encryptInto(
        shared.subarray(8, 8 + nonceLength),
        plaintext,
        shared.subarray(30, 50),
        shared,
      );
      t.is(out, size + tag);
      t.deepEqual(shared.subarray(0, out), sealed, `${size} B with nonce and aad in the output`);
    }
  });
}

test("AESSIV: associated-data items inside the output buffer are read before it is written", (t) => {
  const siv = new AESSIV(Buffer.alloc(32, 6));
  const aads = [pattern(10, 1), pattern(33, 2)];
  const plaintext = pattern(48, 3);
  const sealed = siv.encrypt(plaintext, aads);
  const shared = Buffer.alloc(100);
  (aads[0] as Buffer).copy(shared, 0);
  (aads[1] as Buffer).copy(shared, 40);
  siv.encryptInto(plaintext, [shared.subarray(0, 10), shared.subarray(40, 73)], shared);
  t.deepEqual(shared.subarray(0, 64), sealed);
});

test("hash and HMAC: the raw one-shot paths agree with node:crypto and with streaming", (t) => {
  for (const size of [0, 1, 64, 1000, 20_000]) {
    const data = pattern(size, 11);
    t.deepEqual(hash(new SHA256(), data), createHashNode("sha256").update(data).digest());
    const mac = new HMAC(pattern(32, 5), new SHA256());
    mac.update(data);
    const streamed = new HMAC(pattern(32, 5), new SHA256());
    for (let i = 0; i < size; i += 100) streamed.update(data.subarray(i, i + 100));
    t.deepEqual(mac.finalize(), streamed.finalize(), `${size} B`);
  }
});

const typeError = { code: ERR_HAZMAT_INVALID_TYPE };

test("raw AEAD calls with a wrong handle, wrong argument types or missing arguments throw", (t) => {
  const aead = createAead("AESGCM", Buffer.alloc(16), 16);
  const nonce = Buffer.alloc(12);
  const data = Buffer.alloc(16);
  const out = Buffer.alloc(32);
  const seal = (...args: unknown[]) =>
    callNative(() => (fast.aeadSeal as (...a: unknown[]) => number)(...args));
  for (const handle of [null, undefined, 1, "aead", {}, nonce, Symbol("x")]) {
    t.throws(() => seal(handle, nonce, data, null, out), typeError, String(handle));
  }
  t.throws(() => seal(aead, "nonce", data, null, out), typeError);
  t.throws(() => seal(aead, nonce, [1, 2, 3], null, out), typeError);
  t.throws(() => seal(aead, nonce, data, 42, out), typeError);
  t.throws(() => seal(aead, nonce, data, [Buffer.alloc(1), "x"], out), typeError);
  t.throws(() => seal(aead, nonce, data, null, null), typeError);
  t.throws(() => seal(aead, nonce, data), typeError);
  t.throws(() => seal(), typeError);
  t.throws(() => seal(aead, nonce, data, null, Buffer.alloc(31)), { instanceOf: ValueError });
  t.throws(() => seal(aead, nonce, data, null, Buffer.alloc(0)), { instanceOf: ValueError });
  // The handle still works after all that, and the output is what the class gives.
  t.is(seal(aead, nonce, data, null, out), 32);
  t.deepEqual(out, new AESGCM(Buffer.alloc(16)).encrypt(nonce, data, null));
});

test("raw calls report a ChaCha20Poly1305 nonce of the wrong size as a ValueError", (t) => {
  const aead: AeadHandle = createAead("ChaCha20Poly1305", Buffer.alloc(32), 16);
  for (const size of [0, 8, 11, 13, 24]) {
    t.throws(
      () =>
        callNative(() =>
          fast.aeadSeal(aead, Buffer.alloc(size), Buffer.alloc(4), null, Buffer.alloc(20)),
        ),
      { instanceOf: ValueError, message: /12 bytes/ },
    );
    t.throws(
      () =>
        callNative(() =>
          fast.aeadOpen(aead, Buffer.alloc(size), Buffer.alloc(20), null, Buffer.alloc(4)),
        ),
      { instanceOf: ValueError, message: /12 bytes/ },
    );
  }
});

test("raw hash and HMAC calls with bad rows, types or short outputs throw", (t) => {
  const call = (name: "hashInto" | "hmacInto", ...args: unknown[]) =>
    callNative(() => (fast[name] as (...a: unknown[]) => number)(...args));
  const data = Buffer.alloc(10);
  t.throws(() => call("hashInto", -1, 32, data, Buffer.alloc(32)), typeError);
  t.throws(() => call("hashInto", "sha256", 32, data, Buffer.alloc(32)), typeError);
  t.throws(() => call("hashInto", 10_000, 32, data, Buffer.alloc(32)));
  t.throws(() => call("hashInto", 0, 32, "data", Buffer.alloc(32)), typeError);
  t.throws(() => call("hmacInto", 0, null, data, Buffer.alloc(64)), typeError);
  t.throws(() => call("hmacInto", 2 ** 40, data, data, Buffer.alloc(64)), typeError);
  for (const error of [
    t.throws(() => call("hashInto", 0, 32, data, Buffer.alloc(1))),
    t.throws(() => call("hmacInto", 0, data, data, Buffer.alloc(1))),
  ]) {
    t.true(error instanceof ValueError || error instanceof InternalError, String(error));
  }
});

test("thousands of AEAD handles are created and collected without trouble", (t) => {
  const nonce = Buffer.alloc(12);
  let last: Buffer = Buffer.alloc(0);
  for (let i = 0; i < 20_000; i++) {
    last = new ChaCha20Poly1305(Buffer.alloc(32, i & 0xff)).encrypt(nonce, Buffer.alloc(8), null);
  }
  t.is(last.length, 24);
});

test("a handle of one kind is refused where another is expected", (t) => {
  const aead = createAead("AESGCM", Buffer.alloc(16), 16);
  const digest = createHash(SHA256_ID, 32);
  const nonce = Buffer.alloc(12);
  t.throws(
    () =>
      callNative(() =>
        (fast.aeadSeal as (...a: unknown[]) => number)(
          digest,
          nonce,
          nonce,
          null,
          Buffer.alloc(28),
        ),
      ),
    { ...typeError, message: /another kind/ },
  );
  t.throws(() => callNative(() => (fast.hashUpdate as (...a: unknown[]) => void)(aead, nonce)), {
    ...typeError,
    message: /another kind/,
  });
  t.throws(
    () => callNative(() => (fast.hashFinalize as (...a: unknown[]) => Buffer)({})),
    typeError,
  );
  // Both still work afterwards.
  t.is(
    callNative(() => fast.aeadSeal(aead, nonce, nonce, null, Buffer.alloc(28))),
    28,
  );
  fast.hashUpdate(digest, Buffer.from("abc"));
  t.is(fast.hashFinalize(digest).length, 32);
});

test("a raw hash context is spent by finalize: update, copy and finalize then throw", (t) => {
  const digest = createHash(SHA256_ID, 32);
  fast.hashUpdate(digest, Buffer.from("abc"));
  const copy = fast.hashCopy(digest);
  t.deepEqual(fast.hashFinalize(digest), createHashNode("sha256").update("abc").digest());
  for (const call of [
    () => fast.hashUpdate(digest, Buffer.alloc(1)),
    () => fast.hashCopy(digest),
    () => fast.hashFinalize(digest),
  ]) {
    t.throws(() => callNative(call), { instanceOf: AlreadyFinalized });
  }
  fast.hashUpdate(copy, Buffer.from("def"));
  t.deepEqual(fast.hashFinalize(copy), createHashNode("sha256").update("abcdef").digest());
});

test("an associated-data list whose getter detaches a buffer or re-enters is read safely", (t) => {
  const aead = createAead("AESSIV", Buffer.alloc(32), 16);
  const data = new Uint8Array(new ArrayBuffer(32));
  const out = Buffer.alloc(48);
  const list: Uint8Array[] = [Buffer.from("a")];
  Object.defineProperty(list, 1, {
    enumerable: true,
    get() {
      // Detach the data's buffer and call the same handle while the outer call is reading.
      structuredClone(data.buffer, { transfer: [data.buffer] });
      fast.aeadSeal(aead, null, Buffer.alloc(4), null, Buffer.alloc(20));
      return Buffer.from("b");
    },
  });
  // The data was detached before its bytes were read: it is now empty, which is what is sealed.
  t.is(
    callNative(() => fast.aeadSeal(aead, null, data, list, out)),
    16,
  );
  t.is(data.byteLength, 0);
});
