/**
 * Recipe 1: Fernet symmetric encrypt + decrypt for short-lived tokens.
 *
 * The PyCA original:
 *   key = Fernet.generate_key()   # save securely; never hard-code
 *   f = Fernet(key)
 *   token = f.encrypt(b"session=abc123;user=42")
 *   plaintext = f.decrypt(token)  # raises InvalidToken on tamper / wrong key
 *   print(plaintext.decode())
 *
 * Run with `npx tsx examples/fernet-recipe.ts`.
 */
import { Fernet, InvalidToken } from "hazmat/fernet";

const key = Fernet.generateKey(); // save securely; never hard-code
const f = new Fernet(key);
const token = f.encrypt(Buffer.from("session=abc123;user=42"));
const plaintext = f.decrypt(token); // throws InvalidToken on tamper / wrong key
console.log(plaintext.toString());

// What the recipe promises on tamper and on a wrong key.
const tampered = Buffer.from(token);
tampered[20] = tampered[20] === 0x41 ? 0x42 : 0x41;
for (const [what, attempt] of [
  ["tampered token", () => f.decrypt(tampered)],
  ["wrong key", () => new Fernet(Fernet.generateKey()).decrypt(token)],
  [
    "expired (ttl 60 s, read 61 s later)",
    () => f.decryptAtTime(token, 60, f.extractTimestamp(token) + 61),
  ],
] as const) {
  try {
    attempt();
    console.log(`${what}: accepted (unexpected)`);
  } catch (error) {
    console.log(`${what}: ${error instanceof InvalidToken ? "InvalidToken" : String(error)}`);
  }
}
