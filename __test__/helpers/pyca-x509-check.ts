/**
 * Runs `__test__/fixtures/pyca_x509_check.py`: PyCA reads certificates, CSRs and CRLs (ours or
 * from cryptography-vectors) and reports their fields, so the façade tests compare with an
 * independent reader. One Python process per batch.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { vectorsRoot } from "./vectors.js";

const CHECK = path.join(__dirname, "..", "fixtures", "pyca_x509_check.py");

export interface PycaX509Request {
  kind: "cert" | "csr" | "crl";
  data: Uint8Array;
  pem: boolean;
  /** DER of the issuing certificate (cert: `verify_directly_issued_by`). */
  issuer?: Uint8Array;
  /** DER SubjectPublicKeyInfo (crl: `is_signature_valid`). */
  key?: Uint8Array;
}

/** A field PyCA refused to give. */
export interface PycaFieldError {
  error: string;
  message: string;
}

export type PycaX509Answer =
  | ({ ok: true } & Record<string, unknown>)
  | { ok: false; error: string; message: string };

const hex = (data: Uint8Array | undefined): string | undefined =>
  data === undefined ? undefined : Buffer.from(data).toString("hex");

/** Asks PyCA about every request in one process. */
export function pycaX509(requests: readonly PycaX509Request[]): PycaX509Answer[] {
  const payload = requests.map((r) => ({
    kind: r.kind,
    data: hex(r.data),
    pem: r.pem,
    issuer: hex(r.issuer),
    key: hex(r.key),
  }));
  const result = spawnSync("python3", [CHECK], {
    input: JSON.stringify(payload),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`pyca_x509_check.py exited with ${result.status}: ${result.stderr}`);
  }
  const answers = JSON.parse(result.stdout) as PycaX509Answer[];
  if (answers.length !== requests.length) {
    throw new Error(`asked ${requests.length} questions, got ${answers.length} answers`);
  }
  return answers;
}

/** The one answer to one request; throws when PyCA could not load the object. */
export function pycaX509One(request: PycaX509Request): Record<string, unknown> {
  const [answer] = pycaX509([request]);
  if (answer === undefined || !answer.ok) {
    throw new Error(`PyCA could not load it: ${JSON.stringify(answer)}`);
  }
  return answer;
}

/** A file of cryptography-vectors' `x509/` folder. */
export function x509Vector(relative: string): Buffer {
  return fs.readFileSync(path.join(vectorsRoot(), "x509", relative));
}

/** Runs the `openssl` command line; returns its exit status and output. */
export function openssl(args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync("openssl", args, { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Writes `files` into a fresh temporary folder and returns their paths, in order. */
export function tempFiles(files: Record<string, Uint8Array>): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hazmat-x509-"));
  const paths: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data);
    paths[name] = file;
  }
  return paths;
}
