/**
 * RSA-3072 PSS (SHA-256, MGF1-SHA-256, digest-length salt) sign and verify against node:crypto,
 * and the event-loop lag while `generatePrivateKeyAsync(65537, 4096)` runs on hazmat's background
 * pool (measured in child processes, since lag needs an event loop of its own; the median of
 * three runs, beside the same probe with nothing running).
 * Targets (issue 5): ≥ 1.0× node:crypto; lag < 5 ms.
 */
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import { MGF1, PSS } from "hazmat/primitives/asymmetric/padding";
import { generatePrivateKey } from "hazmat/primitives/asymmetric/rsa";
import { SHA256 } from "hazmat/primitives/hashes";
// No package export for serialization yet: the built module, as `hazmat/…` resolves to dist/.
import { Encoding, NoEncryption, PrivateFormat } from "hazmat/primitives/serialization";
import { compare, printRatios, printTable } from "./harness";

/** Worst gap between 1 ms timer ticks while `work` runs (or for 1.5 s when it is "idle"). */
const lagProbe = (work: string) => `
const rsa = require("hazmat/primitives/asymmetric/rsa");
const generateKeyPair = require("node:util").promisify(require("node:crypto").generateKeyPair);
let worst = 0;
let last = performance.now();
const timer = setInterval(() => {
  const now = performance.now();
  worst = Math.max(worst, now - last - 1);
  last = now;
}, 1);
(async () => {
  const started = performance.now();
  ${work}
  clearInterval(timer);
  console.log(JSON.stringify({ worst, ms: (performance.now() - started) / 3 }));
})();
`;

const KEYGEN = "for (let i = 0; i < 3; i++) await rsa.generatePrivateKeyAsync(65537, 4096);";
const NODE_KEYGEN =
  "for (let i = 0; i < 3; i++) await generateKeyPair('rsa', { modulusLength: 4096 });";
const IDLE = "await new Promise((resolve) => setTimeout(resolve, 1500));";

interface Lag {
  worst: number;
  ms: number;
}

/**
 * One probe in a child process, since lag needs an event loop of its own: plain Node running
 * the compiled package, as users do (a TypeScript loader adds pauses of its own).
 */
function probeOnce(work: string): Lag {
  const child = spawnSync(process.execPath, ["-e", lagProbe(work)], {
    encoding: "utf8",
    timeout: 300_000,
  });
  if (child.status !== 0) throw new Error(`lag probe failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}");
}

/**
 * The run with the median worst lag of three (as bench/kdf.ts does: one scheduler hiccup of
 * the virtual machine does not decide), with every run's worst for the record.
 */
function measureLag(work: string): Lag & { runs: string } {
  const runs = [0, 1, 2].map(() => probeOnce(work));
  const each = runs.map((run) => run.worst.toFixed(1)).join(" ");
  runs.sort((a, b) => a.worst - b.worst);
  return { ...(runs[1] as Lag), runs: each };
}

export function run(): boolean {
  const key = generatePrivateKey(65537, 3072);
  const pub = key.publicKey();
  const pem = key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption());
  const nodeKey = crypto.createPrivateKey(pem);
  const nodePub = crypto.createPublicKey(nodeKey);
  const message = Buffer.alloc(64, 7);
  const pss = new PSS(new MGF1(new SHA256()), PSS.DIGEST_LENGTH);
  const nodeOpts = { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  const signature = key.sign(message, pss, new SHA256());

  const [ourSign, nodeSign] = compare(
    [
      { name: "hazmat RSA-3072 PSS sign", run: () => key.sign(message, pss, new SHA256()) },
      {
        name: "node:crypto RSA-3072 PSS sign",
        run: () => crypto.sign("sha256", message, { key: nodeKey, ...nodeOpts }),
      },
    ],
    { rounds: 4 },
  );
  const [ourVerify, nodeVerify] = compare([
    {
      name: "hazmat RSA-3072 PSS verify",
      run: () => pub.verify(signature, message, pss, new SHA256()),
    },
    {
      name: "node:crypto RSA-3072 PSS verify",
      run: () => crypto.verify("sha256", message, { key: nodePub, ...nodeOpts }, signature),
    },
  ]);
  const results = [ourSign, nodeSign, ourVerify, nodeVerify].filter((r) => r !== undefined);
  printTable("RSA-3072 PSS (64-byte message)", results);
  const met =
    ourSign && nodeSign && ourVerify && nodeVerify
      ? printRatios([
          { label: "RSA-3072 PSS sign vs node:crypto", ours: ourSign, peer: nodeSign, target: 1.0 },
          {
            label: "RSA-3072 PSS verify vs node:crypto",
            ours: ourVerify,
            peer: nodeVerify,
            target: 1.0,
          },
        ])
      : false;
  const lag = measureLag(KEYGEN);
  const nodeLag = measureLag(NODE_KEYGEN);
  const idle = measureLag(IDLE);
  const lagMet = lag.worst < 5;
  console.log(
    `  generatePrivateKeyAsync(65537, 4096): ${lag.ms.toFixed(0)} ms per key, worst event-loop lag ${lag.worst.toFixed(2)} ms, median of 3 runs (target < 5 ms: ${lagMet ? "met" : "NOT met"}; runs: ${lag.runs} ms)`,
  );
  console.log(
    `  for context: node:crypto generateKeyPair('rsa', 4096) worst ${nodeLag.worst.toFixed(2)} ms (runs: ${nodeLag.runs} ms); nothing running, worst ${idle.worst.toFixed(2)} ms (runs: ${idle.runs} ms)`,
  );
  return met && lagMet;
}

if (require.main === module) run();
