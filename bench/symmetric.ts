/**
 * Symmetric primitives: hazmat against node:crypto and @noble/ciphers / @noble/hashes, measured
 * in the same run in interleaved rounds, and against PyCA `cryptography` in Python
 * (bench/pyca_symmetric.py, run once through `python3`, timed with timeit).
 *
 * Cases: AES-256-GCM and ChaCha20-Poly1305 encryption of 64 B and 1 MiB, one-shot SHA-256 of
 * 64 B, streaming SHA-256 of 1 MiB in 64 KiB updates, HMAC-SHA256 of 64 B. Each library does
 * what its users write: hazmat keeps one `AESGCM` per key (as PyCA users do), node:crypto
 * builds a cipher per message (createCipheriv … final + getAuthTag), noble builds `gcm(key,
 * nonce)` per message.
 */
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as path from "node:path";
import { gcm } from "@noble/ciphers/aes.js";
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import { hmac as nobleHmac } from "@noble/hashes/hmac.js";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { AESGCM, ChaCha20Poly1305 } from "hazmat/primitives/ciphers/aead";
import { Hash, hash, SHA256 } from "hazmat/primitives/hashes";
import { HMAC } from "hazmat/primitives/hmac";
import { type Case, compare, printRatios, printTable, type Ratio, type Result } from "./harness";

const MIB = 1 << 20;
const CHUNK = 64 * 1024;

/** The PyCA timings, by bench/pyca_symmetric.py's case names. */
interface PycaTimings {
  cryptography: string;
  openssl: string;
  python: string;
  ops_per_second: Record<string, number>;
}

function runPyca(): PycaTimings | null {
  const script = path.join(__dirname, "pyca_symmetric.py");
  const result = spawnSync("python3", [script], { encoding: "utf8", timeout: 300_000 });
  if (result.status !== 0) {
    console.log(`\nPyCA timings unavailable (python3 ${script}): ${result.stderr || result.error}`);
    return null;
  }
  const lines = result.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "null") as PycaTimings;
}

// node:crypto.hash (Node ≥ 20.12 / 21.7) skips the Hash object; fall back to createHash.
const nodeHash = (crypto as { hash?: (alg: string, data: Uint8Array, enc: "buffer") => Buffer })
  .hash;

function measure(title: string, bytes: number, cases: Case[]): Result[] {
  const results = compare(cases, { bytes });
  printTable(title, results);
  return results;
}

/** Checks that every case computes the same bytes before any of them is timed. */
function sameOutput(what: string, outputs: Uint8Array[]): void {
  const [first, ...rest] = outputs.map((o) => Buffer.from(o).toString("hex"));
  if (rest.some((o) => o !== first)) throw new Error(`${what}: the compared cases disagree`);
}

