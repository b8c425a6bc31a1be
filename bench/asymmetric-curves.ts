/**
 * Ed25519 signing and verification: hazmat against node:crypto and @noble/curves in the same
 * run, in interleaved rounds, on a 64-byte message (a typical signing-service payload: a hash
 * and some framing). Targets from issue 5: >= 1.0x node:crypto and >= 15x @noble/curves.
 */
import * as crypto from "node:crypto";
import { ed25519 as noble } from "@noble/curves/ed25519.js";
import { Ed25519PrivateKey } from "hazmat/primitives/asymmetric/ed25519";
import { Encoding, NoEncryption, PrivateFormat } from "hazmat/primitives/serialization";
import { compare, printRatios, printTable, type Ratio } from "./harness";

const MESSAGE = Buffer.alloc(64, 0x42);

function ratio(
  label: string,
  results: ReturnType<typeof compare>,
  target: number,
  peer: number,
): Ratio {
  const [ours, other] = [results[0], results[peer]];
  if (ours === undefined || other === undefined) throw new Error("missing result");
  return { label, ours, peer: other, target };
}

export function run(): boolean {
  const key = Ed25519PrivateKey.generate();
  const publicKey = key.publicKey();
  const seed = key.privateBytesRaw();
  const nodePrivate = crypto.createPrivateKey({
    key: key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption()),
    format: "der",
    type: "pkcs8",
  });
  const nodePublic = crypto.createPublicKey(nodePrivate);
  const noblePublic = noble.getPublicKey(seed);

  // Every implementation produces the same deterministic signature before anything is timed.
  const signature = key.sign(MESSAGE);
  const nodeSignature = crypto.sign(null, MESSAGE, nodePrivate);
  const nobleSignature = noble.sign(MESSAGE, seed);
  if (!signature.equals(nodeSignature) || !signature.equals(Buffer.from(nobleSignature))) {
    throw new Error("Ed25519 signatures disagree");
  }

  const sign = compare(
    [
      { name: "hazmat Ed25519PrivateKey.sign (64 B)", run: () => key.sign(MESSAGE) },
      {
        name: "node:crypto sign(null, …) (64 B)",
        run: () => crypto.sign(null, MESSAGE, nodePrivate),
      },
      { name: "@noble/curves ed25519.sign (64 B)", run: () => noble.sign(MESSAGE, seed) },
    ],
    { roundMs: 300, rounds: 5 },
  );
  printTable("Ed25519 sign", sign);
  const verify = compare(
    [
      {
        name: "hazmat Ed25519PublicKey.verify (64 B)",
        run: () => publicKey.verify(signature, MESSAGE),
      },
      {
        name: "node:crypto verify(null, …) (64 B)",
        run: () => crypto.verify(null, MESSAGE, nodePublic, signature),
      },
      {
        name: "@noble/curves ed25519.verify (64 B)",
        run: () => noble.verify(signature, MESSAGE, noblePublic),
      },
    ],
    { roundMs: 300, rounds: 5 },
  );
  printTable("Ed25519 verify", verify);
  return printRatios([
    ratio("Ed25519 sign vs node:crypto", sign, 1.0, 1),
    ratio("Ed25519 sign vs @noble/curves", sign, 15, 2),
    ratio("Ed25519 verify vs node:crypto", verify, 1.0, 1),
    ratio("Ed25519 verify vs @noble/curves", verify, 15, 2),
  ]);
}

if (require.main === module) process.exitCode = run() ? 0 : 1;
