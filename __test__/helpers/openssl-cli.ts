/**
 * A scratch folder for tests that drive the `openssl` command line (PKCS#7, PKCS#12): commands
 * run inside it, and key/self-signed-certificate pairs are made there by `openssl req`, so the
 * material hazmat reads comes from an independent implementation. The folder is removed after
 * the test file's tests.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import test from "ava";
import { type Certificate, loadPemX509Certificate } from "hazmat/x509";

/** What a command did: its exit status (null if killed), stdout, and stderr as text. */
export interface CliRun {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

/** A key and a self-signed certificate written by `openssl req -x509`. */
export interface OpensslPair {
  name: string;
  keyPem: Buffer;
  certPem: Buffer;
  cert: Certificate;
}

export interface OpensslScratch {
  /** The scratch folder, where commands run and `<name>.key` / `<name>.crt` are written. */
  readonly dir: string;
  /** Runs `command` in the folder, whatever its exit status. */
  run(command: string, args: string[], input?: Uint8Array): CliRun;
  /** Runs `command`; a non-zero exit throws with its stderr. Returns stdout. */
  runOk(command: string, args: string[], input?: Uint8Array): Buffer;
  /** As `runOk`, but stdout and stderr as one latin1 text (openssl reports some results on stderr). */
  runOutput(command: string, args: string[]): string;
  /** `<name>.key` and `<name>.crt` from `openssl req -x509 <newkey…>`, 30 days, `subject`. */
  makePair(name: string, newkey: string[], subject?: string): OpensslPair;
}

/** A fresh scratch folder named after `prefix`, removed when the file's tests are done. */
export function opensslScratch(prefix: string): OpensslScratch {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  test.after.always(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (command: string, args: string[], input?: Uint8Array): CliRun => {
    const result = spawnSync(command, args, { cwd: dir, input, timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
  };
  const checked = (command: string, args: string[], input?: Uint8Array) => {
    const result = spawnSync(command, args, { cwd: dir, input, timeout: 60_000 });
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
    }
    return result;
  };
  const runOk = (command: string, args: string[], input?: Uint8Array): Buffer =>
    checked(command, args, input).stdout;
  const runOutput = (command: string, args: string[]): string => {
    const result = checked(command, args);
    return result.stdout.toString("latin1") + result.stderr.toString("latin1");
  };
  const makePair = (name: string, newkey: string[], subject = `/CN=${name}`): OpensslPair => {
    runOk("openssl", [
      "req",
      "-x509",
      ...newkey,
      "-nodes",
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.crt`,
      "-subj",
      subject,
      "-days",
      "30",
    ]);
    const keyPem = fs.readFileSync(path.join(dir, `${name}.key`));
    const certPem = fs.readFileSync(path.join(dir, `${name}.crt`));
    return { name, keyPem, certPem, cert: loadPemX509Certificate(certPem) };
  };
  return { dir, run, runOk, runOutput, makePair };
}
