/** Cipher contexts: streaming, state rules (GCM, XTS, resetNonce) and bad input. */

import { spawnSync } from "node:child_process";
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import {
  ARC4,
  Blowfish,
  CAST5,
  IDEA,
  RC2,
  SEED,
  TripleDES,
} from "hazmat/decrepit/ciphers/algorithms";
import { CFB, CFB8, OFB } from "hazmat/decrepit/ciphers/modes";
import {
  _Reasons,
  AlreadyFinalized,
  AlreadyUpdated,
  ERR_HAZMAT_INVALID_TYPE,
  InvalidTag,
  NotYetFinalized,
  UnsupportedAlgorithm,
  ValueError,
} from "hazmat/exceptions";
import { Cipher } from "hazmat/primitives/ciphers";
import { AES, AES128, AES256, Camellia, ChaCha20, SM4 } from "hazmat/primitives/ciphers/algorithms";
import { CBC, CTR, ECB, GCM, XTS } from "hazmat/primitives/ciphers/modes";

const key16 = Buffer.alloc(16, 0x11);
const iv16 = Buffer.alloc(16, 0x22);
const message = Buffer.from("0123456789abcdef0123456789abcdef");

function encrypt(cipher: Cipher, data: Uint8Array): Buffer {
  const encryptor = cipher.encryptor();
  return Buffer.concat([encryptor.update(data), encryptor.finalize()]);
}

function decrypt(cipher: Cipher, data: Uint8Array): Buffer {
  const decryptor = cipher.decryptor();
  return Buffer.concat([decryptor.update(data), decryptor.finalize()]);
}

const decrepitCases = [
  ["Blowfish", "CBC", () => new Cipher(new Blowfish(key16), new CBC(Buffer.alloc(8, 1)))],
  ["CAST5", "ECB", () => new Cipher(new CAST5(key16), new ECB())],
  ["SEED", "OFB", () => new Cipher(new SEED(key16), new OFB(iv16))],
  ["IDEA", "CFB", () => new Cipher(new IDEA(key16), new CFB(Buffer.alloc(8, 1)))],
  ["ARC4", null, () => new Cipher(new ARC4(key16), null)],
  ["RC2", "CBC", () => new Cipher(new RC2(key16), new CBC(Buffer.alloc(8, 1)))],
  [
    "TripleDES",
    "CFB8",
    () => new Cipher(new TripleDES(Buffer.alloc(24, 3)), new CFB8(Buffer.alloc(8, 1))),
  ],
  ["Camellia", "CBC", () => new Cipher(new Camellia(key16), new CBC(iv16))],
  ["SM4", "CTR", () => new Cipher(new SM4(key16), new CTR(iv16))],
] as const;

