/**
 * Interop with PyCA `cryptography` (the reference), both directions, in one Python process:
 *
 * - every AEAD (AESGCM, ChaCha20Poly1305, AESCCM, AESSIV, AESOCB3, AESGCMSIV): what hazmat seals,
 *   PyCA opens; what PyCA seals, hazmat opens; and both seal the same inputs to the same bytes;
 * - `Cipher` with AES-CBC, AES-CTR, AES-GCM (with AAD and tag) and ChaCha20, the same ways;
 * - HMAC (SHA-1/2/3, MD5, keys shorter and longer than a block) and CMAC (AES, Camellia, SM4,
 *   TripleDES): equal tags, and hazmat's `verify` accepts PyCA's tag.
 *
 * Inputs are deterministic (SHA-256 in counter mode over a label), so a failure reproduces.
 */
import { createHash } from "node:crypto";
import test, { type ExecutionContext } from "ava";
import { TripleDES } from "hazmat/decrepit/ciphers/algorithms";
import { ValueError } from "hazmat/exceptions";
import { Cipher } from "hazmat/primitives/ciphers";
import {
  AESCCM,
  AESGCM,
  AESGCMSIV,
  AESOCB3,
  AESSIV,
  ChaCha20Poly1305,
} from "hazmat/primitives/ciphers/aead";
import { AES, Camellia, ChaCha20, SM4 } from "hazmat/primitives/ciphers/algorithms";
import { CBC, CTR, GCM } from "hazmat/primitives/ciphers/modes";
import { CMAC } from "hazmat/primitives/cmac";
import {
  type HashAlgorithm,
  MD5,
  SHA1,
  SHA3_256,
  SHA3_512,
  SHA224,
  SHA256,
  SHA384,
  SHA512,
  SHA512_256,
} from "hazmat/primitives/hashes";
import { HMAC } from "hazmat/primitives/hmac";
import { askPyca, type PycaAnswer, type PycaRequest, pycaVersion, toHex } from "./helpers/pyca";

/** Deterministic bytes: SHA-256(label/counter) blocks. */
function seeded(label: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let offset = 0, counter = 0; offset < length; counter++) {
    offset += createHash("sha256").update(`${label}/${counter}`).digest().copy(out, offset);
  }
  return out;
}

type Check = (t: ExecutionContext, answers: PycaAnswer[]) => void;

interface InteropCase {
  title: string;
  /** Runs hazmat's side and says what to ask PyCA and how to judge the answers. */
  prepare: () => { requests: PycaRequest[]; check: Check };
}

const cases: InteropCase[] = [];

function answerOut(t: ExecutionContext, answer: PycaAnswer | undefined, what: string): string {
  if (answer === undefined) {
    t.fail(`${what}: no answer`);
    return "";
  }
  if (!answer.ok) {
    t.fail(`${what}: PyCA raised ${answer.error}: ${answer.message}`);
    return "";
  }
  return answer.out;
}

// --- AEADs with a nonce -------------------------------------------------------------------------

interface NonceAead {
  encrypt(nonce: Uint8Array, data: Uint8Array, associatedData: Uint8Array | null): Buffer;
  decrypt(nonce: Uint8Array, data: Uint8Array, associatedData: Uint8Array | null): Buffer;
}

const DATA_LENGTHS = [0, 1, 16, 33, 1024, 70_000];

const nonceAeads: {
  alg: string;
  keySizes: number[];
  nonceSizes: number[];
  tagLengths?: number[];
  make: (key: Buffer, tagLength: number) => NonceAead;
}[] = [
  { alg: "AESGCM", keySizes: [16, 24, 32], nonceSizes: [12, 8, 64], make: (k) => new AESGCM(k) },
  {
    alg: "ChaCha20Poly1305",
    keySizes: [32],
    nonceSizes: [12],
    make: (k) => new ChaCha20Poly1305(k),
  },
  {
    alg: "AESCCM",
    keySizes: [16, 24, 32],
    nonceSizes: [13, 7, 11],
    tagLengths: [16, 8, 4, 12],
    make: (k, tagLength) => new AESCCM(k, tagLength),
  },
  { alg: "AESOCB3", keySizes: [16, 24, 32], nonceSizes: [12, 15, 13], make: (k) => new AESOCB3(k) },
  { alg: "AESGCMSIV", keySizes: [16, 32], nonceSizes: [12], make: (k) => new AESGCMSIV(k) },
];

