/**
 * Runs a Python program given as text (`python3 -c`) with `input` as JSON on stdin and returns
 * its stdout parsed as JSON: how the specs ask PyCA, an independent implementation, for answers
 * in one process per batch. A non-zero exit throws with Python's stderr.
 */
import { spawnSync } from "node:child_process";

export function runPythonJson<T>(program: string, input: unknown, timeoutMs = 120_000): T {
  const result = spawnSync("python3", ["-c", program], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
  });
  if (result.status !== 0) {
    throw new Error(`python3 failed (status ${result.status}): ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}
