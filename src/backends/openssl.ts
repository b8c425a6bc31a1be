/**
 * `cryptography.hazmat.backends.openssl.backend`: the backend object.
 *
 * It reports which OpenSSL hazmat carries (its own, statically linked; never the host's) and
 * controls the OS random engine, which makes the operating system the source of every random
 * byte that OpenSSL hands out. The engine is active from the moment the addon loads. Each later
 * issue adds the interface methods of its area (ciphers, hashes, keys, X.509, …).
 *
 * @module
 */
import { opensslCipherName } from "../lib/cipher-names.js";
import { callNative, native } from "../lib/native.js";
import { checkInstance, invalidType } from "../lib/validate.js";
import type { PrivateKeyObject, PublicKeyObject } from "../primitives/asymmetric/base.js";
import {
  DHParameterNumbers,
  type DHParameters,
  type DHPrivateKey,
  DHPrivateNumbers,
  type DHPublicKey,
  DHPublicNumbers,
  generateParameters as generateDhParameters,
} from "../primitives/asymmetric/dh.js";
import {
  DSAParameterNumbers,
  DSAParameters,
  type DSAPrivateKey,
  DSAPrivateNumbers,
  type DSAPublicKey,
  DSAPublicNumbers,
  generateParameters as generateDsaParameters,
} from "../primitives/asymmetric/dsa.js";
import {
  derivePrivateKey as deriveEcPrivateKey,
  ECDH,
  ECDSA,
  type EllipticCurve,
  type EllipticCurvePrivateKey,
  EllipticCurvePrivateNumbers,
  type EllipticCurvePublicKey,
  EllipticCurvePublicNumbers,
  generatePrivateKey as generateEcPrivateKey,
} from "../primitives/asymmetric/ec.js";
import { MGF1, OAEP, PKCS1v15, PSS } from "../primitives/asymmetric/padding.js";
import {
  generatePrivateKey as generateRsaPrivateKey,
  type RSAPrivateKey,
  RSAPrivateNumbers,
  type RSAPublicKey,
  RSAPublicNumbers,
} from "../primitives/asymmetric/rsa.js";
import type { CipherAlgorithm, Mode } from "../primitives/ciphers/base.js";
import { BlockCipherAlgorithm } from "../primitives/ciphers/base.js";
import { Cipher, type CipherContext } from "../primitives/ciphers/index.js";
import { CMAC, cmacCipherName } from "../primitives/cmac.js";
import { Hash, type HashAlgorithm, resolveHashAlgorithm } from "../primitives/hashes.js";
import { HMAC } from "../primitives/hmac.js";
import { PBKDF2HMAC } from "../primitives/kdf/pbkdf2.js";
import { Scrypt } from "../primitives/kdf/scrypt.js";
import {
  loadDerParameters,
  loadDerPrivateKey,
  loadDerPublicKey,
  loadPemParameters,
  loadPemPrivateKey,
  loadPemPublicKey,
} from "../primitives/serialization/index.js";
import {
  CertificateBuilder,
  CertificateRevocationListBuilder,
  CertificateSigningRequestBuilder,
  RevokedCertificateBuilder,
  type SignOptions,
} from "../x509/builders.js";
import {
  type Certificate,
  loadDerX509Certificate,
  loadPemX509Certificate,
} from "../x509/certificate.js";
import {
  type CertificateRevocationList,
  loadDerX509Crl,
  loadPemX509Crl,
  type RevokedCertificate,
} from "../x509/crl.js";
import { type CertificateSigningRequest, loadDerX509Csr, loadPemX509Csr } from "../x509/csr.js";
import { Name } from "../x509/name.js";

/** The OpenSSL backend. Use the {@link backend} instance; there is one per process. */
export class Backend {
  /** The string name of this backend: `"openssl"`. */
  readonly name = "openssl";

  /**
   * The version text of hazmat's own OpenSSL, e.g. `"OpenSSL 3.5.5 27 Jan 2026"`. This is not
   * `process.versions.openssl`, which is Node's (or the host runtime's) OpenSSL.
   */
  opensslVersionText(): string {
    return native.opensslVersionText();
  }

