/**
 * Fernet: hazmat against the `fernet` npm package (in the same run, interleaved rounds) and
 * against PyCA `cryptography` in Python (bench/pyca_fernet.py, timed with timeit).
 *
 * Case: encrypt + decrypt of a 100-byte message. Each library does what its users write: one
 * `Fernet` per key in hazmat and PyCA; in the npm package one `Secret` per key and a `Token`
 * per message (its API), encoding a string as its users do.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { Fernet } from "hazmat/fernet";
import { compare, printRatios, printTable, type Ratio } from "./harness";

// The npm package is CommonJS without types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fernetNpm = require("fernet") as {
  Secret: new (key: string) => unknown;
  Token: new (
    options: Record<string, unknown>,
  ) => {
    encode(message: string): string;
    decode(token?: string): string;
  };
};

interface PycaTimings {
  cryptography: string;
  python: string;
  ops_per_second: Record<string, number>;
}

function runPyca(): PycaTimings | null {
  const script = path.join(__dirname, "pyca_fernet.py");
  const result = spawnSync("python3", [script], { encoding: "utf8", timeout: 300_000 });
  if (result.status !== 0) {
    console.log(`\nPyCA timings unavailable (python3 ${script}): ${result.stderr || result.error}`);
    return null;
  }
  const lines = result.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "null") as PycaTimings;
}

export function run(): boolean {
  const pyca = runPyca();
  const key = Fernet.generateKey();
  const message = Buffer.from(Array.from({ length: 100 }, (_, i) => 0x41 + (i % 26)));
  const text = message.toString("latin1");

  const ours = new Fernet(key);
  const secret = new fernetNpm.Secret(key.toString());
  const npmRoundTrip = () => {
    const token = new fernetNpm.Token({ secret, ttl: 0 }).encode(text);
    return new fernetNpm.Token({ secret, token, ttl: 0 }).decode();
  };
  // Both must agree, both ways, before anything is timed.
  if (npmRoundTrip() !== text) throw new Error("fernet (npm) failed its own round trip");
  const npmToken = new fernetNpm.Token({ secret, ttl: 0 }).encode(text);
  if (!ours.decrypt(npmToken).equals(message)) throw new Error("hazmat cannot read npm's token");
  const ourToken = ours.encrypt(message).toString();
  if (new fernetNpm.Token({ secret, token: ourToken, ttl: 0 }).decode() !== text) {
    throw new Error("fernet (npm) cannot read hazmat's token");
  }

  const results = compare(
    [
      {
        name: "hazmat Fernet encrypt+decrypt 100 B",
        run: () => ours.decrypt(ours.encrypt(message)),
      },
      { name: "fernet (npm) encode+decode 100 B", run: npmRoundTrip },
    ],
    { bytes: 100 },
  );
  printTable("Fernet encrypt + decrypt, 100-byte message", results);
  const [hazmat, npm] = results as [(typeof results)[0], (typeof results)[0]];
  const ratios: Ratio[] = [
    { label: "Fernet encrypt+decrypt 100 B vs fernet (npm)", ours: hazmat, peer: npm, target: 10 },
  ];
  const pycaOps = pyca?.ops_per_second.fernet_roundtrip_100;
  if (pyca && pycaOps !== undefined) {
    console.log(
      `  ${`PyCA ${pyca.cryptography} (Python ${pyca.python}) Fernet encrypt+decrypt 100 B`.padEnd(52)} ${(pycaOps / 1e3).toFixed(1).padStart(8)} k ops/s`,
    );
    ratios.push({
      label: `Fernet encrypt+decrypt 100 B vs PyCA ${pyca.cryptography}`,
      ours: hazmat,
      peer: { name: "PyCA Fernet", opsPerSecond: pycaOps, bytesPerOp: 100 },
      target: 3,
    });
  }
  const met = printRatios(ratios);
  return met && pyca !== null;
}

if (require.main === module) {
  process.exitCode = run() ? 0 : 1;
}
