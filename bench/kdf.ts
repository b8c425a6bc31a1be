/**
 * Key derivation: hazmat against node:crypto in the same run, in interleaved rounds.
 *
 * - PBKDF2-HMAC-SHA256, 100 000 iterations, 32-byte key: `PBKDF2HMAC.derive` vs `pbkdf2Sync`;
 * - scrypt n = 2^14, r = 8, p = 1, 32-byte key: `Scrypt.derive` vs `scryptSync`;
 * - the event loop's lag (perf_hooks.monitorEventLoopDelay) while four `deriveAsync` calls of
 *   each of PBKDF2HMAC, Scrypt and Argon2id run on hazmat's low-priority pool: it must stay under
 *   5 ms (node:crypto's own calls, on the libuv pool, are shown for context).
 */
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as os from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { SHA256 } from "hazmat/primitives/hashes";
import { Argon2id } from "hazmat/primitives/kdf/argon2";
import { PBKDF2HMAC } from "hazmat/primitives/kdf/pbkdf2";
import { Scrypt } from "hazmat/primitives/kdf/scrypt";
import { compare, printRatios, printTable, type Ratio } from "./harness";

const PASSWORD = Buffer.from("correct horse battery staple");
const SALT = Buffer.from("0123456789abcdef");
const ITERATIONS = 100_000;
const SCRYPT = { n: 2 ** 14, r: 8, p: 1 };
/** The lag target of the issue, in ms. */
const MAX_LAG_MS = 5;

/** Checks that the compared cases compute the same key before any is timed. */
function same(what: string, a: Uint8Array, b: Uint8Array): void {
  if (!Buffer.from(a).equals(Buffer.from(b))) throw new Error(`${what}: the cases disagree`);
}

function measureSync(): Ratio[] {
  const ours = () => new PBKDF2HMAC(new SHA256(), 32, SALT, ITERATIONS).derive(PASSWORD);
  const node = () => crypto.pbkdf2Sync(PASSWORD, SALT, ITERATIONS, 32, "sha256");
  same("PBKDF2", ours(), node());
  const pbkdf2 = compare(
    [
      { name: "hazmat PBKDF2HMAC(SHA256, 100k).derive", run: ours },
      { name: "node:crypto pbkdf2Sync(sha256, 100k)", run: node },
    ],
    { roundMs: 400, rounds: 4 },
  );
  printTable("PBKDF2-HMAC-SHA256, 100 000 iterations, 32-byte key", pbkdf2);

  const { n, r, p } = SCRYPT;
  const oursScrypt = () => new Scrypt(SALT, 32, n, r, p).derive(PASSWORD);
  const nodeScrypt = () => crypto.scryptSync(PASSWORD, SALT, 32, { N: n, r, p });
  same("scrypt", oursScrypt(), nodeScrypt());
  const scrypt = compare(
    [
      { name: "hazmat Scrypt(n=2^14, r=8, p=1).derive", run: oursScrypt },
      { name: "node:crypto scryptSync(N=2^14, r=8, p=1)", run: nodeScrypt },
    ],
    { roundMs: 400, rounds: 4 },
  );
  printTable("scrypt n=2^14, r=8, p=1, 32-byte key", scrypt);

  const ratio = (label: string, results: typeof pbkdf2): Ratio => {
    const [ours, peer] = results;
    if (ours === undefined || peer === undefined) throw new Error("missing result");
    return { label, ours, peer, target: 1 };
  };
  return [
    ratio("PBKDF2-HMAC-SHA256 100k vs node:crypto pbkdf2Sync", pbkdf2),
    ratio("scrypt 2^14/8/1 vs node:crypto scryptSync", scrypt),
  ];
}

interface Lag {
  label: string;
  p99: number;
  max: number;
  elapsed: number;
  /** Every run's "max/p99" in ms, the median one included, so one hiccup shows as such. */
  runs?: string;
}

/** Event-loop delay (ms) while four derivations run off the JavaScript thread. */
async function lagDuring(label: string, start: () => Promise<Buffer>): Promise<Lag> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const begin = performance.now();
  await Promise.all([start(), start(), start(), start()]);
  const elapsed = performance.now() - begin;
  histogram.disable();
  return { label, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, elapsed };
}

const argon2Options = { salt: SALT, length: 32, iterations: 3, lanes: 4, memoryCost: 64 * 1024 };

