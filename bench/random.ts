/**
 * hazmat/random against node:crypto, with the OS random engine active and with OpenSSL's
 * built-in DRBG, and against the raw OS source (getrandom(2) on Linux) as the ceiling.
 */
import * as crypto from "node:crypto";
import { backend } from "hazmat/backends/openssl";
import { randomBytes, randomFill } from "hazmat/random";
import { compare, printRatios, printTable, type Ratio, type Result } from "./harness";

// The raw OS source, bypassing OpenSSL: a benchmark-only export of the native addon.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const native = require("../index.js") as { osRandomFillRaw(buf: Uint8Array): void };

const sizes: [string, number][] = [
  ["32 B", 32],
  ["1 KiB", 1024],
  ["1 MiB", 1 << 20],
];

function getRandomValuesBytes(size: number): Uint8Array {
  // getRandomValues refuses more than 65 536 bytes per call.
  const out = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65536) {
    crypto.getRandomValues(out.subarray(offset, Math.min(size, offset + 65536)));
  }
  return out;
}

export function run(): boolean {
  const ratios: Ratio[] = [];
  for (const [label, size] of sizes) {
    const target = Buffer.alloc(size);
    const engineOn = () => backend.activateOsrandomEngine();
    const builtinOn = () => backend.activateBuiltinRandom();
    const [engine, builtin, builtinFill, raw, nodeBytes, nodeFill, webcrypto] = compare(
      [
        {
          name: "hazmat randomBytes, OS random engine",
          setup: engineOn,
          run: () => randomBytes(size),
        },
        {
          name: "hazmat randomBytes, built-in DRBG",
          setup: builtinOn,
          run: () => randomBytes(size),
        },
        {
          name: "hazmat randomFill, built-in DRBG",
          setup: builtinOn,
          run: () => randomFill(target),
        },
        {
          name: `raw OS source (${backend.osrandomEngineImplementation()}), no OpenSSL`,
          run: () => native.osRandomFillRaw(Buffer.allocUnsafe(size)),
        },
        { name: "node:crypto.randomBytes", run: () => crypto.randomBytes(size) },
        { name: "node:crypto.randomFillSync", run: () => crypto.randomFillSync(target) },
        {
          name: `crypto.getRandomValues${size > 65536 ? " (64 KiB chunks)" : ""}`,
          run: () => getRandomValuesBytes(size),
        },
      ],
      { bytes: size },
    ) as [Result, Result, Result, Result, Result, Result, Result];
    engineOn();
    printTable(`randomBytes(${label})`, [
      engine,
      builtin,
      builtinFill,
      raw,
      nodeBytes,
      nodeFill,
      webcrypto,
    ]);

    if (size === 32) {
      ratios.push({
        label: "engine, 32 B vs node:crypto.randomBytes(32)",
        ours: engine,
        peer: nodeBytes,
        target: 3,
      });
      ratios.push({
        label: "engine, 32 B vs crypto.getRandomValues",
        ours: engine,
        peer: webcrypto,
        target: 1,
      });
    }
    if (size === 1 << 20) {
      ratios.push({
        label: "engine, 1 MiB vs raw OS source",
        ours: engine,
        peer: raw,
        target: 0.9,
      });
      ratios.push({
        label: "built-in DRBG randomFill, 1 MiB vs node:crypto.randomFillSync",
        ours: builtinFill,
        peer: nodeFill,
        target: 0.9,
      });
    }
  }
  return printRatios(ratios);
}

if (require.main === module) run();
