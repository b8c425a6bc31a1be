/**
 * Ed25519 as a signing service uses it: the service keeps a private key (here loaded from its
 * PKCS#8 PEM), signs each response, and publishes the 32-byte raw public key; clients verify
 * with that public key alone.
 *
 *   npx tsx examples/ed25519-signing-service.ts
 */
import { InvalidSignature } from "hazmat/exceptions";
import { Ed25519PrivateKey, Ed25519PublicKey } from "hazmat/primitives/asymmetric/ed25519";
import {
  Encoding,
  loadPemPrivateKey,
  NoEncryption,
  PrivateFormat,
  PublicFormat,
} from "hazmat/primitives/serialization";

// Provisioning (once): generate and store the key; publish the raw public key.
const provisioned = Ed25519PrivateKey.generate();
const storedPem = provisioned.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption());
const published = provisioned.publicKey().publicBytes(Encoding.Raw, PublicFormat.Raw);

// The service: load the key at start-up, sign every response body.
const serviceKey = loadPemPrivateKey(storedPem, null) as Ed25519PrivateKey;
const body = Buffer.from(JSON.stringify({ account: 42, balance: "10.00" }));
const signature = serviceKey.sign(body);

// A client: only the published key and the response.
const verifier = Ed25519PublicKey.fromPublicBytes(published);
verifier.verify(signature, body);
console.log(`public key      ${published.toString("hex")}`);
console.log(`signature bytes ${signature.length}`);
console.log("verify          ok");
try {
  verifier.verify(signature, Buffer.from(JSON.stringify({ account: 42, balance: "99.00" })));
  console.log("tampered        accepted (this must not happen)");
} catch (error) {
  if (!(error instanceof InvalidSignature)) throw error;
  console.log("tampered        InvalidSignature");
}
