/**
 * The key-derivation, Fernet and two-factor benchmark the issue names: `bench/kdf.ts` (PBKDF2,
 * scrypt, event-loop lag under deriveAsync) and `bench/fernet.ts` (Fernet vs the `fernet` npm
 * package and PyCA), in one run. Also part of `npm run bench`.
 */
import * as fernet from "./fernet";
import * as kdf from "./kdf";

export function run(): boolean {
  const results = [kdf.run(), fernet.run()];
  return results.every(Boolean);
}

if (require.main === module) run();
