/**
 * Tampering with anything an AEAD authenticates must raise `InvalidTag`, never return data:
 * for AESGCM, ChaCha20Poly1305, AESCCM (16 and 8-byte tags), AESSIV, AESOCB3, AESGCMSIV and
 * `Cipher` + `GCM`, a single flipped bit of the ciphertext, the tag, the nonce or the associated
 * data; a truncated message; data shorter than a tag; associated data added or dropped.
 *
 * Bit positions are deterministic: every bit of the tag and the nonce, and of the ciphertext and
 * AAD the first and last byte's eight bits plus about 40 positions spread over the rest.
 */
import test from "ava";
import { InvalidTag } from "hazmat/exceptions";
import { Cipher } from "hazmat/primitives/ciphers";
import {
  AESCCM,
  AESGCM,
  AESGCMSIV,
  AESOCB3,
  AESSIV,
  ChaCha20Poly1305,
} from "hazmat/primitives/ciphers/aead";
import { AES } from "hazmat/primitives/ciphers/algorithms";
import { GCM } from "hazmat/primitives/ciphers/modes";

/** Bytes 0, 1, 2, … scaled by `step`, so every input differs and is reproducible. */
function pattern(length: number, step: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => (i * step + 1) & 0xff));
}

/** The bit positions to flip in a region of `length` bytes (see the file comment). */
function bitPositions(length: number, exhaustiveUpTo = 32): number[] {
  const bits = length * 8;
  if (length <= exhaustiveUpTo) return Array.from({ length: bits }, (_, i) => i);
  const picked = new Set<number>();
  for (let i = 0; i < 8; i++) {
    picked.add(i);
    picked.add(bits - 8 + i);
  }
  for (let k = 0; k < 40; k++) picked.add(Math.floor((k * bits) / 40) + (k % 8));
  return [...picked].filter((bit) => bit < bits).sort((a, b) => a - b);
}

/** A copy of `data` with bit `bit` (0 = most significant bit of byte 0) flipped. */
function flip(data: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(data);
  const index = bit >> 3;
  copy[index] = (copy[index] ?? 0) ^ (0x80 >> (bit & 7));
  return copy;
}

interface NonceAead {
  encrypt(nonce: Uint8Array, data: Uint8Array, associatedData: Uint8Array | null): Buffer;
  decrypt(nonce: Uint8Array, data: Uint8Array, associatedData: Uint8Array | null): Buffer;
}

const nonceAeads: [string, () => NonceAead, number, number][] = [
  // name, construction, nonce bytes, tag bytes
  ["AESGCM", () => new AESGCM(pattern(16, 3)), 12, 16],
  ["ChaCha20Poly1305", () => new ChaCha20Poly1305(pattern(32, 5)), 12, 16],
  ["AESCCM", () => new AESCCM(pattern(16, 7)), 13, 16],
  ["AESCCM (8-byte tag)", () => new AESCCM(pattern(24, 7), 8), 12, 8],
  ["AESOCB3", () => new AESOCB3(pattern(32, 11)), 12, 16],
  ["AESGCMSIV", () => new AESGCMSIV(pattern(16, 13)), 12, 16],
];

for (const [name, make, nonceSize, tagSize] of nonceAeads) {
  const nonce = pattern(nonceSize, 17);
  const aad = pattern(40, 19);
  const plaintext = pattern(200, 23);
  const body = plaintext.length;
  // Built inside each test, so one failing class does not stop the others' tests.
  const setup = () => {
    const aead = make();
    return { aead, sealed: aead.encrypt(nonce, plaintext, aad) };
  };

  test(`${name}: the untampered message decrypts`, (t) => {
    const { aead, sealed } = setup();
    t.is(sealed.length, body + tagSize);
    t.deepEqual(aead.decrypt(nonce, sealed, aad), plaintext);
  });

  test(`${name}: one flipped bit of ciphertext, tag, nonce or AAD → InvalidTag`, (t) => {
    const { aead, sealed } = setup();
    let tried = 0;
    const expectInvalid = (run: () => unknown, what: string) => {
      tried++;
      t.throws(run, { instanceOf: InvalidTag }, what);
    };
    for (const bit of bitPositions(body)) {
      expectInvalid(() => aead.decrypt(nonce, flip(sealed, bit), aad), `ciphertext bit ${bit}`);
    }
    for (const bit of bitPositions(tagSize)) {
      const position = body * 8 + bit;
      expectInvalid(() => aead.decrypt(nonce, flip(sealed, position), aad), `tag bit ${bit}`);
    }
    for (const bit of bitPositions(nonceSize)) {
      expectInvalid(() => aead.decrypt(flip(nonce, bit), sealed, aad), `nonce bit ${bit}`);
    }
    for (const bit of bitPositions(aad.length)) {
      expectInvalid(() => aead.decrypt(nonce, sealed, flip(aad, bit)), `AAD bit ${bit}`);
    }
    t.true(tried > 100);
  });

  test(`${name}: truncated or tag-short data, added or dropped AAD → InvalidTag`, (t) => {
    const { aead, sealed } = setup();
    const invalid = { instanceOf: InvalidTag };
    t.throws(() => aead.decrypt(nonce, sealed.subarray(0, sealed.length - 1), aad), invalid);
    t.throws(() => aead.decrypt(nonce, sealed.subarray(1), aad), invalid);
    t.throws(() => aead.decrypt(nonce, sealed.subarray(0, tagSize - 1), aad), invalid);
    t.throws(() => aead.decrypt(nonce, Buffer.alloc(0), aad), invalid);
    t.throws(() => aead.decrypt(nonce, sealed, null), invalid);
    t.throws(() => aead.decrypt(nonce, sealed, aad.subarray(1)), invalid);
    const noAad = aead.encrypt(nonce, plaintext, null);
    t.throws(() => aead.decrypt(nonce, noAad, pattern(1, 1)), invalid);
    // An empty message: the tag is all there is.
    const emptySealed = aead.encrypt(nonce, Buffer.alloc(0), aad);
    for (const bit of bitPositions(tagSize)) {
      t.throws(() => aead.decrypt(nonce, flip(emptySealed, bit), aad), invalid, `bit ${bit}`);
    }
  });
}