  /** `OPENSSL_VERSION_NUMBER` of hazmat's own OpenSSL, e.g. `0x30500050`. */
  opensslVersionNumber(): number {
    return native.opensslVersionNumber();
  }

  /**
   * Makes the OS random engine the source of every RAND request of hazmat's OpenSSL, public
   * and private (key generation). Idempotent; safe to call from any thread or worker.
   */
  activateOsrandomEngine(): void {
    callNative(() => native.osrandomActivate());
  }

  /** Returns hazmat's OpenSSL to its built-in DRBG. Idempotent. */
  activateBuiltinRandom(): void {
    callNative(() => native.osrandomActivateBuiltin());
  }

  /**
   * The OS interface behind the engine: `"getrandom"`, `"/dev/urandom"` (Linux without a usable
   * getrandom(2)), `"getentropy"`, `"ProcessPrng"`, … Detected, not assumed. Reported whether or
   * not the engine is currently active, as PyCA does.
   */
  osrandomEngineImplementation(): string {
    return native.osrandomImplementation();
  }

  /** Whether the OS random engine is OpenSSL's random source right now. */
  osrandomEngineActive(): boolean {
    return native.osrandomIsActive();
  }

  /**
   * Oldest documented name: "Registers the OS random engine as default. This will effectively
   * disable OpenSSL's default CSPRNG." Same as {@link activateOsrandomEngine}.
   */
  registerOsrandomEngine(): void {
    this.activateOsrandomEngine();
  }

  /**
   * Oldest documented name: restores OpenSSL's default CSPRNG if the OS random engine is the
   * default; if it is not, nothing is changed.
   */
  unregisterOsrandomEngine(): void {
    callNative(() => native.osrandomDeactivateIfActive());
  }

  // CipherBackend

  /** Whether `cipher` in `mode` (`null` for stream ciphers) is available. */
  cipherSupported(cipher: CipherAlgorithm, mode: Mode | null): boolean {
    const name = opensslCipherName(cipher, mode?.name ?? null);
    return name !== null && native.cipherSupported(name);
  }

  /** An encryption context, as `new Cipher(cipher, mode).encryptor()`. */
  createSymmetricEncryptionCtx(cipher: CipherAlgorithm, mode: Mode | null): CipherContext {
    return new Cipher(cipher, mode).encryptor();
  }

  /** A decryption context, as `new Cipher(cipher, mode).decryptor()`. */
  createSymmetricDecryptionCtx(cipher: CipherAlgorithm, mode: Mode | null): CipherContext {
    return new Cipher(cipher, mode).decryptor();
  }

  /** Whether `algorithm` (a `hazmat/primitives/hashes` algorithm) can be hashed. */
  hashSupported(algorithm: HashAlgorithm): boolean {
    return hashInfo(algorithm) !== null;
  }

  /**
   * Whether HMAC works with `algorithm`: every supported hash except the extendable-output
   * functions (PyCA answers `true` for SHAKE here, then refuses it in `HMAC`; hazmat answers
   * what `HMAC` accepts).
   */
  hmacSupported(algorithm: HashAlgorithm): boolean {
    const info = hashInfo(algorithm);
    return info !== null && !info.xof;
  }

  /** Whether CMAC works with the block cipher `algorithm` (e.g. `new AES(key)`). */
  cmacAlgorithmSupported(algorithm: BlockCipherAlgorithm): boolean {
    if (!(algorithm instanceof BlockCipherAlgorithm)) return false;
    const cipherName = cmacCipherName(algorithm);
    return cipherName !== null && callNative(() => native.cmacSupported(cipherName));
  }

  /** A new {@link Hash} of `algorithm` (same as `new Hash(algorithm)`). */
  createHashCtx(algorithm: HashAlgorithm): Hash {
    return new Hash(algorithm);
  }

  /** A new {@link HMAC} (same as `new HMAC(key, algorithm)`). */
  createHmacCtx(key: Uint8Array, algorithm: HashAlgorithm): HMAC {
    return new HMAC(key, algorithm);
  }

