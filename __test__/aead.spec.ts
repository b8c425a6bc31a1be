/** AEAD objects: round trips, object reuse, *Into forms, key generation and bad input. */
import test from "ava";
import { ERR_HAZMAT_INVALID_TYPE, InvalidTag, ValueError } from "hazmat/exceptions";
import {
  AESCCM,
  AESGCM,
  AESGCMSIV,
  AESOCB3,
  AESSIV,
  ChaCha20Poly1305,
} from "hazmat/primitives/ciphers/aead";

const nonceBased = [
  { name: "AESGCM", make: (k: Buffer) => new AESGCM(k), key: 16, nonce: 12 },
  { name: "ChaCha20Poly1305", make: (k: Buffer) => new ChaCha20Poly1305(k), key: 32, nonce: 12 },
  { name: "AESCCM", make: (k: Buffer) => new AESCCM(k), key: 16, nonce: 13 },
  { name: "AESCCM(tag 8)", make: (k: Buffer) => new AESCCM(k, 8), key: 24, nonce: 7 },
  { name: "AESOCB3", make: (k: Buffer) => new AESOCB3(k), key: 32, nonce: 15 },
  { name: "AESGCMSIV", make: (k: Buffer) => new AESGCMSIV(k), key: 32, nonce: 12 },
];

for (const { name, make, key, nonce } of nonceBased) {
  test(`${name}: one object seals and opens many messages, including empty ones`, (t) => {
    const aead = make(Buffer.alloc(key, 7));
    const tagLength = name.includes("tag 8") ? 8 : 16;
    for (const size of [0, 1, 15, 16, 17, 1000]) {
      const n = Buffer.alloc(nonce, size & 0xff);
      const data = Buffer.alloc(size, 0x5a);
      const aad = size % 2 ? Buffer.from("header") : null;
      const sealed = aead.encrypt(n, data, aad);
      t.is(sealed.length, size + tagLength);
      t.deepEqual(aead.encrypt(n, data, aad), sealed, "deterministic for the same inputs");
      t.deepEqual(aead.decrypt(n, sealed, aad), data);
      const out = Buffer.alloc(size + tagLength + 5);
      t.is(aead.encryptInto(n, data, aad, out), size + tagLength);
      t.deepEqual(out.subarray(0, size + tagLength), sealed);
      const plain = Buffer.alloc(size);
      t.is(aead.decryptInto(n, sealed, aad, plain), size);
      t.deepEqual(plain, data);
    }
  });

  test(`${name}: a wrong nonce, AAD or truncated input is InvalidTag, and the object recovers`, (t) => {
    const aead = make(Buffer.alloc(key, 8));
    const n = Buffer.alloc(nonce, 1);
    const sealed = aead.encrypt(n, Buffer.from("payload"), Buffer.from("aad"));
    const other = Buffer.from(n);
    other[0] = (other[0] ?? 0) ^ 1;
    t.throws(() => aead.decrypt(other, sealed, Buffer.from("aad")), {
      instanceOf: InvalidTag,
      code: "ERR_HAZMAT_INVALID_TAG",
    });
    t.throws(() => aead.decrypt(n, sealed, null), { instanceOf: InvalidTag });
    t.throws(() => aead.decrypt(n, sealed.subarray(0, 3), Buffer.from("aad")), {
      instanceOf: InvalidTag,
    });
    t.deepEqual(aead.decrypt(n, sealed, Buffer.from("aad")), Buffer.from("payload"));
  });
}

test("AESSIV: associated data is a list, output is SIV ‖ ciphertext, deterministic", (t) => {
  const siv = new AESSIV(Buffer.alloc(64, 3));
  const aads = [Buffer.from("header"), Buffer.from("nonce-as-last-item")];
  const sealed = siv.encrypt(Buffer.from("secret"), aads);
  t.is(sealed.length, 16 + 6);
  t.deepEqual(siv.encrypt(Buffer.from("secret"), aads), sealed);
  t.deepEqual(siv.decrypt(sealed, aads), Buffer.from("secret"));
  t.throws(() => siv.decrypt(sealed, aads.slice(0, 1)), { instanceOf: InvalidTag });
  t.throws(() => siv.decrypt(sealed, [aads[1] as Buffer, aads[0] as Buffer]), {
    instanceOf: InvalidTag,
  });
  t.throws(() => siv.decrypt(sealed.subarray(0, 15), aads), { instanceOf: InvalidTag });
  t.is(siv.encrypt(Buffer.alloc(0), null).length, 16);
  const out = Buffer.alloc(22);
  t.is(siv.encryptInto(Buffer.from("secret"), aads, out), 22);
  t.deepEqual(out, sealed);
  const plain = Buffer.alloc(6);
  t.is(siv.decryptInto(sealed, aads, plain), 6);
  t.deepEqual(plain, Buffer.from("secret"));
});

