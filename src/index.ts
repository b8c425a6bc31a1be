/**
 * hazmat: PyCA `cryptography`'s OpenSSL backend for Node.js, Electron, Bun and Deno.
 *
 * The root re-exports what most programs need first; every PyCA module has its own subpath
 * (`hazmat/backends/openssl`, `hazmat/exceptions`, `hazmat/random`, …).
 *
 * @module
 */
export { backend } from "./backends/openssl.js";
export { Fernet, InvalidToken, MultiFernet } from "./fernet.js";
export { randomBytes } from "./random.js";
