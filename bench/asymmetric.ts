/**
 * The asymmetric benchmark the issue names: Ed25519 (`asymmetric-curves.ts`), ECDSA P-256 and PEM
 * loading (`asymmetric-ec.ts`), RSA-3072 PSS and async RSA-4096 generation lag
 * (`asymmetric-rsa.ts`), in one run. Also part of `npm run bench`.
 */
import * as curves from "./asymmetric-curves";
import * as ec from "./asymmetric-ec";
import * as rsa from "./asymmetric-rsa";

export function run(): boolean {
  const results = [curves.run(), ec.run(), rsa.run()];
  return results.every(Boolean);
}

if (require.main === module) run();