for (const { alg, keySizes, nonceSizes, tagLengths, make } of nonceAeads) {
  DATA_LENGTHS.forEach((length, index) => {
    const keySize = keySizes[index % keySizes.length] ?? 16;
    const nonceSize = nonceSizes[index % nonceSizes.length] ?? 12;
    const tagLength = tagLengths?.[index % tagLengths.length] ?? 16;
    const withAad = index % 2 === 1;
    const label = `${alg} ${keySize * 8}-bit key, ${nonceSize}-byte nonce, ${tagLength}-byte tag, ${length} bytes${withAad ? " + AAD" : ""}`;
    cases.push({
      title: `${label}: hazmat ⇄ PyCA`,
      prepare: () => {
        const key = seeded(`${label}/key`, keySize);
        const nonce = seeded(`${label}/nonce`, nonceSize);
        const data = seeded(`${label}/data`, length);
        const aad = withAad ? seeded(`${label}/aad`, 7 + index) : null;
        const aead = make(key, tagLength);
        const sealed = aead.encrypt(nonce, data, aad);
        const common = {
          alg,
          key: toHex(key),
          nonce: toHex(nonce),
          aad: aad === null ? null : toHex(aad),
          tag_length: tagLength,
        };
        return {
          requests: [
            { op: "aead_decrypt", ...common, data: toHex(sealed) },
            { op: "aead_encrypt", ...common, data: toHex(data) },
          ],
          check: (t, [opened, sealedByPyca]) => {
            t.is(sealed.length, length + tagLength, "ciphertext ‖ tag length");
            t.is(answerOut(t, opened, "PyCA decrypting hazmat's"), toHex(data));
            const pycaSealed = answerOut(t, sealedByPyca, "PyCA encrypting");
            t.is(toHex(sealed), pycaSealed, "same inputs, same ciphertext");
            t.is(toHex(aead.decrypt(nonce, Buffer.from(pycaSealed, "hex"), aad)), toHex(data));
          },
        };
      },
    });
  });
}

// --- AESSIV: a list of associated data, no nonce ------------------------------------------------

const sivShapes: [number, number, number[] | null][] = [
  [32, 0, null],
  [48, 1, []],
  [64, 16, [5]],
  [32, 1024, [0, 12, 16]],
  [64, 70_000, [3, 3]],
];
for (const [keySize, length, aadLengths] of sivShapes) {
  const label = `AESSIV ${keySize * 8}-bit key, ${length} bytes, AAD ${aadLengths === null ? "null" : `[${aadLengths.join(", ")}]`}`;
  cases.push({
    title: `${label}: hazmat ⇄ PyCA`,
    prepare: () => {
      const key = seeded(`${label}/key`, keySize);
      const data = seeded(`${label}/data`, length);
      const aad = aadLengths?.map((size, i) => seeded(`${label}/aad${i}`, size)) ?? null;
      const siv = new AESSIV(key);
      const sealed = siv.encrypt(data, aad);
      const common = { alg: "AESSIV", key: toHex(key), aad: aad?.map(toHex) ?? null };
      return {
        requests: [
          { op: "aead_decrypt", ...common, data: toHex(sealed) },
          { op: "aead_encrypt", ...common, data: toHex(data) },
        ],
        check: (t, [opened, sealedByPyca]) => {
          t.is(answerOut(t, opened, "PyCA decrypting hazmat's"), toHex(data));
          const pycaSealed = answerOut(t, sealedByPyca, "PyCA encrypting");
          t.is(toHex(sealed), pycaSealed, "same inputs, same SIV ‖ ciphertext");
          t.is(toHex(siv.decrypt(Buffer.from(pycaSealed, "hex"), aad)), toHex(data));
        },
      };
    },
  });
}

// --- Cipher: AES-CBC, AES-CTR, AES-GCM, ChaCha20 -----------------------------------------------

type Algorithm = ConstructorParameters<typeof Cipher>[0];
type AnyMode = ConstructorParameters<typeof Cipher>[1];

