/**
 * Known answers for hazmat/primitives/ciphers/aead from PyCA's cryptography-vectors:
 *
 * - AESGCM: NIST gcmEncryptExtIV/gcmDecrypt, every record with a 128-bit tag and an IV of 8 bytes
 *   or more (AESGCM's limits; shorter tags and IVs are covered through `Cipher` + `GCM`).
 * - ChaCha20Poly1305: RFC 7539 / OpenSSL evpciph vectors and BoringSSL's.
 * - AESCCM: NIST CCM VADT, VNT, VPT, VTT (encryption) and DVPT (decryption, with failures).
 * - AESSIV (OpenSSL's RFC 5297 vectors), AESOCB3 (RFC 7253 with 96 to 120-bit nonces, OpenSSL's),
 *   AESGCMSIV (RFC 8452 via OpenSSL, and AES-192-GCM-SIV).
 *
 * Each record: `encrypt` gives ciphertext ‖ tag, `decrypt` gives the plaintext back or raises
 * `InvalidTag` for a failing record; every fourth record also goes through `encryptInto` and
 * `decryptInto`. An empty AAD is passed as `null` and as an empty buffer, alternately.
 */
import test, { type ExecutionContext } from "ava";
import { InvalidTag } from "hazmat/exceptions";
import {
  AESCCM,
  AESGCM,
  AESGCMSIV,
  AESOCB3,
  AESSIV,
  ChaCha20Poly1305,
} from "hazmat/primitives/ciphers/aead";
import { bytes, bytesOfLength, field, loadNist, type NistRecord, where } from "./helpers/vectors";

const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");

/** The shape shared by every nonce-based AEAD class. */
interface NonceAead {
  encrypt(nonce: Uint8Array, data: Uint8Array, associatedData: Uint8Array | null): Buffer;
  decrypt(nonce: Uint8Array, data: Uint8Array, associatedData: Uint8Array | null): Buffer;
  encryptInto(
    nonce: Uint8Array,
    data: Uint8Array,
    associatedData: Uint8Array | null,
    buf: Uint8Array,
  ): number;
  decryptInto(
    nonce: Uint8Array,
    data: Uint8Array,
    associatedData: Uint8Array | null,
    buf: Uint8Array,
  ): number;
}

interface AeadVector {
  nonce: Buffer;
  aad: Buffer;
  plaintext: Buffer;
  /** Ciphertext ‖ tag. */
  sealed: Buffer;
  /** Decryption must fail with InvalidTag (and there is no plaintext). */
  fail: boolean;
  label: string;
}

function checkNonceAead(
  t: ExecutionContext,
  aead: NonceAead,
  vector: AeadVector,
  index: number,
): void {
  const { nonce, plaintext, sealed, label } = vector;
  const aad = vector.aad.length === 0 && index % 2 === 1 ? null : vector.aad;
  if (vector.fail) {
    t.throws(() => aead.decrypt(nonce, sealed, aad), { instanceOf: InvalidTag }, label);
    return;
  }
  t.is(hex(aead.encrypt(nonce, plaintext, aad)), hex(sealed), `${label} encrypt`);
  t.is(hex(aead.decrypt(nonce, sealed, aad)), hex(plaintext), `${label} decrypt`);
  if (index % 4 === 0) {
    const sealedOut = Buffer.alloc(sealed.length);
    t.is(aead.encryptInto(nonce, plaintext, aad, sealedOut), sealed.length, label);
    t.is(hex(sealedOut), hex(sealed), `${label} encryptInto`);
    const openedOut = Buffer.alloc(plaintext.length);
    t.is(aead.decryptInto(nonce, sealed, aad, openedOut), plaintext.length, label);
    t.is(hex(openedOut), hex(plaintext), `${label} decryptInto`);
  }
}

function registerNonceAead(
  title: string,
  files: string[],
  toVector: (record: NistRecord) => (AeadVector & { make: () => NonceAead }) | null,
): void {
  const vectors = files
    .flatMap((file) => loadNist(file))
    .map(toVector)
    .filter((v) => v !== null);
  test(`${title}: ${vectors.length} records of ${files.length} file(s)`, (t) => {
    t.true(vectors.length > 0);
    vectors.forEach((vector, index) => {
      checkNonceAead(t, vector.make(), vector, index);
    });
  });
}

// AESGCM.
for (const bits of ["128", "192", "256"]) {
  registerNonceAead(
    `AESGCM-${bits} (NIST GCM, 128-bit tags, IVs of 8 bytes or more)`,
    [`ciphers/AES/GCM/gcmEncryptExtIV${bits}.rsp`, `ciphers/AES/GCM/gcmDecrypt${bits}.rsp`],
    (r) => {
      if (field(r, "taglen") !== "128" || Number(field(r, "ivlen")) < 64) return null;
      const key = bytes(field(r, "key"));
      return {
        make: () => new AESGCM(key),
        nonce: bytes(field(r, "iv")),
        aad: bytes(field(r, "aad")),
        plaintext: r.fail ? Buffer.alloc(0) : bytes(field(r, "pt")),
        sealed: Buffer.concat([bytes(field(r, "ct")), bytes(field(r, "tag"))]),
        fail: r.fail,
        label: where(r),
      };
    },
  );
}

