/**
 * Known answers from `cryptography-vectors`: NIST CAVP RSA signature verification (PKCS#1 v1.5
 * and PSS, SigVer and SigGen files: every record's expected result), and the PKCS#1 OAEP
 * decryption vectors (RSA's own SHA-1 set and PyCA's SHA-2 combinations, a deterministic
 * subset of the latter to keep the file fast).
 */
import test from "ava";
import { InvalidSignature } from "hazmat/exceptions";
import { MGF1, OAEP, PKCS1v15, PSS } from "hazmat/primitives/asymmetric/padding";
import { RSAPrivateNumbers, RSAPublicNumbers } from "hazmat/primitives/asymmetric/rsa";
import * as hashes from "hazmat/primitives/hashes";
import { readVectorFile } from "./helpers/vectors";

type HashName = "SHA1" | "SHA224" | "SHA256" | "SHA384" | "SHA512";
const HASHES: Record<HashName, new () => hashes.HashAlgorithm> = {
  SHA1: hashes.SHA1,
  SHA224: hashes.SHA224,
  SHA256: hashes.SHA256,
  SHA384: hashes.SHA384,
  SHA512: hashes.SHA512,
};
const hash = (name: string) => new HASHES[name.toUpperCase() as HashName]();
const big = (hex: string) => BigInt(`0x${hex.replace(/\s+/g, "")}`);

interface SigRecord {
  n: string;
  e: string;
  shaalg: string;
  msg: string;
  s: string;
  saltval?: string;
  result?: string;
  line: number;
}

/** NIST SigVer/SigGen records: `n` (and for SigGen `e`) carried over from earlier blocks. */
function sigRecords(file: string): SigRecord[] {
  const records: SigRecord[] = [];
  const fields: Record<string, string> = {};
  readVectorFile(file)
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      const match = /^([A-Za-z]+) = (.*)$/.exec(line);
      if (!match) return;
      const [, key = "", value = ""] = match;
      fields[key.toLowerCase()] = value;
      const last = file.includes("SigVer") ? "result" : "s";
      if (key.toLowerCase() === last) {
        records.push({ ...(fields as unknown as SigRecord), line: index + 1 });
      }
    });
  return records;
}

for (const [file, pss] of [
  ["asymmetric/RSA/FIPS_186-2/SigVer15_186-3.rsp", false],
  ["asymmetric/RSA/FIPS_186-2/SigVerPSS_186-3.rsp", true],
  ["asymmetric/RSA/FIPS_186-2/SigGen15_186-3.rsp", false],
  ["asymmetric/RSA/FIPS_186-2/SigGenPSS_186-3.rsp", true],
] as const) {
  test(`NIST CAVP ${file.split("/").pop()}: every record verifies or fails as expected`, (t) => {
    const records = sigRecords(file);
    t.true(records.length >= 250, `${records.length} records`);
    let passes = 0;
    for (const record of records) {
      const algorithm = hash(record.shaalg);
      const saltLength = pss
        ? record.saltval === "00"
          ? 0
          : (record.saltval?.length ?? 0) / 2
        : 0;
      const padding = pss ? new PSS(new MGF1(algorithm), saltLength) : new PKCS1v15();
      const expected = record.result === undefined || record.result.startsWith("P");
      let verified: boolean;
      try {
        const key = new RSAPublicNumbers(big(record.e), big(record.n)).publicKey();
        key.verify(
          Buffer.from(record.s, "hex"),
          Buffer.from(record.msg, "hex"),
          padding,
          algorithm,
        );
        verified = true;
      } catch (error) {
        if (!(error instanceof InvalidSignature)) throw error;
        verified = false;
      }
      if (verified) passes++;
      t.is(verified, expected, `${file}:${record.line}`);
    }
    t.true(passes > 0);
  });
}

interface OaepRecord {
  numbers: RSAPrivateNumbers;
  message: Buffer;
  encryption: Buffer;
  alg: string;
  mgf1: string;
  line: number;
}