function hazmatCrypt(
  direction: "encrypt" | "decrypt",
  algorithm: Algorithm,
  mode: AnyMode,
  data: Uint8Array,
): Buffer {
  const cipher = new Cipher(algorithm, mode);
  const context = direction === "encrypt" ? cipher.encryptor() : cipher.decryptor();
  // Two updates cut off any block boundary, as a streaming user would.
  const cut = Math.floor(data.length / 3) + 1;
  return Buffer.concat([
    context.update(data.subarray(0, cut)),
    context.update(data.subarray(cut)),
    context.finalize(),
  ]);
}

const streamShapes: [string, number, number[]][] = [
  ["CBC", 16, [0, 16, 64, 4096, 65_536]],
  ["CBC", 32, [16, 48, 1024]],
  ["CTR", 16, [0, 1, 17, 1000, 70_001]],
  ["CTR", 32, [15, 64, 65_537]],
];
for (const [modeName, keySize, lengths] of streamShapes) {
  for (const length of lengths) {
    const label = `Cipher AES-${keySize * 8}-${modeName}, ${length} bytes`;
    cases.push({
      title: `${label}: hazmat ⇄ PyCA`,
      prepare: () => {
        const key = seeded(`${label}/key`, keySize);
        const iv = seeded(`${label}/iv`, 16);
        const data = seeded(`${label}/data`, length);
        const mode = () => (modeName === "CBC" ? new CBC(iv) : new CTR(iv));
        const ciphertext = hazmatCrypt("encrypt", new AES(key), mode(), data);
        const common = {
          op: "cipher",
          alg: "AES",
          key: toHex(key),
          mode: modeName,
          iv: toHex(iv),
        } as const;
        return {
          requests: [
            { ...common, direction: "decrypt", data: toHex(ciphertext) },
            { ...common, direction: "encrypt", data: toHex(data) },
          ],
          check: (t, [opened, encrypted]) => {
            t.is(answerOut(t, opened, "PyCA decrypting hazmat's"), toHex(data));
            const pycaCiphertext = answerOut(t, encrypted, "PyCA encrypting");
            t.is(toHex(ciphertext), pycaCiphertext, "same ciphertext");
            const back = hazmatCrypt(
              "decrypt",
              new AES(key),
              mode(),
              Buffer.from(pycaCiphertext, "hex"),
            );
            t.is(toHex(back), toHex(data));
          },
        };
      },
    });
  }
}

const gcmShapes: [number, number, number, number][] = [
  // key bytes, IV bytes, data bytes, AAD bytes
  [16, 12, 0, 0],
  [16, 12, 64, 20],
  [24, 8, 1000, 0],
  [32, 12, 70_000, 33],
  [32, 60, 17, 1],
];
for (const [keySize, ivSize, length, aadSize] of gcmShapes) {
  const label = `Cipher AES-${keySize * 8}-GCM, ${ivSize}-byte IV, ${length} bytes, ${aadSize} bytes AAD`;
  cases.push({
    title: `${label}: hazmat ⇄ PyCA`,
    prepare: () => {
      const key = seeded(`${label}/key`, keySize);
      const iv = seeded(`${label}/iv`, ivSize);
      const data = seeded(`${label}/data`, length);
      const aad = seeded(`${label}/aad`, aadSize);
      const encryptor = new Cipher(new AES(key), new GCM(iv)).encryptor();
      encryptor.authenticateAdditionalData(aad);
      const ciphertext = Buffer.concat([encryptor.update(data), encryptor.finalize()]);
      const tag = encryptor.tag;
      const common = {
        op: "cipher",
        alg: "AES",
        key: toHex(key),
        mode: "GCM",
        iv: toHex(iv),
        aad: toHex(aad),
      } as const;
      return {
        requests: [
          { ...common, direction: "decrypt", data: toHex(ciphertext), tag: toHex(tag) },
          { ...common, direction: "encrypt", data: toHex(data) },
        ],
        check: (t, [opened, encrypted]) => {
          t.is(answerOut(t, opened, "PyCA decrypting hazmat's"), toHex(data));
          const pycaCiphertext = answerOut(t, encrypted, "PyCA encrypting");
          const pycaTag = encrypted?.ok ? (encrypted.tag ?? "") : "";
          t.is(toHex(ciphertext), pycaCiphertext, "same ciphertext");
          t.is(toHex(tag), pycaTag, "same tag");
          const decryptor = new Cipher(
            new AES(key),
            new GCM(iv, Buffer.from(pycaTag, "hex")),
          ).decryptor();
          decryptor.authenticateAdditionalData(aad);
          const back = Buffer.concat([
            decryptor.update(Buffer.from(pycaCiphertext, "hex")),
            decryptor.finalize(),
          ]);
          t.is(toHex(back), toHex(data));
        },
      };
    },
  });
}