// ChaCha20Poly1305.
registerNonceAead(
  "ChaCha20Poly1305 (RFC 7539 / OpenSSL)",
  ["ciphers/ChaCha20Poly1305/openssl.txt"],
  (r) => {
    const key = bytes(field(r, "key"));
    const fail = r.fields.result === "CIPHERFINAL_ERROR";
    return {
      make: () => new ChaCha20Poly1305(key),
      nonce: bytes(field(r, "iv")),
      aad: bytes(field(r, "aad")),
      plaintext: bytes(field(r, "plaintext")),
      sealed: Buffer.concat([bytes(field(r, "ciphertext")), bytes(field(r, "tag"))]),
      fail,
      label: where(r),
    };
  },
);
registerNonceAead(
  "ChaCha20Poly1305 (BoringSSL)",
  ["ciphers/ChaCha20Poly1305/boringssl.txt"],
  (r) => {
    const key = bytes(field(r, "key"));
    return {
      make: () => new ChaCha20Poly1305(key),
      nonce: bytes(field(r, "nonce")),
      aad: bytes(field(r, "ad")),
      plaintext: bytes(field(r, "in")),
      sealed: Buffer.concat([bytes(field(r, "ct")), bytes(field(r, "tag"))]),
      fail: false,
      label: where(r),
    };
  },
);

// AESCCM: NIST writes `00` for an empty payload or AAD; the lengths say which.
function ccmVector(r: NistRecord): AeadVector & { make: () => NonceAead } {
  const key = bytes(field(r, "key"));
  const tagLength = Number(field(r, "tlen"));
  const fail = r.fields.result?.startsWith("Fail") === true;
  return {
    make: () => new AESCCM(key, tagLength),
    nonce: bytes(field(r, "nonce")),
    aad: bytesOfLength(field(r, "adata"), Number(field(r, "alen"))),
    plaintext: fail
      ? Buffer.alloc(0)
      : bytesOfLength(field(r, "payload"), Number(field(r, "plen"))),
    sealed: bytes(field(r, "ct")),
    fail,
    label: where(r),
  };
}
for (const bits of ["128", "192", "256"]) {
  registerNonceAead(
    `AESCCM-${bits} (NIST CCM VADT, VNT, VPT, VTT)`,
    ["VADT", "VNT", "VPT", "VTT"].map((set) => `ciphers/AES/CCM/${set}${bits}.rsp`),
    ccmVector,
  );
  registerNonceAead(
    `AESCCM-${bits} (NIST CCM DVPT, passing and failing)`,
    [`ciphers/AES/CCM/DVPT${bits}.rsp`],
    ccmVector,
  );
}

// AESOCB3: the ciphertext in these files ends with the 16-byte tag.
registerNonceAead(
  "AESOCB3 (RFC 7253, 96 to 120-bit nonces, OpenSSL)",
  [
    "ciphers/AES/OCB3/rfc7253.txt",
    "ciphers/AES/OCB3/openssl.txt",
    "ciphers/AES/OCB3/test-vector-1-nonce104.txt",
    "ciphers/AES/OCB3/test-vector-1-nonce112.txt",
    "ciphers/AES/OCB3/test-vector-1-nonce120.txt",
  ],
  (r) => {
    const key = bytes(field(r, "key"));
    return {
      make: () => new AESOCB3(key),
      nonce: bytes(field(r, "nonce")),
      aad: bytes(field(r, "aad")),
      plaintext: bytes(field(r, "plaintext")),
      sealed: bytes(field(r, "ciphertext")),
      fail: false,
      label: where(r),
    };
  },
);

// AESGCMSIV.
registerNonceAead(
  "AESGCMSIV (RFC 8452 via OpenSSL, AES-128/256 and AES-192)",
  ["ciphers/AES/GCM-SIV/openssl.txt", "ciphers/AES/GCM-SIV/aes-192-gcm-siv.txt"],
  (r) => {
    const key = bytes(field(r, "key"));
    return {
      make: () => new AESGCMSIV(key),
      nonce: bytes(field(r, "iv")),
      aad: bytes(r.fields.aad ?? ""),
      plaintext: bytes(field(r, "plaintext")),
      sealed: Buffer.concat([bytes(field(r, "ciphertext")), bytes(field(r, "tag"))]),
      fail: false,
      label: where(r),
    };
  },
);

// AESSIV: the associated data is a list (AAD, AAD2, AAD3…); the output is SIV ‖ ciphertext.
{
  const file = "ciphers/AES/SIV/openssl.txt";
  const records = loadNist(file);
  test(`AESSIV (RFC 5297 via OpenSSL): ${records.length} records`, (t) => {
    t.true(records.length > 0);
    for (const record of records) {
      const aesSiv = new AESSIV(bytes(field(record, "key")));
      const associatedData = ["aad", "aad2", "aad3"]
        .map((k) => record.fields[k])
        .filter((value) => value !== undefined)
        .map((value) => bytes(value));
      const plaintext = bytes(field(record, "plaintext"));
      const sealed = Buffer.concat([
        bytes(field(record, "tag")),
        bytes(field(record, "ciphertext")),
      ]);
      const label = where(record);
      t.true(associatedData.length > 0, label);
      t.is(hex(aesSiv.encrypt(plaintext, associatedData)), hex(sealed), `${label} encrypt`);
      t.is(hex(aesSiv.decrypt(sealed, associatedData)), hex(plaintext), `${label} decrypt`);
      // The components are authenticated separately, so joining two of them must not verify.
      if (associatedData.length > 1) {
        const joined = [Buffer.concat(associatedData.slice(0, 2)), ...associatedData.slice(2)];
        t.throws(() => aesSiv.decrypt(sealed, joined), { instanceOf: InvalidTag }, label);
      }
    }
  });
}
