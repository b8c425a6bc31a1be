/** PKCS7 / ANSI X9.23 padding and AES key wrap: behaviour and bad input. */
import test from "ava";
import {
  AlreadyFinalized,
  ERR_HAZMAT_INVALID_TYPE,
  InvalidUnwrap,
  ValueError,
} from "hazmat/exceptions";
import {
  aesKeyUnwrap,
  aesKeyUnwrapWithPadding,
  aesKeyWrap,
  aesKeyWrapWithPadding,
  InvalidUnwrap as KeywrapInvalidUnwrap,
} from "hazmat/primitives/keywrap";
import { ANSIX923, type PaddingContext, PKCS7 } from "hazmat/primitives/padding";

function run(context: PaddingContext, pieces: Uint8Array[]): Buffer {
  return Buffer.concat([...pieces.map((piece) => context.update(piece)), context.finalize()]);
}

for (const Scheme of [PKCS7, ANSIX923]) {
  test(`${Scheme.name}: pad then unpad restores every length, in any piece sizes`, (t) => {
    for (const blockSize of [64, 128, 2040]) {
      const scheme = new Scheme(blockSize);
      for (const length of [0, 1, 7, 8, 15, 16, 17, 255, 256]) {
        const data = Buffer.alloc(length, 0x61);
        const padded = run(scheme.padder(), [data.subarray(0, 3), data.subarray(3)]);
        t.is(padded.length % (blockSize / 8), 0);
        t.true(padded.length > length);
        t.deepEqual(run(scheme.unpadder(), [padded.subarray(0, 5), padded.subarray(5)]), data);
      }
    }
  });

  test(`${Scheme.name}: corrupted padding, short input and reuse are rejected`, (t) => {
    const scheme = new Scheme(128);
    const padded = run(scheme.padder(), [Buffer.from("abc")]);
    for (const index of [3, 10, 15]) {
      const bad = Buffer.from(padded);
      bad[index] = (bad[index] ?? 0) ^ 0x40;
      t.throws(
        () => run(scheme.unpadder(), [bad]),
        { instanceOf: ValueError, message: "Invalid padding bytes." },
        `byte ${index}`,
      );
    }
    t.throws(() => run(scheme.unpadder(), [Buffer.alloc(16)]), { instanceOf: ValueError });
    t.throws(() => run(scheme.unpadder(), [padded.subarray(0, 15)]), { instanceOf: ValueError });
    t.throws(() => run(scheme.unpadder(), []), { instanceOf: ValueError });
    const padder = scheme.padder();
    padder.finalize();
    t.throws(() => padder.update(Buffer.from("x")), { instanceOf: AlreadyFinalized });
    t.throws(() => padder.finalize(), { instanceOf: AlreadyFinalized });
    t.throws(() => scheme.padder().update("text" as unknown as Uint8Array), {
      instanceOf: TypeError,
      code: ERR_HAZMAT_INVALID_TYPE,
    });
  });
}

test("padding block sizes follow PyCA's rules", (t) => {
  t.throws(() => new PKCS7(7), {
    instanceOf: ValueError,
    message: "block_size must be a multiple of 8.",
  });
  t.throws(() => new PKCS7(2048), {
    instanceOf: ValueError,
    message: "block_size must be in range(0, 2041).",
  });
  t.throws(() => new ANSIX923(-8), { instanceOf: ValueError });
  t.throws(() => new PKCS7("128" as unknown as number), { instanceOf: TypeError });
  t.deepEqual(run(new PKCS7(128).padder(), [Buffer.from("abc")]).subarray(3), Buffer.alloc(13, 13));
  t.deepEqual(
    run(new ANSIX923(64).padder(), [Buffer.from("abc")]),
    Buffer.from("abc\x00\x00\x00\x00\x05", "latin1"),
  );
});

test("AES key wrap round-trips for every KEK size, with and without padding", (t) => {
  for (const kekLength of [16, 24, 32]) {
    const kek = Buffer.alloc(kekLength, 0x0f);
    for (const length of [16, 24, 32, 64]) {
      const key = Buffer.alloc(length, 0x33);
      const wrapped = aesKeyWrap(kek, key);
      t.is(wrapped.length, length + 8);
      t.deepEqual(aesKeyUnwrap(kek, wrapped), key);
    }
    for (const length of [1, 7, 8, 9, 20, 100]) {
      const key = Buffer.alloc(length, 0x44);
      t.deepEqual(aesKeyUnwrapWithPadding(kek, aesKeyWrapWithPadding(kek, key)), key);
    }
  }
});

test("AES key unwrap: wrong key, tampering and bad lengths are InvalidUnwrap", (t) => {
  t.is(KeywrapInvalidUnwrap, InvalidUnwrap);
  const kek = Buffer.alloc(16, 1);
  const wrapped = aesKeyWrap(kek, Buffer.alloc(16, 2));
  t.throws(() => aesKeyUnwrap(Buffer.alloc(16, 9), wrapped), {
    instanceOf: InvalidUnwrap,
    code: "ERR_HAZMAT_INVALID_UNWRAP",
  });
  for (let i = 0; i < wrapped.length; i += 5) {
    const bad = Buffer.from(wrapped);
    bad[i] = (bad[i] ?? 0) ^ 1;
    t.throws(() => aesKeyUnwrap(kek, bad), { instanceOf: InvalidUnwrap });
  }
  t.throws(() => aesKeyUnwrap(kek, Buffer.alloc(16)), {
    instanceOf: InvalidUnwrap,
    message: "Must be at least 24 bytes",
  });
  t.throws(() => aesKeyUnwrap(kek, Buffer.alloc(25)), {
    instanceOf: InvalidUnwrap,
    message: "The wrapped key must be a multiple of 8 bytes",
  });
  t.throws(() => aesKeyUnwrapWithPadding(kek, Buffer.alloc(15)), {
    instanceOf: InvalidUnwrap,
    message: "Must be at least 16 bytes",
  });
  const padded = aesKeyWrapWithPadding(kek, Buffer.from("short"));
  t.throws(() => aesKeyUnwrapWithPadding(Buffer.alloc(16, 9), padded), {
    instanceOf: InvalidUnwrap,
  });
});

test("AES key wrap input rules use PyCA's messages", (t) => {
  t.throws(() => aesKeyWrap(Buffer.alloc(15), Buffer.alloc(16)), {
    instanceOf: ValueError,
    message: "The wrapping key must be a valid AES key length",
  });
  t.throws(() => aesKeyWrap(Buffer.alloc(16), Buffer.alloc(8)), {
    instanceOf: ValueError,
    message: "The key to wrap must be at least 16 bytes",
  });
  t.throws(() => aesKeyWrap(Buffer.alloc(16), Buffer.alloc(17)), {
    instanceOf: ValueError,
    message: "The key to wrap must be a multiple of 8 bytes",
  });
  t.throws(() => aesKeyWrapWithPadding(Buffer.alloc(16), Buffer.alloc(0)), {
    instanceOf: ValueError,
    message: "key_to_wrap must be between 1 and 2^32 bytes",
  });
  t.throws(() => aesKeyUnwrap(Buffer.alloc(17), Buffer.alloc(24)), { instanceOf: ValueError });
  t.throws(() => aesKeyWrap("k" as unknown as Uint8Array, Buffer.alloc(16)), {
    instanceOf: TypeError,
    code: ERR_HAZMAT_INVALID_TYPE,
  });
});
