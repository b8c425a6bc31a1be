/**
 * Reads the known-answer files of PyCA's `cryptography-vectors` package (installed with pip, the
 * same pin as `cryptography`): NIST CAVP `.rsp` response files, the RFC vectors PyCA reformatted
 * into the same `KEY = value` shape, and the NTT/CRYPTREC layout of the Camellia ECB files.
 *
 * The package is found by asking `python3` where it lives, once per process; set
 * `CRYPTOGRAPHY_VECTORS_DIR` to point at another copy of its `cryptography_vectors/` folder.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

let root: string | undefined;

/** The `cryptography_vectors` package folder. */
export function vectorsRoot(): string {
  if (root !== undefined) return root;
  const fromEnv = process.env.CRYPTOGRAPHY_VECTORS_DIR;
  if (fromEnv) {
    root = fromEnv;
    return root;
  }
  const found = spawnSync(
    "python3",
    [
      "-c",
      "import cryptography_vectors, os; print(os.path.dirname(cryptography_vectors.__file__))",
    ],
    { encoding: "utf8", timeout: 30_000 },
  );
  const located = found.stdout?.trim();
  if (found.status !== 0 || !located) {
    throw new Error(
      `cannot locate the cryptography_vectors package (pip install cryptography-vectors): ${found.stderr ?? found.error}`,
    );
  }
  root = located;
  return root;
}

/** The text of one vector file, by its path inside the package (`"hashes/SHA2/SHA256ShortMsg.rsp"`). */
export function readVectorFile(relative: string): string {
  return fs.readFileSync(path.join(vectorsRoot(), relative), "utf8");
}

/** One record of a NIST-style file: its own fields over the ones it inherits. */
export interface NistRecord {
  /** The file it came from, for test titles and failure messages. */
  file: string;
  /** The last bare `[NAME]` line before it (`"ENCRYPT"`, `"DECRYPT"`, `"KWP"`), or null. */
  section: string | null;
  /**
   * Keys lowercased. Values as written, trimmed: hex, decimal, or a `"quoted string"`. Fields
   * of `[KEY = value, …]` lines and of blocks without a count (CCM's `Key`/`Nonce` blocks, a
   * file's header) are inherited by the records that follow, which override them.
   */
  fields: Record<string, string>;
  /** A bare `FAIL` line: the record must not authenticate or unwrap. */
  fail: boolean;
  /** 1-based line of the record's first line. */
  line: number;
}

const KEY = /^[A-Za-z][A-Za-z0-9_ ()-]*$/;

/** `KEY = value` → [lowercased key, trimmed value]; anything else → null. */
function keyValue(line: string): [string, string] | null {
  const equals = line.indexOf("=");
  if (equals <= 0) return null;
  const key = line.slice(0, equals).trim();
  return KEY.test(key) ? [key.toLowerCase(), line.slice(equals + 1).trim()] : null;
}

/**
 * Parses a NIST CAVP response file or one of PyCA's files in that form. A record is a block of
 * `KEY = value` lines; a `COUNT` line starts one. In a file that numbers its records, blocks
 * without a count hold parameters for the records after them; in one that does not (the hash
 * and HMAC files), every block is a record.
 */
export function parseNist(text: string, file = "<text>"): NistRecord[] {
  const lines = text.split(/\r?\n/);
  const numbered = lines.some((line) => /^count\s*=/i.test(line.trim()));
  const records: NistRecord[] = [];
  let section: string | null = null;
  let inherited: Record<string, string> = {};
  let block: Record<string, string> = {};
  let blockFail = false;
  let blockLine = 0;
  let blockHasCount = false;

  const flush = () => {
    if (blockLine === 0) return;
    if (!numbered || blockHasCount) {
      records.push({
        file,
        section,
        fields: { ...inherited, ...block },
        fail: blockFail,
        line: blockLine,
      });
    } else {
      inherited = { ...inherited, ...block };
    }
    block = {};
    blockFail = false;
    blockLine = 0;
    blockHasCount = false;
  };

  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") {
      flush();
      return;
    }
    if (line.startsWith("#")) return;
    if (line.startsWith("[") && line.endsWith("]")) {
      flush();
      const inside = line.slice(1, -1).trim();
      if (!inside.includes("=")) {
        section = inside;
        return;
      }
      for (const part of inside.split(",")) {
        const pair = keyValue(part);
        if (pair) inherited[pair[0]] = pair[1];
      }
      return;
    }
    const pair = keyValue(line);
    if (pair === null) {
      if (line.toUpperCase() === "FAIL") blockFail = true;
      return;
    }
    const [key, value] = pair;
    if (key === "count") {
      flush();
      blockHasCount = true;
    }
    if (blockLine === 0) blockLine = index + 1;
    block[key] = value;
  });
  flush();
  return records;
}