  /** A new {@link CMAC} (same as `new CMAC(algorithm)`). */
  createCmacCtx(algorithm: BlockCipherAlgorithm): CMAC {
    return new CMAC(algorithm);
  }

  // PBKDF2HMACBackend, ScryptBackend

  /** Whether PBKDF2 works with `algorithm`: every HMAC hash (not SHAKE). */
  pbkdf2HmacSupported(algorithm: HashAlgorithm): boolean {
    return this.hmacSupported(algorithm);
  }

  /** PBKDF2-HMAC, as `new PBKDF2HMAC(algorithm, length, salt, iterations).derive(keyMaterial)`. */
  derivePbkdf2Hmac(
    algorithm: HashAlgorithm,
    length: number,
    salt: Uint8Array,
    iterations: number,
    keyMaterial: Uint8Array,
  ): Buffer {
    return new PBKDF2HMAC(algorithm, length, salt, iterations).derive(keyMaterial);
  }

  /** Whether scrypt is available: always, hazmat's own OpenSSL has it. */
  scryptSupported(): boolean {
    return true;
  }

  /** scrypt, as `new Scrypt(salt, length, n, r, p).derive(keyMaterial)`. */
  deriveScrypt(
    keyMaterial: Uint8Array,
    salt: Uint8Array,
    length: number,
    n: number,
    r: number,
    p: number,
  ): Buffer {
    return new Scrypt(salt, length, n, r, p).derive(keyMaterial);
  }

  /** A new RSA private key, as `rsa.generatePrivateKey(publicExponent, keySize)`. */
  generateRsaPrivateKey(publicExponent: number | bigint, keySize: number): RSAPrivateKey {
    return generateRsaPrivateKey(publicExponent, keySize);
  }

  /** Whether `padding` (with its hash algorithms) can be used with RSA keys. */
  rsaPaddingSupported(padding: unknown): boolean {
    const usable = (algorithm: HashAlgorithm): boolean => {
      const info = hashInfo(algorithm);
      return info !== null && !info.xof;
    };
    if (padding instanceof PKCS1v15) return true;
    if (padding instanceof PSS && padding._mgf instanceof MGF1) {
      return usable(padding._mgf._algorithm);
    }
    if (padding instanceof OAEP && padding._mgf instanceof MGF1) {
      return usable(padding._mgf._algorithm) && usable(padding._algorithm);
    }
    return false;
  }

  /** Whether OpenSSL can generate a key with these parameters (odd e ≥ 3, size ≥ 512). */
  generateRsaParametersSupported(publicExponent: number | bigint, keySize: number): boolean {
    if (typeof publicExponent === "number" && !Number.isInteger(publicExponent)) return false;
    if (typeof keySize !== "number") return false;
    const e = BigInt(publicExponent);
    return e >= 3n && (e & 1n) === 1n && keySize >= 512;
  }

  /** The private key with these numbers, as `numbers.privateKey()`. */
  loadRsaPrivateNumbers(
    numbers: RSAPrivateNumbers,
    options?: { unsafeSkipRsaKeyValidation?: boolean },
  ): RSAPrivateKey {
    if (!(numbers instanceof RSAPrivateNumbers)) {
      throw invalidType("numbers must be an RSAPrivateNumbers instance");
    }
    return numbers.privateKey(options);
  }

  /** The public key with these numbers, as `numbers.publicKey()`. */
  loadRsaPublicNumbers(numbers: RSAPublicNumbers): RSAPublicKey {
    if (!(numbers instanceof RSAPublicNumbers)) {
      throw invalidType("numbers must be an RSAPublicNumbers instance");
    }
    return numbers.publicKey();
  }

  /** Whether hazmat supports elliptic curve `curve` (by its name, as PyCA). */
  ellipticCurveSupported(curve: EllipticCurve): boolean {
    return (
      typeof curve === "object" &&
      curve !== null &&
      typeof curve.name === "string" &&
      native.ecCurveSupported(curve.name)
    );
  }

