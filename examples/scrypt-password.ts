/**
 * Recipe 3 of the PyCA guide: password-based key derivation with scrypt.
 *
 * Python:
 *   salt = os.urandom(16)
 *   kdf = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1)
 *   key = kdf.derive(b"correct horse battery staple")
 *   print(len(key), salt.hex())
 *
 * Prints `32 <hex-salt>`; store the salt next to what the key protects. Checking a password
 * later needs a fresh Scrypt with the same salt and parameters: `verify` throws InvalidKey on
 * a wrong password.
 */
import { InvalidKey } from "hazmat/exceptions";
import { Scrypt } from "hazmat/primitives/kdf/scrypt";
import { randomBytes } from "hazmat/random";

const salt = randomBytes(16);
const kdf = new Scrypt(salt, 32, 2 ** 15, 8, 1);
const key = kdf.derive(Buffer.from("correct horse battery staple"));
console.log(key.length, salt.toString("hex"));

// Later: check a password against the stored key and salt.
new Scrypt(salt, 32, 2 ** 15, 8, 1).verify(Buffer.from("correct horse battery staple"), key);
try {
  new Scrypt(salt, 32, 2 ** 15, 8, 1).verify(Buffer.from("Tr0ub4dor&3"), key);
} catch (error) {
  if (!(error instanceof InvalidKey)) throw error;
  console.log("wrong password refused:", error.message);
}