async function measureLag(): Promise<boolean> {
  const cases: [string, () => Promise<Buffer>][] = [
    [
      "4 x PBKDF2HMAC(SHA256, 100k).deriveAsync",
      () => new PBKDF2HMAC(new SHA256(), 32, SALT, ITERATIONS).deriveAsync(PASSWORD),
    ],
    [
      "4 x Scrypt(n=2^14, r=8, p=1).deriveAsync",
      () => new Scrypt(SALT, 32, SCRYPT.n, SCRYPT.r, SCRYPT.p).deriveAsync(PASSWORD),
    ],
    [
      "4 x Argon2id(t=3, m=64 MiB, lanes=4).deriveAsync",
      () => new Argon2id(argon2Options).deriveAsync(PASSWORD),
    ],
  ];
  // The peers, for context (not targets): node:crypto's own thread-pool PBKDF2 and scrypt.
  const peers: [string, () => Promise<Buffer>][] = [
    [
      "(peer) 4 x node:crypto pbkdf2, 100k",
      () =>
        new Promise((resolve, reject) =>
          crypto.pbkdf2(PASSWORD, SALT, ITERATIONS, 32, "sha256", (error, key) =>
            error ? reject(error) : resolve(key),
          ),
        ),
    ],
    [
      "(peer) 4 x node:crypto scrypt, N=2^14, r=8, p=1",
      () =>
        new Promise((resolve, reject) =>
          crypto.scrypt(PASSWORD, SALT, 32, { N: SCRYPT.n, r: SCRYPT.r, p: SCRYPT.p }, (e, key) =>
            e ? reject(e) : resolve(key),
          ),
        ),
    ],
  ];
  // Warm-up: load, fetch and JIT everything once, so the measurement sees steady state.
  for (const [, start] of [...cases, ...peers]) await start();

  /** The run with the median max lag of three: one scheduler hiccup does not decide. */
  const medianOfThree = async (label: string, start: () => Promise<Buffer>): Promise<Lag> => {
    const runs: Lag[] = [];
    for (let i = 0; i < 3; i++) runs.push(await lagDuring(label, start));
    const each = runs.map((run) => `${run.max.toFixed(1)}/${run.p99.toFixed(1)}`).join(" ");
    runs.sort((a, b) => a.max - b.max);
    return { ...(runs[1] as Lag), runs: each };
  };
  const ours: Lag[] = [];
  for (const [label, start] of cases) ours.push(await medianOfThree(label, start));
  const theirs: Lag[] = [];
  for (const [label, start] of peers) theirs.push(await medianOfThree(label, start));
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  console.log(
    `\nEvent-loop lag while four deriveAsync calls run (target < ${MAX_LAG_MS} ms; median of 3 runs; ${cores} cores, hazmat pool ${Math.min(cores, 8)} threads, peers' libuv pool ${process.env.UV_THREADPOOL_SIZE ?? 4})`,
  );
  let met = true;
  for (const lag of [...ours, ...theirs]) {
    const isOurs = ours.includes(lag);
    const ok = lag.p99 < MAX_LAG_MS && lag.max < MAX_LAG_MS;
    if (isOurs) met &&= ok;
    const verdict = isOurs ? `; ${ok ? "met" : "NOT met"}` : "";
    console.log(
      `  ${lag.label.padEnd(52)} p99 ${lag.p99.toFixed(2).padStart(6)} ms  max ${lag.max.toFixed(2).padStart(6)} ms  (${lag.elapsed.toFixed(0)} ms total${verdict}; runs max/p99: ${lag.runs})`,
    );
  }
  return met;
}

/**
 * The lag measurement runs in a child process (this file with `--lag`): it needs the event loop,
 * and `run()` reports synchronously like every other benchmark of `bench/index.ts`.
 */
function measureLagInChild(): boolean {
  const child = spawnSync(process.execPath, ["--import=tsx", __filename, "--lag"], {
    encoding: "utf8",
    timeout: 300_000,
  });
  process.stdout.write(child.stdout ?? "");
  if (child.status !== 0 && child.status !== 1) {
    console.log(`\nlag measurement failed: ${child.stderr || child.error}`);
  }
  return child.status === 0;
}

export function run(): boolean {
  const ratiosMet = printRatios(measureSync());
  const lagMet = measureLagInChild();
  return ratiosMet && lagMet;
}

if (require.main === module) {
  if (process.argv.includes("--lag")) {
    measureLag().then(
      (met) => {
        process.exitCode = met ? 0 : 1;
      },
      (error: unknown) => {
        console.error(error);
        process.exitCode = 2;
      },
    );
  } else {
    run();
  }
}
