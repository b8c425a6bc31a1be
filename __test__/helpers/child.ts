/** Runs JavaScript in a fresh `node` process (so each test sees a process-wide state of its own). */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..");

export interface ChildResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `source` as a CommonJS script in a new node process rooted at the repository. */
export function runNode(
  source: string,
  options: { env?: NodeJS.ProcessEnv; args?: string[] } = {},
): ChildResult {
  const result = spawnSync(process.execPath, [...(options.args ?? []), "-e", source], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `source` and parses the JSON it prints on its last stdout line. */
export function runNodeJson<T>(
  source: string,
  options: { env?: NodeJS.ProcessEnv; args?: string[] } = {},
): T {
  const result = runNode(source, options);
  if (result.status !== 0) {
    throw new Error(`child exited with ${result.status}: ${result.stderr}`);
  }
  const lines = result.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "null") as T;
}