/** {@link parseNist} on a file of the package. */
export function loadNist(relative: string): NistRecord[] {
  return parseNist(readVectorFile(relative), relative);
}

/** Hex (any case, spaces allowed) or a `"quoted string"` (its UTF-8 bytes) → bytes. */
export function bytes(value: string | undefined): Buffer {
  if (value === undefined) throw new Error("missing vector field");
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return Buffer.from(trimmed.slice(1, -1), "utf8");
  }
  const digits = trimmed.replace(/\s+/g, "");
  if (!/^([0-9a-fA-F]{2})*$/.test(digits)) throw new Error(`not hex: ${value.slice(0, 40)}`);
  return Buffer.from(digits, "hex");
}

/**
 * A field that NIST writes as `00` when its length field says zero bytes (hash `Msg` with
 * `Len = 0`, CCM `Adata`/`Payload` with `Alen`/`Plen = 0`): the bytes, cut to `lengthBytes`.
 */
export function bytesOfLength(value: string | undefined, lengthBytes: number): Buffer {
  const all = bytes(value);
  if (all.length < lengthBytes) {
    throw new Error(`field has ${all.length} bytes, its length says ${lengthBytes}`);
  }
  return all.subarray(0, lengthBytes);
}

/** A required field of a record (throws, naming the record, when absent). */
export function field(record: NistRecord, key: string): string {
  const value = record.fields[key.toLowerCase()];
  if (value === undefined) {
    throw new Error(`${record.file}:${record.line}: no field ${key}`);
  }
  return value;
}

/** `file:line` of a record, for assertion messages. */
export function where(record: NistRecord): string {
  return `${record.file}:${record.line}`;
}

export interface HashVector {
  message: Buffer;
  digest: Buffer;
  line: number;
}

/**
 * The byte-oriented hash files (`Len` in bits, `Msg`, and `MD` or `Output`): SHA ShortMsg and
 * LongMsg, SHAKE ShortMsg/LongMsg, BLAKE2, SM3, MD5. Records whose length is not a whole number
 * of bytes are left out.
 */
export function loadHashVectors(relative: string): HashVector[] {
  return loadNist(relative)
    .filter((record) => Number(field(record, "len")) % 8 === 0)
    .map((record) => ({
      message: bytesOfLength(field(record, "msg"), Number(field(record, "len")) / 8),
      digest: bytes(record.fields.md ?? record.fields.output),
      line: record.line,
    }));
}

export interface BlockVector {
  key: Buffer;
  plaintext: Buffer;
  ciphertext: Buffer;
  line: number;
}

/**
 * The NTT Camellia ECB files (`K No.001 : 00 01 …`, then `P No.001`/`C No.001` pairs that use
 * the last key given).
 */
export function loadCryptrecVectors(relative: string): BlockVector[] {
  const vectors: BlockVector[] = [];
  let key: Buffer | undefined;
  let plaintext: Buffer | undefined;
  readVectorFile(relative)
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const match = /^([KPC]) No\.\d+\s*:\s*(.*)$/.exec(raw.trim());
      if (match === null) return;
      const value = bytes(match[2]);
      if (match[1] === "K") key = value;
      else if (match[1] === "P") plaintext = value;
      else if (key !== undefined && plaintext !== undefined) {
        vectors.push({ key, plaintext, ciphertext: value, line: index + 1 });
        plaintext = undefined;
      }
    });
  return vectors;
}