test("generateKey makes fresh keys of the requested size", (t) => {
  t.is(AESGCM.generateKey(256).length, 32);
  t.is(AESCCM.generateKey(192).length, 24);
  t.is(AESOCB3.generateKey(128).length, 16);
  t.is(AESGCMSIV.generateKey(256).length, 32);
  t.is(AESSIV.generateKey(512).length, 64);
  t.is(ChaCha20Poly1305.generateKey().length, 32);
  t.notDeepEqual(AESGCM.generateKey(128), AESGCM.generateKey(128));
  t.throws(() => AESGCM.generateKey(100), {
    instanceOf: ValueError,
    message: "bit_length must be 128, 192, or 256",
  });
  t.throws(() => AESSIV.generateKey(128), {
    instanceOf: ValueError,
    message: "bit_length must be 256, 384, or 512",
  });
  t.throws(() => AESGCM.generateKey("128" as unknown as number), { instanceOf: TypeError });
});

test("key, nonce and tag sizes are validated with PyCA's messages", (t) => {
  const cases: [() => unknown, string][] = [
    [() => new AESGCM(Buffer.alloc(15)), "AESGCM key must be 128, 192, or 256 bits."],
    [
      () => new AESGCM(Buffer.alloc(16)).encrypt(Buffer.alloc(7), Buffer.alloc(1), null),
      "Nonce must be between 8 and 128 bytes",
    ],
    [
      () => new AESGCM(Buffer.alloc(16)).encrypt(Buffer.alloc(129), Buffer.alloc(1), null),
      "Nonce must be between 8 and 128 bytes",
    ],
    [() => new ChaCha20Poly1305(Buffer.alloc(31)), "ChaCha20Poly1305 key must be 32 bytes."],
    [
      () => new ChaCha20Poly1305(Buffer.alloc(32)).encrypt(Buffer.alloc(11), Buffer.alloc(1), null),
      "Nonce must be 12 bytes",
    ],
    [() => new AESCCM(Buffer.alloc(16), 5), "Invalid tag_length"],
    [() => new AESCCM(Buffer.alloc(17)), "AESCCM key must be 128, 192, or 256 bits."],
    [
      () => new AESCCM(Buffer.alloc(16)).encrypt(Buffer.alloc(6), Buffer.alloc(1), null),
      "Nonce must be between 7 and 13 bytes",
    ],
    [
      () => new AESCCM(Buffer.alloc(16)).encrypt(Buffer.alloc(13), Buffer.alloc(70000), null),
      "Data too long for nonce",
    ],
    [() => new AESSIV(Buffer.alloc(16)), "AESSIV key must be 256, 384, or 512 bits."],
    [
      () => new AESOCB3(Buffer.alloc(16)).encrypt(Buffer.alloc(16), Buffer.alloc(1), null),
      "Nonce must be between 12 and 15 bytes",
    ],
    [() => new AESGCMSIV(Buffer.alloc(20)), "AES-GCM-SIV key must be 128, 192 or 256 bits."],
    [
      () => new AESGCMSIV(Buffer.alloc(16)).encrypt(Buffer.alloc(11), Buffer.alloc(1), null),
      "Nonce must be 12 bytes long",
    ],
    [
      () =>
        new AESGCM(Buffer.alloc(16)).encryptInto(
          Buffer.alloc(12),
          Buffer.alloc(4),
          null,
          Buffer.alloc(19),
        ),
      "buffer must be at least 20 bytes for this payload",
    ],
    [
      () =>
        new AESGCM(Buffer.alloc(16)).decryptInto(
          Buffer.alloc(12),
          Buffer.alloc(20),
          null,
          Buffer.alloc(3),
        ),
      "buffer must be at least 4 bytes for this payload",
    ],
  ];
  for (const [call, message] of cases)
    t.throws(call, { instanceOf: ValueError, code: "ERR_HAZMAT_VALUE", message });
});

test("non-bytes arguments are TypeErrors", (t) => {
  const typeError = { instanceOf: TypeError, code: ERR_HAZMAT_INVALID_TYPE };
  const gcm = new AESGCM(Buffer.alloc(16));
  t.throws(() => new AESGCM("0123456789abcdef" as unknown as Uint8Array), typeError);
  t.throws(
    () => gcm.encrypt("nonce-nonce!" as unknown as Uint8Array, Buffer.alloc(1), null),
    typeError,
  );
  t.throws(() => gcm.encrypt(Buffer.alloc(12), "data" as unknown as Uint8Array, null), typeError);
  t.throws(
    () => gcm.encrypt(Buffer.alloc(12), Buffer.alloc(1), "aad" as unknown as Uint8Array),
    typeError,
  );
  t.throws(() => gcm.decrypt(Buffer.alloc(12), [1, 2] as unknown as Uint8Array, null), typeError);
  t.throws(() => new AESCCM(Buffer.alloc(16), "16" as unknown as number), typeError);
  const siv = new AESSIV(Buffer.alloc(32));
  t.throws(
    () => siv.encrypt(Buffer.alloc(1), Buffer.alloc(1) as unknown as Uint8Array[]),
    typeError,
  );
  t.throws(() => siv.encrypt(Buffer.alloc(1), ["x"] as unknown as Uint8Array[]), {
    ...typeError,
    message: /associatedData\[0\]/,
  });
});

test("AEAD objects never show their key", (t) => {
  const key = Buffer.alloc(16, 0xab);
  t.is(String(new AESGCM(key)), "<AESGCM>");
  t.false(JSON.stringify(new AESGCM(key)).includes("ab"));
});
