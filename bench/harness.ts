/**
 * A small benchmark harness: cases run in calibrated batches, in interleaved rounds, keeping each
 * case's best round (the least disturbed by the other core's work); results are printed as ops/s
 * and as ratios between cases measured in the same run.
 */
import { performance } from "node:perf_hooks";

export interface Result {
  name: string;
  opsPerSecond: number;
  bytesPerOp: number;
}

export interface Options {
  /** Bytes handled per operation, for the MB/s column. */
  bytes?: number;
  /** Time budget per round, ms. */
  roundMs?: number;
  rounds?: number;
}

export interface Case {
  name: string;
  run: () => unknown;
  /** Runs before each of this case's rounds (e.g. switching the random source). */
  setup?: () => void;
}

function calibrate(run: () => unknown): number {
  // A batch that takes ~10 ms, so timer reads do not dominate small operations.
  let batch = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) run();
    if (performance.now() - start > 10 || batch > 1 << 24) return batch;
    batch *= 2;
  }
}

/**
 * Measures cases side by side: rounds are interleaved (A B C, A B C, …) so drift in machine
 * speed affects every case alike, and each case keeps its best round.
 */
export function compare(cases: Case[], options: Options = {}): Result[] {
  const roundMs = options.roundMs ?? 250;
  const rounds = options.rounds ?? 6;
  const batches = cases.map((c) => {
    c.setup?.();
    return calibrate(c.run);
  });
  const best = cases.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    cases.forEach((c, index) => {
      c.setup?.();
      const batch = batches[index] ?? 1;
      let operations = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < roundMs) {
        for (let i = 0; i < batch; i++) c.run();
        operations += batch;
        elapsed = performance.now() - start;
      }
      best[index] = Math.max(best[index] ?? 0, (operations * 1000) / elapsed);
    });
  }
  return cases.map((c, index) => ({
    name: c.name,
    opsPerSecond: best[index] ?? 0,
    bytesPerOp: options.bytes ?? 0,
  }));
}

function formatOps(ops: number): string {
  if (ops >= 1e6) return `${(ops / 1e6).toFixed(2)} M`;
  if (ops >= 1e3) return `${(ops / 1e3).toFixed(1)} k`;
  return ops.toFixed(1);
}

export function printTable(title: string, results: Result[]): void {
  console.log(`\n${title}`);
  for (const r of results) {
    const throughput =
      r.bytesPerOp > 0
        ? `${((r.opsPerSecond * r.bytesPerOp) / 1e6).toFixed(0).padStart(7)} MB/s`
        : "";
    console.log(
      `  ${r.name.padEnd(52)} ${formatOps(r.opsPerSecond).padStart(10)} ops/s ${throughput}`,
    );
  }
}

export interface Ratio {
  label: string;
  ours: Result;
  peer: Result;
  /** The target from the issue, as a minimum ratio. */
  target: number;
}

export function printRatios(ratios: Ratio[], { judged = true } = {}): boolean {
  console.log("\nRatios (ours / peer, higher is better)");
  let allMet = true;
  for (const { label, ours, peer, target } of ratios) {
    const ratio = ours.opsPerSecond / peer.opsPerSecond;
    const met = ratio >= target;
    allMet &&= met;
    const verdict = judged ? `  (target >= ${target}x: ${met ? "met" : "NOT met"})` : "";
    console.log(`  ${label.padEnd(64)} ${ratio.toFixed(2).padStart(6)}x${verdict}`);
  }
  return allMet;
}