  /** Whether `signatureAlgorithm` (ECDSA with a supported hash) works on `curve`. */
  ellipticCurveSignatureAlgorithmSupported(
    signatureAlgorithm: unknown,
    curve: EllipticCurve,
  ): boolean {
    if (!(signatureAlgorithm instanceof ECDSA)) return false;
    const hash =
      "_algorithm" in signatureAlgorithm.algorithm
        ? signatureAlgorithm.algorithm._algorithm
        : signatureAlgorithm.algorithm;
    return this.ellipticCurveSupported(curve) && hashInfo(hash) !== null;
  }

  /** Whether `algorithm` (ECDH) can exchange keys on `curve`. */
  ellipticCurveExchangeAlgorithmSupported(algorithm: unknown, curve: EllipticCurve): boolean {
    return algorithm instanceof ECDH && this.ellipticCurveSupported(curve);
  }

  /** A new EC private key, as `ec.generatePrivateKey(curve)`. */
  generateEllipticCurvePrivateKey(curve: EllipticCurve): EllipticCurvePrivateKey {
    return generateEcPrivateKey(curve);
  }

  /** The private key with these numbers, as `numbers.privateKey()`. */
  loadEllipticCurvePrivateNumbers(numbers: EllipticCurvePrivateNumbers): EllipticCurvePrivateKey {
    if (!(numbers instanceof EllipticCurvePrivateNumbers)) {
      throw invalidType("numbers must be an EllipticCurvePrivateNumbers instance");
    }
    return numbers.privateKey();
  }

  /** The public key with these numbers, as `numbers.publicKey()`. */
  loadEllipticCurvePublicNumbers(numbers: EllipticCurvePublicNumbers): EllipticCurvePublicKey {
    if (!(numbers instanceof EllipticCurvePublicNumbers)) {
      throw invalidType("numbers must be an EllipticCurvePublicNumbers instance");
    }
    return numbers.publicKey();
  }

  /** The EC private key with secret scalar `privateValue`, as `ec.derivePrivateKey`. */
  deriveEllipticCurvePrivateKey(
    privateValue: bigint,
    curve: EllipticCurve,
  ): EllipticCurvePrivateKey {
    return deriveEcPrivateKey(privateValue, curve);
  }

  /** Short description for logs; carries no state worth hiding. */
  // Edwards and Montgomery curves

  /** Whether Ed25519 signatures are available: always, in hazmat's own OpenSSL. */
  ed25519Supported(): boolean {
    return true;
  }

  /** Whether Ed448 signatures are available: always, in hazmat's own OpenSSL. */
  ed448Supported(): boolean {
    return true;
  }

  /** Whether X25519 key agreement is available: always, in hazmat's own OpenSSL. */
  x25519Supported(): boolean {
    return true;
  }

  /** Whether X448 key agreement is available: always, in hazmat's own OpenSSL. */
  x448Supported(): boolean {
    return true;
  }

  // DSABackend

  /** New DSA parameters, as `dsa.generateParameters(keySize)`. */
  generateDsaParameters(keySize: number): DSAParameters {
    return generateDsaParameters(keySize);
  }

  /** A new DSA private key with `parameters`. */
  generateDsaPrivateKey(parameters: DSAParameters): DSAPrivateKey {
    if (!(parameters instanceof DSAParameters)) {
      throw invalidType("parameters must be a DSAParameters instance");
    }
    return parameters.generatePrivateKey();
  }

  /** A new DSA private key with new parameters, as `dsa.generatePrivateKey(keySize)`. */
  generateDsaPrivateKeyAndParameters(keySize: number): DSAPrivateKey {
    return generateDsaParameters(keySize).generatePrivateKey();
  }

  /** Whether DSA can sign with `algorithm` (any hash hazmat implements). */
  dsaHashSupported(algorithm: HashAlgorithm): boolean {
    return hashInfo(algorithm) !== null;
  }