/** PyCA's ciphertext for each case, computed in one Python process. */
function pycaEncryptions(
  cases: { alg: string; key: string; mode: string | null; iv: string | null }[],
  data: Buffer,
): string[] {
  const script = `
import json, sys, warnings
warnings.simplefilter("ignore")
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.decrepit.ciphers import algorithms as old_algorithms, modes as old_modes
out = []
data = bytes.fromhex(sys.argv[1])
for case in json.loads(sys.stdin.read()):
    alg = getattr(algorithms, case["alg"], None) or getattr(old_algorithms, case["alg"])
    mode = None
    if case["mode"]:
        mode_class = getattr(modes, case["mode"], None) or getattr(old_modes, case["mode"])
        mode = mode_class(bytes.fromhex(case["iv"])) if case["iv"] is not None else mode_class()
    encryptor = Cipher(alg(bytes.fromhex(case["key"])), mode).encryptor()
    out.append((encryptor.update(data) + encryptor.finalize()).hex())
print(json.dumps(out))
`;
  const result = spawnSync("python3", ["-c", script, data.toString("hex")], {
    input: JSON.stringify(cases),
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as string[];
}

test("every algorithm and mode round-trips and matches PyCA byte for byte", (t) => {
  const shortIv = ["Blowfish", "IDEA", "RC2", "TripleDES"];
  const expected = pycaEncryptions(
    decrepitCases.map(([alg, mode]) => ({
      alg,
      key: (alg === "TripleDES" ? Buffer.alloc(24, 3) : key16).toString("hex"),
      mode,
      iv:
        mode === null || mode === "ECB"
          ? null
          : shortIv.includes(alg)
            ? "0101010101010101"
            : iv16.toString("hex"),
    })),
    message,
  );
  decrepitCases.forEach(([alg, mode, make], index) => {
    const ours = encrypt(make(), message);
    t.is(ours.toString("hex"), expected[index] ?? "(no PyCA answer)", `${alg}-${mode}`);
    t.deepEqual(decrypt(make(), ours), message, `${alg}-${mode} decrypts`);
  });
});

test("streaming in uneven pieces equals one update", (t) => {
  const cipher = new Cipher(new AES(key16), new CBC(iv16));
  const whole = encrypt(cipher, message);
  const encryptor = cipher.encryptor();
  const pieces = [1, 15, 3, 13].reduce<Buffer[]>((out, size, i, sizes) => {
    const start = sizes.slice(0, i).reduce((a, b) => a + b, 0);
    out.push(encryptor.update(message.subarray(start, start + size)));
    return out;
  }, []);
  pieces.push(encryptor.finalize());
  t.deepEqual(Buffer.concat(pieces), whole);
});

test("updateInto writes into the caller's buffer and needs len + blockSize - 1 bytes", (t) => {
  const encryptor = new Cipher(new AES(key16), new ECB()).encryptor();
  const out = Buffer.alloc(16 + 15);
  t.is(encryptor.updateInto(message.subarray(0, 16), out), 16);
  t.throws(() => encryptor.updateInto(message.subarray(0, 16), Buffer.alloc(30)), {
    instanceOf: ValueError,
    message: "buffer must be at least 31 bytes for this payload",
  });
});

test("finalize ends the context: every later call is AlreadyFinalized", (t) => {
  const encryptor = new Cipher(new AES(key16), new CTR(iv16)).encryptor();
  encryptor.update(message);
  encryptor.finalize();
  t.throws(() => encryptor.update(message), { instanceOf: AlreadyFinalized });
  t.throws(() => encryptor.finalize(), {
    instanceOf: AlreadyFinalized,
    code: "ERR_HAZMAT_ALREADY_FINALIZED",
  });
  t.throws(() => encryptor.resetNonce(iv16), { instanceOf: AlreadyFinalized });
});

test("ECB/CBC data that is not a whole number of blocks fails at finalize", (t) => {
  for (const mode of [new ECB(), new CBC(iv16)]) {
    const encryptor = new Cipher(new AES(key16), mode).encryptor();
    encryptor.update(Buffer.alloc(17));
    t.throws(() => encryptor.finalize(), {
      instanceOf: ValueError,
      message: "The length of the provided data is not a multiple of the block length.",
    });
    const decryptor = new Cipher(new AES(key16), mode).decryptor();
    decryptor.update(Buffer.alloc(15));
    t.throws(() => decryptor.finalize(), { instanceOf: ValueError });
  }
});

test("GCM: AAD, tag, finalizeWithTag and the tag given in the mode", (t) => {
  const iv = Buffer.alloc(12, 5);
  const encryptor = new Cipher(new AES(key16), new GCM(iv)).encryptor();
  t.throws(() => encryptor.tag, { instanceOf: NotYetFinalized });
  encryptor.authenticateAdditionalData(Buffer.from("header"));
  const ciphertext = Buffer.concat([encryptor.update(message), encryptor.finalize()]);
  const tag = encryptor.tag;
  t.is(tag.length, 16);

  const decryptor = new Cipher(new AES(key16), new GCM(iv)).decryptor();
  decryptor.authenticateAdditionalData(Buffer.from("header"));
  const plain = Buffer.concat([decryptor.update(ciphertext), decryptor.finalizeWithTag(tag)]);
  t.deepEqual(plain, message);

  const withTag = new Cipher(new AES(key16), new GCM(iv, tag)).decryptor();
  withTag.authenticateAdditionalData(Buffer.from("header"));
  withTag.update(ciphertext);
  t.deepEqual(withTag.finalize(), Buffer.alloc(0));

  const wrongAad = new Cipher(new AES(key16), new GCM(iv, tag)).decryptor();
  wrongAad.authenticateAdditionalData(Buffer.from("Header"));
  wrongAad.update(ciphertext);
  t.throws(() => wrongAad.finalize(), { instanceOf: InvalidTag, code: "ERR_HAZMAT_INVALID_TAG" });
});

test("GCM state rules: AAD after data, decrypting without a tag, tags given twice or short", (t) => {
  const iv = Buffer.alloc(12, 5);
  const encryptor = new Cipher(new AES(key16), new GCM(iv)).encryptor();
  encryptor.update(Buffer.from("x"));
  t.throws(() => encryptor.authenticateAdditionalData(Buffer.from("late")), {
    instanceOf: AlreadyUpdated,
    message: "Update has been called on this context.",
  });

  const noTag = new Cipher(new AES(key16), new GCM(iv)).decryptor();
  noTag.update(Buffer.from("x"));
  t.throws(() => noTag.finalize(), {
    instanceOf: ValueError,
    message: "Authentication tag must be provided when decrypting.",
  });

  const twice = new Cipher(new AES(key16), new GCM(iv, Buffer.alloc(16))).decryptor();
  t.throws(() => twice.finalizeWithTag(Buffer.alloc(16)), {
    instanceOf: ValueError,
    message: "Authentication tag must be provided only once.",
  });

  const short = new Cipher(new AES(key16), new GCM(iv)).decryptor();
  t.throws(() => short.finalizeWithTag(Buffer.alloc(15)), {
    instanceOf: ValueError,
    message: "Authentication tag must be 16 bytes or longer.",
  });
  t.throws(() => new GCM(iv, Buffer.alloc(8)), {
    instanceOf: ValueError,
    message: "Authentication tag must be 16 bytes or longer.",
  });
  t.throws(() => new GCM(iv, null, 3), {
    instanceOf: ValueError,
    message: "min_tag_length must be >= 4",
  });
  t.throws(() => new GCM(Buffer.alloc(7)), {
    instanceOf: ValueError,
    message: /between 8 and 128 bytes/,
  });
});

test("GCM accepts a truncated tag down to minTagLength, and verifies it", (t) => {
  const iv = Buffer.alloc(12, 6);
  const encryptor = new Cipher(new AES(key16), new GCM(iv)).encryptor();
  const ciphertext = Buffer.concat([encryptor.update(message), encryptor.finalize()]);
  const shortTag = encryptor.tag.subarray(0, 8);
  const decryptor = new Cipher(new AES(key16), new GCM(iv, null, 8)).decryptor();
  decryptor.update(ciphertext);
  t.is(decryptor.finalizeWithTag(shortTag).length, 0);
  const bad = new Cipher(new AES(key16), new GCM(iv, null, 8)).decryptor();
  bad.update(ciphertext);
  t.throws(() => bad.finalizeWithTag(Buffer.from(shortTag.map((b, i) => (i === 0 ? b ^ 1 : b)))), {
    instanceOf: InvalidTag,
  });
});

test("XTS: key sizes, duplicated halves and the first-block rule", (t) => {
  const tweak = Buffer.alloc(16, 9);
  const key = Buffer.concat([Buffer.alloc(16, 1), Buffer.alloc(16, 2)]);
  const cipher = new Cipher(new AES(key), new XTS(tweak));
  const sector = Buffer.alloc(512, 7);
  t.deepEqual(decrypt(cipher, encrypt(cipher, sector)), sector);
  t.throws(() => new Cipher(new AES(key16), new XTS(tweak)), {
    instanceOf: ValueError,
    message: /XTS specification requires a 256-bit key/,
  });
  t.throws(() => new Cipher(new AES(Buffer.alloc(32, 1)), new XTS(tweak)).encryptor(), {
    instanceOf: ValueError,
    message: "In XTS mode duplicated keys are not allowed",
  });
  t.throws(() => cipher.encryptor().update(Buffer.alloc(15)), {
    instanceOf: ValueError,
    message: /at least a full block in the first update call/,
  });
  t.throws(() => new XTS(Buffer.alloc(15)), { instanceOf: ValueError });
});

test("resetNonce restarts CTR and ChaCha20 keystreams; other modes refuse", (t) => {
  const ctr = new Cipher(new AES(key16), new CTR(iv16));
  const encryptor = ctr.encryptor();
  const first = encryptor.update(message);
  encryptor.resetNonce(iv16);
  t.deepEqual(encryptor.update(message), first);
  t.throws(() => encryptor.resetNonce(Buffer.alloc(15)), {
    instanceOf: ValueError,
    message: "Nonce must be 16 bytes long",
  });

  const chacha = new Cipher(
    new ChaCha20(Buffer.alloc(32, 1), Buffer.alloc(16, 2)),
    null,
  ).encryptor();
  const stream = chacha.update(message);
  chacha.resetNonce(Buffer.alloc(16, 2));
  t.deepEqual(chacha.update(message), stream);

  const cbc = new Cipher(new AES(key16), new CBC(iv16)).encryptor();
  t.throws(() => cbc.resetNonce(iv16), {
    instanceOf: UnsupportedAlgorithm,
    message: /does not support resetting the nonce/,
  });
});

test("ChaCha20's nonce starts with the little-endian block counter, as PyCA 49+", (t) => {
  const key = Buffer.alloc(32, 3);
  const counterZero = Buffer.concat([Buffer.from([0, 0, 0, 0]), Buffer.alloc(12, 4)]);
  const counterOne = Buffer.concat([Buffer.from([1, 0, 0, 0]), Buffer.alloc(12, 4)]);
  const twoBlocks = new Cipher(new ChaCha20(key, counterZero), null)
    .encryptor()
    .update(Buffer.alloc(128));
  const fromBlockOne = new Cipher(new ChaCha20(key, counterOne), null)
    .encryptor()
    .update(Buffer.alloc(64));
  t.deepEqual(fromBlockOne, twoBlocks.subarray(64));
});

test("unsupported combinations are UnsupportedAlgorithm with PyCA's reason", (t) => {
  const error = t.throws(() => new Cipher(new Camellia(key16), new GCM(Buffer.alloc(12))), {
    instanceOf: UnsupportedAlgorithm,
  });
  t.is(error?.reason, _Reasons.UNSUPPORTED_CIPHER);
  t.throws(() => new Cipher(new TripleDES(Buffer.alloc(24)), new CTR(Buffer.alloc(8))), {
    instanceOf: UnsupportedAlgorithm,
  });
  t.false(backend.cipherSupported(new Camellia(key16), new GCM(Buffer.alloc(12))));
  t.true(backend.cipherSupported(new AES(key16), new GCM(Buffer.alloc(12))));
  t.true(backend.cipherSupported(new ARC4(key16), null));
});

test("backend contexts are the Cipher contexts", (t) => {
  const ciphertext = encrypt(new Cipher(new AES(key16), new CBC(iv16)), message);
  const encryptor = backend.createSymmetricEncryptionCtx(new AES(key16), new CBC(iv16));
  t.deepEqual(Buffer.concat([encryptor.update(message), encryptor.finalize()]), ciphertext);
  const decryptor = backend.createSymmetricDecryptionCtx(new AES(key16), new CBC(iv16));
  t.deepEqual(Buffer.concat([decryptor.update(ciphertext), decryptor.finalize()]), message);
});

test("algorithm objects: names, sizes and key checks as PyCA", (t) => {
  t.like(new AES(key16), { name: "AES", keySize: 128, blockSize: 128 });
  t.like(new Camellia(Buffer.alloc(32)), { name: "camellia", keySize: 256 });
  t.like(new TripleDES(Buffer.alloc(8, 1)), { name: "3DES", keySize: 192, blockSize: 64 });
  t.deepEqual(
    new TripleDES(Buffer.from("0123456789abcdef")).key,
    Buffer.from("0123456789abcdef01234567"),
  );
  t.like(new ARC4(Buffer.alloc(5)), { name: "RC4", keySize: 40 });
  t.throws(() => new AES(Buffer.alloc(15)), {
    instanceOf: ValueError,
    message: /Invalid key size \(120\) for AES/,
  });
  t.throws(() => new AES128(Buffer.alloc(32)), { instanceOf: ValueError });
  t.throws(() => new AES256(Buffer.alloc(16)), { instanceOf: ValueError });
  t.throws(() => new Blowfish(Buffer.alloc(3)), { instanceOf: ValueError });
  t.throws(() => new ChaCha20(Buffer.alloc(32), Buffer.alloc(12)), {
    instanceOf: ValueError,
    message: /nonce must be 128-bits/,
  });
  t.throws(
    () => new CBC(Buffer.alloc(15)) && new Cipher(new AES(key16), new CBC(Buffer.alloc(15))),
    { instanceOf: ValueError, message: "Invalid IV size (15) for CBC; AES needs 16 bytes" },
  );
  t.false(String(new AES(key16)).includes("11"), "toString never shows the key");
});

test("wrong JavaScript types are TypeErrors with the hazmat code", (t) => {
  const typeError = { instanceOf: TypeError, code: ERR_HAZMAT_INVALID_TYPE };
  t.throws(() => new AES("0123456789abcdef" as unknown as Uint8Array), typeError);
  t.throws(() => new CBC([1, 2, 3] as unknown as Uint8Array), typeError);
  t.throws(() => new Cipher({ name: "AES" } as unknown as AES, new ECB()), typeError);
  t.throws(() => new Cipher(new AES(key16), "CBC" as unknown as ECB), typeError);
  t.throws(() => new Cipher(new AES(key16), null), typeError);
  t.throws(() => new Cipher(new ARC4(key16), new ECB()), { instanceOf: ValueError });
  const encryptor = new Cipher(new AES(key16), new ECB()).encryptor();
  t.throws(() => encryptor.update("text" as unknown as Uint8Array), typeError);
  t.throws(() => encryptor.updateInto(message, "buf" as unknown as Uint8Array), typeError);
});
