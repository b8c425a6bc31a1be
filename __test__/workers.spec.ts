/** worker_threads: the engine is installed once per process and its state is shared. */
import { Worker } from "node:worker_threads";
import test from "ava";
import { backend } from "hazmat/backends/openssl";

interface WorkerReport {
  index: number;
  activeAtLoad: boolean;
  implementation: string;
  draws: string[];
  activeAfterSwitch: boolean;
}

// Each worker loads hazmat the moment all four are ready (an Atomics barrier), draws bytes,
// then waits while worker 0 switches to the built-in DRBG, and reports what it sees.
const workerSource = `
  const { parentPort, workerData } = require("node:worker_threads");
  const { index, shared } = workerData;
  const counters = new Int32Array(shared);
  Atomics.add(counters, 0, 1);
  while (Atomics.load(counters, 0) < 4) Atomics.wait(counters, 0, Atomics.load(counters, 0), 10);
  const { backend } = require("hazmat/backends/openssl");
  const { randomBytes } = require("hazmat/random");
  const activeAtLoad = backend.osrandomEngineActive();
  const draws = Array.from({ length: 50 }, () => randomBytes(32).toString("hex"));
  Atomics.add(counters, 1, 1);
  while (Atomics.load(counters, 1) < 4) Atomics.wait(counters, 1, Atomics.load(counters, 1), 10);
  if (index === 0) { backend.activateBuiltinRandom(); Atomics.store(counters, 2, 1); Atomics.notify(counters, 2); }
  while (Atomics.load(counters, 2) === 0) Atomics.wait(counters, 2, 0, 10);
  draws.push(randomBytes(32).toString("hex"));
  parentPort.postMessage({ index, activeAtLoad, implementation: backend.osrandomEngineImplementation(),
    draws, activeAfterSwitch: backend.osrandomEngineActive() });
`;

test.serial(
  "four workers load hazmat at once, share the engine state, and exit cleanly",
  async (t) => {
    const shared = new SharedArrayBuffer(16);
    const reports: WorkerReport[] = [];
    const exits = await Promise.all(
      [0, 1, 2, 3].map(
        (index) =>
          new Promise<number>((resolve, reject) => {
            const worker = new Worker(workerSource, { eval: true, workerData: { index, shared } });
            worker.on("message", (report: WorkerReport) => reports.push(report));
            worker.on("error", reject);
            worker.on("exit", resolve);
          }),
      ),
    );
    try {
      t.deepEqual(exits, [0, 0, 0, 0]);
      t.is(reports.length, 4);
      for (const report of reports) {
        t.true(report.activeAtLoad, `worker ${report.index} saw the engine active at load`);
        t.false(report.activeAfterSwitch, `worker ${report.index} saw worker 0's switch`);
        t.is(report.implementation, backend.osrandomEngineImplementation());
      }
      t.false(backend.osrandomEngineActive(), "the main thread shares the state too");
      const all = reports.flatMap((r) => r.draws);
      t.is(new Set(all).size, all.length, "no two draws in any thread are equal");
    } finally {
      backend.activateOsrandomEngine();
    }
  },
);

test.serial("a worker that switches back is seen by the main thread, and vice versa", async (t) => {
  backend.activateBuiltinRandom();
  const seenByWorker = await new Promise<boolean>((resolve, reject) => {
    const worker = new Worker(
      `const { parentPort } = require("node:worker_threads");
       const { backend } = require("hazmat/backends/openssl");
       const before = backend.osrandomEngineActive();
       backend.activateOsrandomEngine();
       parentPort.postMessage(before);`,
      { eval: true },
    );
    worker.on("message", resolve);
    worker.on("error", reject);
  });
  t.false(seenByWorker);
  t.true(backend.osrandomEngineActive());
});