  /** Whether OpenSSL accepts DSA parameters (always, for bigints). */
  dsaParametersSupported(p: bigint, q: bigint, g: bigint): boolean {
    return typeof p === "bigint" && typeof q === "bigint" && typeof g === "bigint";
  }

  loadDsaParameterNumbers(numbers: DSAParameterNumbers): DSAParameters {
    if (!(numbers instanceof DSAParameterNumbers)) {
      throw invalidType("numbers must be a DSAParameterNumbers instance");
    }
    return numbers.parameters();
  }

  loadDsaPublicNumbers(numbers: DSAPublicNumbers): DSAPublicKey {
    if (!(numbers instanceof DSAPublicNumbers)) {
      throw invalidType("numbers must be a DSAPublicNumbers instance");
    }
    return numbers.publicKey();
  }

  loadDsaPrivateNumbers(numbers: DSAPrivateNumbers): DSAPrivateKey {
    if (!(numbers instanceof DSAPrivateNumbers)) {
      throw invalidType("numbers must be a DSAPrivateNumbers instance");
    }
    return numbers.privateKey();
  }

  // DHBackend (deprecated in PyCA 50, still working)

  /** New DH parameters, as `dh.generateParameters(generator, keySize)`. */
  generateDhParameters(generator: number, keySize: number): DHParameters {
    return generateDhParameters(generator, keySize);
  }

  /** A new DH private key with `parameters`. */
  generateDhPrivateKey(parameters: DHParameters): DHPrivateKey {
    return parameters.generatePrivateKey();
  }

  /** A new DH private key with new parameters. */
  generateDhPrivateKeyAndParameters(generator: number, keySize: number): DHPrivateKey {
    return generateDhParameters(generator, keySize).generatePrivateKey();
  }

  loadDhPrivateNumbers(numbers: DHPrivateNumbers): DHPrivateKey {
    if (!(numbers instanceof DHPrivateNumbers)) {
      throw invalidType("numbers must be a DHPrivateNumbers instance");
    }
    return numbers.privateKey();
  }

  loadDhPublicNumbers(numbers: DHPublicNumbers): DHPublicKey {
    if (!(numbers instanceof DHPublicNumbers)) {
      throw invalidType("numbers must be a DHPublicNumbers instance");
    }
    return numbers.publicKey();
  }

  loadDhParameterNumbers(numbers: DHParameterNumbers): DHParameters {
    if (!(numbers instanceof DHParameterNumbers)) {
      throw invalidType("numbers must be a DHParameterNumbers instance");
    }
    return numbers.parameters();
  }

  /** Whether these DH parameters pass OpenSSL's DH_check. */
  dhParametersSupported(p: bigint, g: bigint, q: bigint | null = null): boolean {
    try {
      new DHParameterNumbers(p, g, q).parameters();
      return true;
    } catch {
      return false;
    }
  }

  /** Whether X9.42 DH parameters (with q) are supported: yes. */
  dhXSupported(): boolean {
    return true;
  }

  // PEMSerializationBackend, DERSerializationBackend

  /** As `serialization.loadPemPrivateKey(data, password, { unsafeSkipRsaKeyValidation })`. */
  loadPemPrivateKey(
    data: Uint8Array,
    password: Uint8Array | null,
    unsafeSkipRsaKeyValidation = false,
  ): PrivateKeyObject {
    return loadPemPrivateKey(data, password, { unsafeSkipRsaKeyValidation });
  }

  /** As `serialization.loadPemPublicKey(data)`. */
  loadPemPublicKey(data: Uint8Array): PublicKeyObject {
    return loadPemPublicKey(data);
  }

  /** As `serialization.loadPemParameters(data)` (DH parameters). */
  loadPemParameters(data: Uint8Array): DHParameters {
    return loadPemParameters(data);
  }

  /** As `serialization.loadDerPrivateKey(data, password, { unsafeSkipRsaKeyValidation })`. */
  loadDerPrivateKey(
    data: Uint8Array,
    password: Uint8Array | null,
    unsafeSkipRsaKeyValidation = false,
  ): PrivateKeyObject {
    return loadDerPrivateKey(data, password, { unsafeSkipRsaKeyValidation });
  }