/**
 * A deterministic subset: at most `count` items, evenly spread over the list and always
 * including its first and last. Used where a set has thousands of records.
 */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  if (count <= 1) return items.slice(0, count);
  const picked: T[] = [];
  for (let i = 0; i < count; i++) {
    const item = items[Math.round((i * (items.length - 1)) / (count - 1))];
    if (item !== undefined) picked.push(item);
  }
  return picked;
}

/**
 * Groups records by the values of the given inherited parameters (e.g. GCM's
 * `keylen`/`ivlen`/`ptlen`/`aadlen`/`taglen`) and keeps the first `perGroup` records of each
 * group, and of each group's FAIL records too, so every parameter combination is exercised.
 */
export function firstOfEachGroup(
  records: readonly NistRecord[],
  keys: readonly string[],
  perGroup: number,
): NistRecord[] {
  const taken = new Map<string, number>();
  return records.filter((record) => {
    const group = `${keys.map((k) => record.fields[k]).join("/")}/${record.fail}`;
    const count = taken.get(group) ?? 0;
    taken.set(group, count + 1);
    return count < perGroup;
  });
}

/**
 * The records of a file where `COUNT` starts each record and every `KEY = value` line up to
 * the next `COUNT` belongs to it, blank lines included (PyCA's RFC 5869, RFC 6070, RFC 7914 and
 * Argon2 files). Keys lowercased, values trimmed; `[…]` lines and comments are skipped.
 */
export function loadCountedRecords(relative: string): NistRecord[] {
  const records: NistRecord[] = [];
  let current: NistRecord | null = null;
  readVectorFile(relative)
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === "" || line.startsWith("#") || line.startsWith("[")) return;
      const pair = keyValue(line);
      if (pair === null) return;
      if (pair[0] === "count") {
        current = { file: relative, section: null, fields: {}, fail: false, line: index + 1 };
        records.push(current);
      }
      if (current !== null) current.fields[pair[0]] = pair[1];
    });
  return records;
}

/** A field written as plain text with `\0` escapes (RFC 6070's `pass\0word`) → its bytes. */
export function textBytes(value: string | undefined): Buffer {
  if (value === undefined) throw new Error("missing vector field");
  return Buffer.from(value.replace(/\\0/g, "\0"), "latin1");
}

/** Argon2id's constructor options and password in one record of `KDF/argon2id.txt`. */
export function argon2idRecord(record: NistRecord): {
  options: {
    salt: Buffer;
    length: number;
    iterations: number;
    lanes: number;
    memoryCost: number;
    ad: Buffer | null;
    secret: Buffer | null;
  };
  password: Buffer;
  expected: Buffer;
} {
  return {
    options: {
      salt: bytes(field(record, "salt")),
      length: Number(field(record, "length")),
      iterations: Number(field(record, "iter")),
      lanes: Number(field(record, "lanes")),
      memoryCost: Number(field(record, "memcost")),
      ad: record.fields.ad === undefined ? null : bytes(record.fields.ad),
      secret: record.fields.secret === undefined ? null : bytes(record.fields.secret),
    },
    password: bytes(record.fields.pass ?? ""),
    expected: bytes(field(record, "output")),
  };
}

/** Scrypt's constructor arguments and password in one record of `KDF/scrypt.txt`. */
export function scryptRecord(record: NistRecord): {
  args: [salt: Buffer, length: number, n: number, r: number, p: number];
  password: Buffer;
  expected: Buffer;
} {
  return {
    args: [
      textBytes(field(record, "salt")),
      Number(field(record, "length")),
      Number(field(record, "n")),
      Number(field(record, "r")),
      Number(field(record, "p")),
    ],
    password: textBytes(field(record, "password")),
    expected: bytes(field(record, "derived_key")),
  };
}