/** The `# Label:` + hex layout of RSA's pkcs-1v2-1d2 files and PyCA's oaep-custom files. */
function oaepRecords(file: string, defaults: { alg: string; mgf1: string }): OaepRecord[] {
  const records: OaepRecord[] = [];
  let fields: Record<string, string> = {};
  let label: string | null = null;
  let { alg, mgf1 } = defaults;
  const flush = (line: number) => {
    if (fields.Encryption === undefined) return;
    const f = fields as Record<string, string>;
    const v = (k: string) => big(f[k] ?? "0");
    records.push({
      numbers: new RSAPrivateNumbers(
        v("Prime 1"),
        v("Prime 2"),
        v("Exponent"),
        v("Prime exponent 1"),
        v("Prime exponent 2"),
        v("Coefficient"),
        new RSAPublicNumbers(v("Public exponent"), v("Modulus")),
      ),
      message: Buffer.from((f.Message ?? "").replace(/\s+/g, ""), "hex"),
      encryption: Buffer.from((f.Encryption ?? "").replace(/\s+/g, ""), "hex"),
      alg,
      mgf1,
      line,
    });
    delete fields.Encryption;
    delete fields.Message;
  };
  readVectorFile(file)
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      const algs = /alg=(\w+) mgf1=(\w+)/.exec(line);
      if (algs) [, alg = alg, mgf1 = mgf1] = algs;
      if (line.startsWith("#") || line.startsWith("=")) {
        if (label === "Encryption") flush(index);
        const heading = /^# ([A-Za-z0-9 ]+):\s*$/.exec(line);
        label = heading ? (heading[1] ?? null) : null;
        if (label === "Modulus" && fields.Modulus !== undefined) {
          fields = { ...fields, Modulus: "" };
        }
        if (label !== null) fields[label] = "";
        return;
      }
      if (label !== null && /^[0-9a-fA-F ]+$/.test(line)) fields[label] += line;
      else if (label === "Encryption" && line === "") flush(index);
    });
  if (label === "Encryption") flush(-1);
  return records;
}

test("PKCS#1 v2.1 OAEP vectors (SHA-1): every ciphertext decrypts to its message", (t) => {
  const records = oaepRecords("asymmetric/RSA/pkcs-1v2-1d2-vec/oaep-vect.txt", {
    alg: "sha1",
    mgf1: "sha1",
  });
  t.is(records.length, 60);
  let lastKey: RSAPrivateNumbers | null = null;
  let key = null as ReturnType<RSAPrivateNumbers["privateKey"]> | null;
  for (const record of records) {
    if (record.numbers !== lastKey) {
      key = record.numbers.privateKey();
      lastKey = record.numbers;
    }
    const padding = new OAEP(new MGF1(new hashes.SHA1()), new hashes.SHA1(), null);
    t.deepEqual(key?.decrypt(record.encryption, padding), record.message, `line ${record.line}`);
  }
});

test("PyCA's OAEP SHA-2 vectors (every hash pairing, first records of each file)", (t) => {
  let count = 0;
  for (const a of ["sha1", "sha224", "sha256", "sha384", "sha512"]) {
    for (const m of ["sha1", "sha224", "sha256", "sha384", "sha512"]) {
      if (a === "sha1" && m === "sha1") continue;
      const file = `asymmetric/RSA/oaep-custom/oaep-${m}-${a}.txt`;
      const records = oaepRecords(file, { alg: a, mgf1: m }).slice(0, 6);
      t.true(records.length > 0, file);
      for (const record of records) {
        const padding = new OAEP(new MGF1(hash(record.mgf1)), hash(record.alg), null);
        const key = record.numbers.privateKey({ unsafeSkipRsaKeyValidation: true });
        t.deepEqual(
          key.decrypt(record.encryption, padding),
          record.message,
          `${file}:${record.line}`,
        );
        count++;
      }
    }
  }
  t.true(count >= 24 * 6 - 24);
});