// The last one ends exactly at the end of the 32-bit block counter.
for (const [counter, length] of [
  [0, 0],
  [1, 114],
  [0xfffffffe, 128],
] as const) {
  const label = `Cipher ChaCha20, counter ${counter}, ${length} bytes`;
  cases.push({
    title: `${label}: hazmat ⇄ PyCA`,
    prepare: () => {
      const key = seeded(`${label}/key`, 32);
      const nonce = Buffer.concat([Buffer.alloc(4), seeded(`${label}/nonce`, 12)]);
      nonce.writeUInt32LE(counter, 0);
      const data = seeded(`${label}/data`, length);
      const ciphertext = hazmatCrypt("encrypt", new ChaCha20(key, nonce), undefined, data);
      const common = {
        op: "cipher",
        alg: "ChaCha20",
        key: toHex(key),
        mode: null,
        nonce: toHex(nonce),
      } as const;
      return {
        requests: [
          { ...common, direction: "decrypt", data: toHex(ciphertext) },
          { ...common, direction: "encrypt", data: toHex(data) },
        ],
        check: (t, [opened, encrypted]) => {
          t.is(answerOut(t, opened, "PyCA decrypting hazmat's"), toHex(data));
          t.is(toHex(ciphertext), answerOut(t, encrypted, "PyCA encrypting"), "same keystream");
        },
      };
    },
  });
}

{
  // PyCA (50) refuses to run the 32-bit block counter past 2^32 - 1, where OpenSSL alone keeps
  // going; hazmat must refuse the same message with the same error class.
  const label = "Cipher ChaCha20, counter 2^32 - 1, 65 bytes (counter overflow)";
  cases.push({
    title: `${label}: refused by PyCA and hazmat alike (ValueError)`,
    prepare: () => {
      const key = seeded(`${label}/key`, 32);
      const nonce = Buffer.concat([Buffer.alloc(4), seeded(`${label}/nonce`, 12)]);
      nonce.writeUInt32LE(0xffffffff, 0);
      const data = seeded(`${label}/data`, 65);
      let hazmatError: unknown = null;
      try {
        hazmatCrypt("encrypt", new ChaCha20(key, nonce), undefined, data);
      } catch (error) {
        hazmatError = error;
      }
      const request = {
        op: "cipher",
        alg: "ChaCha20",
        key: toHex(key),
        mode: null,
        nonce: toHex(nonce),
        direction: "encrypt",
        data: toHex(data),
      } as const;
      return {
        requests: [request],
        check: (t, [answer]) => {
          t.like(answer, { ok: false, error: "ValueError" }, "PyCA refuses");
          t.true(hazmatError instanceof ValueError, `hazmat: ${String(hazmatError)}`);
        },
      };
    },
  });
}

// --- HMAC and CMAC ------------------------------------------------------------------------------

