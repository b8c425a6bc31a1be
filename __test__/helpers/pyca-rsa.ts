/**
 * PyCA `cryptography` as the RSA oracle: requests go to `__test__/fixtures/pyca_rsa.py` in one
 * batch (one Python process), answers come back in order. Keys travel as their numbers in hex.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ORACLE = path.join(__dirname, "..", "fixtures", "pyca_rsa.py");

export interface HexPublicNumbers {
  e: string;
  n: string;
}

export interface HexPrivateNumbers extends HexPublicNumbers {
  p: string;
  q: string;
  d: string;
  dmp1: string;
  dmq1: string;
  iqmp: string;
}

export type HexPadding =
  | { kind: "pkcs1" }
  | { kind: "pss"; mgf: string; salt: "max" | "digest" | "auto" | number }
  | { kind: "oaep"; mgf: string; hash: string; label: string | null };

export type RsaRequest =
  | { op: "generate"; key_size: number }
  | { op: "sign"; private: HexPrivateNumbers; data: string; padding: HexPadding; hash: string }
  | {
      op: "verify";
      public: HexPublicNumbers;
      signature: string;
      data: string;
      padding: HexPadding;
      hash: string;
    }
  | { op: "encrypt"; public: HexPublicNumbers; data: string; padding: HexPadding }
  | { op: "decrypt"; private: HexPrivateNumbers; data: string; padding: HexPadding }
  | { op: "crt"; p: string; q: string; d: string; e: string; n: string };

export interface RsaAnswer {
  ok: boolean;
  out?: string;
  value?: boolean;
  private?: HexPrivateNumbers;
  iqmp?: string;
  dmp1?: string;
  dmq1?: string;
  recovered_d?: string;
  factors?: [string, string];
  error?: string;
  message?: string;
}

/** Runs every request in one Python process; throws if Python itself fails. */
export function askPycaRsa(requests: readonly RsaRequest[]): RsaAnswer[] {
  const result = spawnSync("python3", [ORACLE], {
    input: JSON.stringify(requests),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`pyca_rsa.py exited with ${result.status}: ${result.stderr}`);
  }
  const answers = JSON.parse(result.stdout) as RsaAnswer[];
  if (answers.length !== requests.length) {
    throw new Error(`asked ${requests.length} questions, got ${answers.length} answers`);
  }
  return answers;
}