{
  // AESSIV: SIV ‖ ciphertext; the associated data is a list whose last element is often a nonce.
  const associatedData = [pattern(24, 31), pattern(12, 37)];
  const plaintext = pattern(200, 41);
  const setup = () => {
    const siv = new AESSIV(pattern(64, 29));
    return { siv, sealed: siv.encrypt(plaintext, associatedData) };
  };

  test("AESSIV: the untampered message decrypts", (t) => {
    const { siv, sealed } = setup();
    t.is(sealed.length, plaintext.length + 16);
    t.deepEqual(siv.decrypt(sealed, associatedData), plaintext);
  });

  test("AESSIV: one flipped bit of SIV, ciphertext or any AAD element → InvalidTag", (t) => {
    const { siv, sealed } = setup();
    const invalid = { instanceOf: InvalidTag };
    for (const bit of bitPositions(16)) {
      t.throws(() => siv.decrypt(flip(sealed, bit), associatedData), invalid, `SIV bit ${bit}`);
    }
    for (const bit of bitPositions(plaintext.length)) {
      const position = 128 + bit;
      t.throws(() => siv.decrypt(flip(sealed, position), associatedData), invalid, `bit ${bit}`);
    }
    associatedData.forEach((element, index) => {
      for (const bit of bitPositions(element.length)) {
        const altered = associatedData.map((e, i) => (i === index ? flip(e, bit) : e));
        t.throws(() => siv.decrypt(sealed, altered), invalid, `AAD[${index}] bit ${bit}`);
      }
    });
  });

  test("AESSIV: truncated data, reordered, dropped or extra AAD → InvalidTag", (t) => {
    const { siv, sealed } = setup();
    const invalid = { instanceOf: InvalidTag };
    t.throws(() => siv.decrypt(sealed.subarray(0, sealed.length - 1), associatedData), invalid);
    t.throws(() => siv.decrypt(sealed.subarray(0, 15), associatedData), invalid);
    t.throws(() => siv.decrypt(sealed, [...associatedData].reverse()), invalid);
    t.throws(() => siv.decrypt(sealed, associatedData.slice(0, 1)), invalid);
    t.throws(() => siv.decrypt(sealed, null), invalid);
    t.throws(() => siv.decrypt(sealed, [...associatedData, Buffer.alloc(0)]), invalid);
  });
}

{
  // Cipher + GCM: the tag given to the mode, or to finalizeWithTag.
  const key = pattern(32, 43);
  const iv = pattern(12, 47);
  const aad = pattern(40, 53);
  const plaintext = pattern(200, 59);
  const seal = () => {
    const encryptor = new Cipher(new AES(key), new GCM(iv)).encryptor();
    encryptor.authenticateAdditionalData(aad);
    const ciphertext = Buffer.concat([encryptor.update(plaintext), encryptor.finalize()]);
    return { ciphertext, tag: encryptor.tag };
  };

  const open = (
    how: "mode" | "finalizeWithTag",
    sealed: { ciphertext: Buffer; tag: Buffer },
    parts: { ciphertext?: Buffer; tag?: Buffer; iv?: Buffer; aad?: Buffer },
  ): Buffer => {
    const { ciphertext, tag } = sealed;
    const usedTag = parts.tag ?? tag;
    const mode = how === "mode" ? new GCM(parts.iv ?? iv, usedTag) : new GCM(parts.iv ?? iv);
    const decryptor = new Cipher(new AES(key), mode).decryptor();
    decryptor.authenticateAdditionalData(parts.aad ?? aad);
    const head = decryptor.update(parts.ciphertext ?? ciphertext);
    const tail = how === "mode" ? decryptor.finalize() : decryptor.finalizeWithTag(usedTag);
    return Buffer.concat([head, tail]);
  };

  for (const how of ["mode", "finalizeWithTag"] as const) {
    test(`Cipher GCM (tag via ${how}): the untampered message decrypts`, (t) => {
      t.deepEqual(open(how, seal(), {}), plaintext);
    });

    test(`Cipher GCM (tag via ${how}): one flipped bit of ciphertext, tag, IV or AAD → InvalidTag`, (t) => {
      const sealed = seal();
      const { ciphertext, tag } = sealed;
      const invalid = { instanceOf: InvalidTag };
      for (const bit of bitPositions(ciphertext.length)) {
        t.throws(
          () => open(how, sealed, { ciphertext: flip(ciphertext, bit) }),
          invalid,
          `ct bit ${bit}`,
        );
      }
      for (const bit of bitPositions(tag.length)) {
        t.throws(() => open(how, sealed, { tag: flip(tag, bit) }), invalid, `tag bit ${bit}`);
      }
      for (const bit of bitPositions(iv.length)) {
        t.throws(() => open(how, sealed, { iv: flip(iv, bit) }), invalid, `IV bit ${bit}`);
      }
      for (const bit of bitPositions(aad.length)) {
        t.throws(() => open(how, sealed, { aad: flip(aad, bit) }), invalid, `AAD bit ${bit}`);
      }
      t.throws(() => open(how, sealed, { ciphertext: ciphertext.subarray(1) }), invalid);
      t.throws(() => open(how, sealed, { aad: Buffer.alloc(0) }), invalid);
    });
  }
}