const hmacHashes: [string, () => HashAlgorithm][] = [
  ["MD5", () => new MD5()],
  ["SHA1", () => new SHA1()],
  ["SHA224", () => new SHA224()],
  ["SHA256", () => new SHA256()],
  ["SHA384", () => new SHA384()],
  ["SHA512", () => new SHA512()],
  ["SHA512_256", () => new SHA512_256()],
  ["SHA3_256", () => new SHA3_256()],
  ["SHA3_512", () => new SHA3_512()],
];
for (const [pycaName, makeHash] of hmacHashes) {
  const shapes: [number, number][] = [
    [0, 0],
    [16, 3],
    [64, 1000],
    [200, 70_000],
  ];
  const label = `HMAC-${pycaName}, keys of 0/16/64/200 bytes`;
  cases.push({
    title: `${label}: same tags as PyCA`,
    prepare: () => {
      const inputs = shapes.map(([keySize, length]) => ({
        key: seeded(`${label}/${keySize}/key`, keySize),
        data: seeded(`${label}/${keySize}/data`, length),
      }));
      const tags = inputs.map(({ key, data }) => {
        const mac = new HMAC(key, makeHash());
        mac.update(data);
        return mac.finalize();
      });
      return {
        requests: inputs.map(({ key, data }) => ({
          op: "hmac",
          hash: pycaName,
          key: toHex(key),
          data: toHex(data),
        })),
        check: (t, answers) => {
          inputs.forEach(({ key, data }, i) => {
            const pycaTag = answerOut(t, answers[i], `PyCA HMAC #${i}`);
            t.is(toHex(tags[i] ?? Buffer.alloc(0)), pycaTag, `key ${key.length} bytes`);
            const verifier = new HMAC(key, makeHash());
            verifier.update(data);
            t.notThrows(() => verifier.verify(Buffer.from(pycaTag, "hex")));
          });
        },
      };
    },
  });
}

const cmacCiphers: [string, number, (key: Buffer) => ConstructorParameters<typeof CMAC>[0]][] = [
  ["AES", 16, (k) => new AES(k)],
  ["AES", 32, (k) => new AES(k)],
  ["Camellia", 24, (k) => new Camellia(k)],
  ["SM4", 16, (k) => new SM4(k)],
  ["TripleDES", 24, (k) => new TripleDES(k)],
];
for (const [pycaName, keySize, makeCipher] of cmacCiphers) {
  const label = `CMAC-${pycaName}-${keySize * 8}`;
  cases.push({
    title: `${label}: same tags as PyCA`,
    prepare: () => {
      const inputs = [0, 8, 16, 33, 5000].map((length) => ({
        key: seeded(`${label}/${length}/key`, keySize),
        data: seeded(`${label}/${length}/data`, length),
      }));
      const tags = inputs.map(({ key, data }) => {
        const mac = new CMAC(makeCipher(key));
        mac.update(data);
        return mac.finalize();
      });
      return {
        requests: inputs.map(({ key, data }) => ({
          op: "cmac",
          alg: pycaName,
          key: toHex(key),
          data: toHex(data),
        })),
        check: (t, answers) => {
          inputs.forEach(({ key, data }, i) => {
            const pycaTag = answerOut(t, answers[i], `PyCA CMAC #${i}`);
            t.is(toHex(tags[i] ?? Buffer.alloc(0)), pycaTag, `${data.length} bytes`);
            const verifier = new CMAC(makeCipher(key));
            verifier.update(data);
            t.notThrows(() => verifier.verify(Buffer.from(pycaTag, "hex")));
          });
        },
      };
    },
  });
}

// --- One Python process for everything --------------------------------------------------------

interface Prepared {
  check?: Check;
  answers: PycaAnswer[];
  error?: unknown;
}
const prepared = new Map<InteropCase, Prepared>();
let oracleError: unknown;

test.before(() => {
  const requests: PycaRequest[] = [];
  const spans = new Map<InteropCase, [number, number]>();
  for (const c of cases) {
    try {
      const { requests: asked, check } = c.prepare();
      spans.set(c, [requests.length, requests.length + asked.length]);
      requests.push(...asked);
      prepared.set(c, { check, answers: [] });
    } catch (error) {
      // hazmat failed on its side; that case's test reports it, the others still run.
      prepared.set(c, { answers: [], error });
    }
  }
  try {
    const answers = askPyca(requests);
    for (const [c, [from, to]] of spans) {
      const entry = prepared.get(c);
      if (entry) entry.answers = answers.slice(from, to);
    }
  } catch (error) {
    oracleError = error;
  }
});

test(`the oracle runs PyCA cryptography (${pycaVersion()})`, (t) => {
  if (oracleError) throw oracleError;
  t.pass();
});

for (const c of cases) {
  test(c.title, (t) => {
    if (oracleError) throw oracleError;
    const entry = prepared.get(c);
    if (entry === undefined) return t.fail("not prepared");
    if (entry.error !== undefined) throw entry.error;
    entry.check?.(t, entry.answers);
  });
}
