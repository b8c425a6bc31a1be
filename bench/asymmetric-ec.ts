/**
 * Elliptic curves: hazmat against node:crypto in the same run, in interleaved rounds.
 *
 * - ECDSA P-256 with SHA-256 over a 64-byte message: `EllipticCurvePrivateKey.sign` vs
 *   `crypto.sign`, and `EllipticCurvePublicKey.verify` vs `crypto.verify` (target ≥ 1.0×);
 * - loading a PKCS#8 P-256 PEM key: `serialization.loadPemPrivateKey` vs
 *   `crypto.createPrivateKey` (target ≥ 1.0×).
 */
import * as crypto from "node:crypto";
import {
  ECDSA,
  type EllipticCurvePrivateKey,
  generatePrivateKey,
  SECP256R1,
} from "hazmat/primitives/asymmetric/ec";
import { SHA256 } from "hazmat/primitives/hashes";
import {
  Encoding,
  loadPemPrivateKey,
  NoEncryption,
  PrivateFormat,
} from "hazmat/primitives/serialization";
import { compare, printRatios, printTable, type Ratio } from "./harness";

const MESSAGE = Buffer.alloc(64, 0x61);

function ratioOf(label: string, results: ReturnType<typeof compare>): Ratio {
  const [ours, peer] = results;
  if (ours === undefined || peer === undefined) throw new Error("missing result");
  return { label, ours, peer, target: 1 };
}

function measureEcdsa(key: EllipticCurvePrivateKey): Ratio[] {
  const algorithm = new ECDSA(new SHA256());
  const publicKey = key.publicKey();
  const pkcs8 = key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption());
  const nodeKey = crypto.createPrivateKey({
    key: Buffer.from(pkcs8),
    format: "der",
    type: "pkcs8",
  });
  const nodePublic = crypto.createPublicKey(nodeKey);

  // Both sides must accept each other's signatures before anything is timed.
  const ours = key.sign(MESSAGE, algorithm);
  const theirs = crypto.sign("sha256", MESSAGE, nodeKey);
  if (!crypto.verify("sha256", MESSAGE, nodePublic, ours)) throw new Error("node rejects ours");
  publicKey.verify(theirs, MESSAGE, algorithm);

  const sign = compare([
    {
      name: "hazmat EllipticCurvePrivateKey.sign (P-256, SHA256)",
      run: () => key.sign(MESSAGE, algorithm),
    },
    {
      name: "node:crypto sign('sha256', P-256)",
      run: () => crypto.sign("sha256", MESSAGE, nodeKey),
    },
  ]);
  printTable("ECDSA P-256 / SHA-256 sign, 64-byte message", sign);
  const verify = compare([
    {
      name: "hazmat EllipticCurvePublicKey.verify (P-256, SHA256)",
      run: () => publicKey.verify(theirs, MESSAGE, algorithm),
    },
    {
      name: "node:crypto verify('sha256', P-256)",
      run: () => crypto.verify("sha256", MESSAGE, nodePublic, theirs),
    },
  ]);
  printTable("ECDSA P-256 / SHA-256 verify, 64-byte message", verify);
  return [
    ratioOf("ECDSA P-256 sign vs node:crypto", sign),
    ratioOf("ECDSA P-256 verify vs node:crypto", verify),
  ];
}

function measurePemLoad(key: EllipticCurvePrivateKey): Ratio[] {
  const pem = key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption());
  const text = pem.toString("latin1");
  const load = compare([
    { name: "hazmat loadPemPrivateKey (PKCS#8 P-256)", run: () => loadPemPrivateKey(pem, null) },
    {
      name: "node:crypto createPrivateKey (PKCS#8 P-256)",
      run: () => crypto.createPrivateKey(text),
    },
  ]);
  printTable("Loading a PKCS#8 P-256 PEM private key", load);
  return [ratioOf("PKCS#8 P-256 PEM load vs node:crypto.createPrivateKey", load)];
}

/** Runs the EC benchmarks; true when every target is met. */
export function run(): boolean {
  const key = generatePrivateKey(new SECP256R1());
  return printRatios([...measureEcdsa(key), ...measurePemLoad(key)]);
}

if (require.main === module) run();
