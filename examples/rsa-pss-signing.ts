/**
 * Recipe 2 — an RSA key pair: generate, sign, verify (RSA-3072 with PSS and SHA-256), the
 * line-by-line port of the PyCA recipe. `verify` returns nothing; it throws InvalidSignature
 * when the signature does not match.
 *
 *   npx tsx examples/rsa-pss-signing.ts
 */
import { InvalidSignature } from "hazmat/exceptions";
import { MGF1, PSS } from "hazmat/primitives/asymmetric/padding";
import * as rsa from "hazmat/primitives/asymmetric/rsa";
import { SHA256 } from "hazmat/primitives/hashes";

const priv = rsa.generatePrivateKey(65537, 3072);
const pub = priv.publicKey();
const payload = Buffer.from("payload");
const sig = priv.sign(payload, new PSS(new MGF1(new SHA256()), PSS.MAX_LENGTH), new SHA256());
pub.verify(sig, payload, new PSS(new MGF1(new SHA256()), PSS.MAX_LENGTH), new SHA256());

console.log(`key             ${priv}`);
console.log(`signature bytes ${sig.length}`);
console.log("verify          ok (no return value)");
try {
  pub.verify(
    sig,
    Buffer.from("payl0ad"),
    new PSS(new MGF1(new SHA256()), PSS.MAX_LENGTH),
    new SHA256(),
  );
  console.log("tampered        accepted (this must not happen)");
} catch (error) {
  if (!(error instanceof InvalidSignature)) throw error;
  console.log("tampered        InvalidSignature");
}