  /** As `serialization.loadDerPublicKey(data)`. */
  loadDerPublicKey(data: Uint8Array): PublicKeyObject {
    return loadDerPublicKey(data);
  }

  /** As `serialization.loadDerParameters(data)` (DH parameters). */
  loadDerParameters(data: Uint8Array): DHParameters {
    return loadDerParameters(data);
  }

  // X509Backend

  /** As `x509.loadPemX509Certificate(data)`. */
  loadPemX509Certificate(data: Uint8Array): Certificate {
    return loadPemX509Certificate(data);
  }

  /** As `x509.loadDerX509Certificate(data)`. */
  loadDerX509Certificate(data: Uint8Array): Certificate {
    return loadDerX509Certificate(data);
  }

  /** As `x509.loadPemX509Csr(data)`. */
  loadPemX509Csr(data: Uint8Array): CertificateSigningRequest {
    return loadPemX509Csr(data);
  }

  /** As `x509.loadDerX509Csr(data)`. */
  loadDerX509Csr(data: Uint8Array): CertificateSigningRequest {
    return loadDerX509Csr(data);
  }

  /** As `x509.loadPemX509Crl(data)`. */
  loadPemX509Crl(data: Uint8Array): CertificateRevocationList {
    return loadPemX509Crl(data);
  }

  /** As `x509.loadDerX509Crl(data)`. */
  loadDerX509Crl(data: Uint8Array): CertificateRevocationList {
    return loadDerX509Crl(data);
  }

  /** As `builder.sign(privateKey, algorithm, options)`. */
  createX509Certificate(
    builder: CertificateBuilder,
    privateKey: PrivateKeyObject,
    algorithm: HashAlgorithm | null,
    options?: SignOptions,
  ): Certificate {
    return checkInstance("builder", builder, CertificateBuilder, "a CertificateBuilder").sign(
      privateKey,
      algorithm,
      options,
    );
  }

  /** As `builder.sign(privateKey, algorithm, options)`. */
  createX509Csr(
    builder: CertificateSigningRequestBuilder,
    privateKey: PrivateKeyObject,
    algorithm: HashAlgorithm | null,
    options?: SignOptions,
  ): CertificateSigningRequest {
    return checkInstance(
      "builder",
      builder,
      CertificateSigningRequestBuilder,
      "a CertificateSigningRequestBuilder",
    ).sign(privateKey, algorithm, options);
  }

  /** As `builder.sign(privateKey, algorithm, options)`. */
  createX509Crl(
    builder: CertificateRevocationListBuilder,
    privateKey: PrivateKeyObject,
    algorithm: HashAlgorithm | null,
    options?: SignOptions,
  ): CertificateRevocationList {
    return checkInstance(
      "builder",
      builder,
      CertificateRevocationListBuilder,
      "a CertificateRevocationListBuilder",
    ).sign(privateKey, algorithm, options);
  }

  /** As `builder.build()`. */
  createX509RevokedCertificate(builder: RevokedCertificateBuilder): RevokedCertificate {
    return checkInstance(
      "builder",
      builder,
      RevokedCertificateBuilder,
      "a RevokedCertificateBuilder",
    ).build();
  }

  /** The DER encoding of `name`, as `name.publicBytes()`. */
  x509NameBytes(name: Name): Buffer {
    if (!(name instanceof Name)) throw invalidType("Expecting x509.Name object.");
    return name.publicBytes();
  }

  toString(): string {
    return `<hazmat backend "openssl" (${this.opensslVersionText()})>`;
  }
}

/** The native entry of a hash algorithm, or `null` when it is not one hazmat supports. */
function hashInfo(algorithm: HashAlgorithm): { id: number; xof: boolean } | null {
  try {
    return resolveHashAlgorithm("algorithm", algorithm);
  } catch {
    return null;
  }
}

callNative(() => native.ensureInstalled());

/** The backend object (`cryptography.hazmat.backends.openssl.backend`). */
export const backend: Backend = new Backend();