export function run(): boolean {
  const pyca = runPyca();
  const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
  const nonce = Buffer.alloc(12);
  const small = Buffer.from(Array.from({ length: 64 }, (_, i) => i));
  const large = Buffer.alloc(MIB);
  const ratios: Ratio[] = [];
  const pycaRatios: Ratio[] = [];
  /** Comparisons that explain a miss; printed, never counted as targets. */
  const pycaExtras: Ratio[] = [];
  const versusPyca = (
    label: string,
    ours: Result | undefined,
    pycaCase: string,
    into: Ratio[] = pycaRatios,
  ) => {
    const ops = pyca?.ops_per_second[pycaCase];
    if (ours === undefined || ops === undefined) return;
    const peer = { name: `PyCA ${pycaCase}`, opsPerSecond: ops, bytesPerOp: ours.bytesPerOp };
    into.push({ label: `${label} vs PyCA ${pyca?.cryptography}`, ours, peer, target: 1 });
  };

  const aeads = [
    {
      name: "AES-256-GCM",
      nodeName: "aes-256-gcm",
      hazmat: new AESGCM(key),
      noble: (k: Uint8Array, n: Uint8Array) => gcm(k, n),
      pycaName: "aesgcm",
    },
    {
      name: "ChaCha20-Poly1305",
      nodeName: "chacha20-poly1305",
      hazmat: new ChaCha20Poly1305(key),
      noble: (k: Uint8Array, n: Uint8Array) => chacha20poly1305(k, n),
      pycaName: "chacha20poly1305",
    },
  ];
  for (const { name, nodeName, hazmat, noble, pycaName } of aeads) {
    for (const [label, data] of [
      ["64 B", small],
      ["1 MiB", large],
    ] as const) {
      const nodeEncrypt = () => {
        const cipher = crypto.createCipheriv(nodeName as "aes-256-gcm", key, nonce, {
          authTagLength: 16,
        });
        const head = cipher.update(data);
        const tail = cipher.final();
        return [head, tail, cipher.getAuthTag()];
      };
      sameOutput(`${name} ${label}`, [
        hazmat.encrypt(nonce, data, null),
        Buffer.concat(nodeEncrypt()),
        noble(key, nonce).encrypt(data),
      ]);
      const [ours, node, nobleResult] = measure(`${name} encrypt, ${label}`, data.length, [
        {
          name: `hazmat ${name === "AES-256-GCM" ? "AESGCM" : "ChaCha20Poly1305"}.encrypt`,
          run: () => hazmat.encrypt(nonce, data, null),
        },
        { name: "node:crypto createCipheriv…final+getAuthTag", run: nodeEncrypt },
        {
          name: `@noble/ciphers ${name === "AES-256-GCM" ? "gcm" : "chacha20poly1305"}(key, nonce).encrypt`,
          run: () => noble(key, nonce).encrypt(data),
        },
      ]);
      if (ours === undefined || node === undefined || nobleResult === undefined) continue;
      if (data.length === 64) {
        ratios.push({ label: `${name} encrypt 64 B vs node:crypto`, ours, peer: node, target: 3 });
        ratios.push({
          label: `${name} encrypt 64 B vs @noble/ciphers`,
          ours,
          peer: nobleResult,
          target: 20,
        });
        versusPyca(`${name} encrypt 64 B`, ours, `${pycaName}_encrypt_64`);
      } else {
        ratios.push({ label: `${name} encrypt 1 MiB vs node:crypto`, ours, peer: node, target: 1 });
        versusPyca(`${name} encrypt 1 MiB`, ours, `${pycaName}_encrypt_1mib`);
        // The same sealing into a caller's buffer, on both sides: what is left of the 1 MiB
        // gap once neither runtime allocates a fresh megabyte per call.
        const sealed = Buffer.alloc(MIB + 16);
        const [into] = compare(
          [{ name: "encryptInto", run: () => hazmat.encryptInto(nonce, data, null, sealed) }],
          { bytes: data.length },
        );
        versusPyca(
          `${name} encryptInto 1 MiB (PyCA encrypt_into)`,
          into,
          `${pycaName}_encrypt_into_1mib`,
          pycaExtras,
        );
      }
    }
  }

  // SHA-256, one shot, 64 B.
  const sha256 = new SHA256();
  const nodeSha256 = nodeHash
    ? { name: "node:crypto.hash('sha256')", run: () => nodeHash("sha256", small, "buffer") }
    : {
        name: "node:crypto.createHash('sha256')",
        run: () => crypto.createHash("sha256").update(small).digest(),
      };
  sameOutput("SHA-256 64 B", [hash(sha256, small), nodeSha256.run(), nobleSha256(small)]);
  {
    const [ours, node] = measure("SHA-256, 64 B one-shot", 64, [
      { name: "hazmat hash(SHA256, data)", run: () => hash(sha256, small) },
      nodeSha256,
      { name: "@noble/hashes sha256(data)", run: () => nobleSha256(small) },
    ]);
    if (ours && node) {
      ratios.push({ label: `SHA-256 64 B vs ${nodeSha256.name}`, ours, peer: node, target: 2 });
      versusPyca("SHA-256 64 B (PyCA: Hash+update+finalize)", ours, "sha256_64");
    }
  }

  // SHA-256, streaming 1 MiB in 64 KiB updates.
  const chunks = Array.from({ length: MIB / CHUNK }, (_, i) =>
    large.subarray(i * CHUNK, (i + 1) * CHUNK),
  );
  const hazmatStream = () => {
    const digest = new Hash(sha256);
    for (const chunk of chunks) digest.update(chunk);
    return digest.finalize();
  };
  const nodeStream = () => {
    const digest = crypto.createHash("sha256");
    for (const chunk of chunks) digest.update(chunk);
    return digest.digest();
  };
  const nobleStream = () => {
    const digest = nobleSha256.create();
    for (const chunk of chunks) digest.update(chunk);
    return digest.digest();
  };
  sameOutput("SHA-256 1 MiB", [hazmatStream(), nodeStream(), nobleStream()]);
  {
    const [ours, node] = measure("SHA-256, 1 MiB streaming in 64 KiB updates", MIB, [
      { name: "hazmat Hash.update ×16, finalize", run: hazmatStream },
      { name: "node:crypto createHash.update ×16, digest", run: nodeStream },
      { name: "@noble/hashes sha256.create().update ×16", run: nobleStream },
    ]);
    if (ours && node) {
      ratios.push({ label: "SHA-256 1 MiB streaming vs createHash", ours, peer: node, target: 1 });
      versusPyca("SHA-256 1 MiB streaming", ours, "sha256_1mib_streaming");
    }
  }

  // HMAC-SHA256, 64 B.
  const hazmatHmac = () => {
    const mac = new HMAC(key, sha256);
    mac.update(small);
    return mac.finalize();
  };
  const nodeHmac = () => crypto.createHmac("sha256", key).update(small).digest();
  sameOutput("HMAC-SHA256 64 B", [hazmatHmac(), nodeHmac(), nobleHmac(nobleSha256, key, small)]);
  {
    const [ours, node] = measure("HMAC-SHA256, 64 B", 64, [
      { name: "hazmat new HMAC(key, SHA256).update.finalize", run: hazmatHmac },
      { name: "node:crypto createHmac.update.digest", run: nodeHmac },
      {
        name: "@noble/hashes hmac(sha256, key, data)",
        run: () => nobleHmac(nobleSha256, key, small),
      },
    ]);
    if (ours && node) {
      ratios.push({ label: "HMAC-SHA256 64 B vs createHmac", ours, peer: node, target: 2 });
      versusPyca("HMAC-SHA256 64 B", ours, "hmac_sha256_64");
    }
  }

  const metPeers = printRatios(ratios);
  if (pyca === null) return metPeers;
  console.log(
    `\nPyCA ${pyca.cryptography} (${pyca.openssl}, Python ${pyca.python}), timed separately with timeit:`,
  );
  for (const { ours, peer, label } of pycaRatios) {
    console.log(
      `  ${label.padEnd(64)} PyCA ${peer.opsPerSecond.toFixed(0).padStart(9)} ops/s, hazmat ${ours.opsPerSecond.toFixed(0).padStart(9)} ops/s`,
    );
  }
  const metPyca = printRatios(pycaRatios);
  if (pycaExtras.length > 0) {
    console.log(
      "\nNot targets — the same sealing into the caller's buffer (no allocation either side):",
    );
    printRatios(pycaExtras, { judged: false });
  }
  return metPeers && metPyca;
}

if (require.main === module) run();
