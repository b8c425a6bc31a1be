/**
 * PyCA `cryptography` as an oracle: a batch of requests goes to `python3` running
 * `__test__/fixtures/pyca_oracle.py` as one JSON array on stdin, and the answers come back in
 * order on stdout. One process per batch, so a spec file pays Python's start-up once.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ORACLE = path.join(__dirname, "..", "fixtures", "pyca_oracle.py");

/** Bytes as the oracle takes them. */
export const toHex = (data: Uint8Array): string => Buffer.from(data).toString("hex");

export type PycaRequest =
  | {
      op: "aead_encrypt" | "aead_decrypt";
      alg: string;
      key: string;
      nonce?: string;
      data: string;
      aad: string | string[] | null;
      tag_length?: number;
    }
  | {
      op: "cipher";
      direction: "encrypt" | "decrypt";
      alg: string;
      key: string;
      mode: string | null;
      iv?: string;
      nonce?: string;
      data: string;
      aad?: string;
      tag?: string;
      min_tag_length?: number;
    }
  | { op: "hmac"; hash: string; key: string; data: string }
  | { op: "cmac"; alg: string; key: string; data: string }
  | { op: "hash"; hash: string; data: string }
  | {
      op: "fernet_encrypt";
      keys: string[];
      data: string;
      time: number;
      iv?: string;
    }
  | {
      op: "fernet_decrypt" | "fernet_rotate" | "fernet_timestamp";
      keys: string[];
      token: string;
      ttl?: number | null;
      time?: number | null;
    }
  | {
      op: "totp" | "totp_uri";
      key: string;
      length: number;
      hash: string;
      time_step: number;
      time?: number;
      enforce_key_length?: boolean;
      account?: string;
      issuer?: string | null;
    }
  | {
      op: "hotp" | "hotp_uri";
      key: string;
      length: number;
      hash: string;
      counter: number;
      enforce_key_length?: boolean;
      account?: string;
      issuer?: string | null;
    }
  | PycaKdfRequest;

/**
 * One derivation by PyCA (op "kdf"): `kdf` is the class name, `key` the key material, and the
 * rest that class's constructor arguments under PyCA's names (bytes as hex, `null` for None).
 * A member of {@link PycaRequest}.
 */
export interface PycaKdfRequest {
  op: "kdf";
  kdf:
    | "PBKDF2HMAC"
    | "Scrypt"
    | "HKDF"
    | "HKDFExpand"
    | "ConcatKDFHash"
    | "ConcatKDFHMAC"
    | "X963KDF"
    | "KBKDFHMAC"
    | "KBKDFCMAC"
    | "Argon2id";
  key: string;
  length: number;
  hash?: string;
  cipher?: string;
  salt?: string | null;
  info?: string | null;
  otherinfo?: string | null;
  sharedinfo?: string | null;
  iterations?: number;
  n?: number;
  r?: number;
  p?: number;
  rlen?: number;
  llen?: number | null;
  location?: "BeforeFixed" | "AfterFixed" | "MiddleFixed";
  label?: string | null;
  context?: string | null;
  fixed?: string | null;
  break_location?: number | null;
  lanes?: number;
  memory_cost?: number;
  ad?: string | null;
  secret?: string | null;
}

export type PycaAnswer =
  | { ok: true; out: string; tag?: string; value?: string | number }
  | { ok: false; error: string; message: string };

/** Runs every request in one Python process; throws if Python itself fails. */
export function askPyca(requests: readonly PycaRequest[]): PycaAnswer[] {
  const result = spawnSync("python3", [ORACLE], {
    input: JSON.stringify(requests),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `pyca_oracle.py exited with ${result.status}: ${result.stderr || result.error?.message}`,
    );
  }
  const answers = JSON.parse(result.stdout) as PycaAnswer[];
  if (answers.length !== requests.length) {
    throw new Error(`asked ${requests.length} questions, got ${answers.length} answers`);
  }
  return answers;
}

/** The version of PyCA `cryptography` the oracle runs (for test titles and reports). */
export function pycaVersion(): string {
  const result = spawnSync(
    "python3",
    ["-c", "import cryptography; print(cryptography.__version__)"],
    {
      encoding: "utf8",
      timeout: 30_000,
    },
  );
  return result.status === 0 ? result.stdout.trim() : "unavailable";
}

const KEYS_ORACLE = path.join(__dirname, "..", "fixtures", "pyca_keys.py");

/** One answer of `pyca_keys.py`: the op's fields, or PyCA's error class and message. */
export type PycaKeysAnswer =
  | ({ ok: true } & Record<string, unknown>)
  | {
      ok: false;
      error: string;
      message: string;
    };

/**
 * Asks `__test__/fixtures/pyca_keys.py` (key serialization and Ed25519/Ed448/X25519/X448) a
 * batch of questions in one Python process; see that file for the ops.
 */
export function askPycaKeys(requests: readonly Record<string, unknown>[]): PycaKeysAnswer[] {
  const result = spawnSync("python3", [KEYS_ORACLE], {
    input: JSON.stringify(requests),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `pyca_keys.py exited with ${result.status}: ${result.stderr || result.error?.message}`,
    );
  }
  const answers = JSON.parse(result.stdout) as PycaKeysAnswer[];
  if (answers.length !== requests.length) {
    throw new Error(`asked ${requests.length} questions, got ${answers.length} answers`);
  }
  return answers;
}
