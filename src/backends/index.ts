/**
 * `cryptography.hazmat.backends`: `defaultBackend()` returns the only backend, OpenSSL.
 *
 * @module
 */
import { type Backend, backend } from "./openssl.js";

export type { Backend } from "./openssl.js";

/** The default backend (`default_backend()`), the {@link backend} object. */
export function defaultBackend(): Backend {
  return backend;
}
