/**
 * `cryptography.hazmat.primitives.serialization.pkcs12`: loading PKCS#12 bundles
 * (`loadKeyAndCertificates`, `loadPkcs12`) and writing them (`serializeKeyAndCertificates`)
 * with PyCA 50's argument rules, messages and protection choices. The bundle itself is read and
 * written by OpenSSL (`crates/hazmat/src/pkcs12.rs`); certificates cross as DER.
 *
 * @module
 */
import type {
  Pkcs12CertificateData as NativeCertificateData,
  Pkcs12Contents as NativePkcs12Contents,
  Pkcs12Encryption as NativePkcs12Encryption,
} from "../../../index.js";
import { ValueError } from "../../exceptions.js";
import { callNative, native } from "../../lib/native.js";
import { checkBytes, describeType, invalidType } from "../../lib/validate.js";
import { Certificate, loadDerX509Certificate } from "../../x509/certificate.js";
import { HANDLE, type PrivateKeyObject, wrapPrivateKey } from "../asymmetric/base.js";
import { DSAPrivateKey } from "../asymmetric/dsa.js";
import { EllipticCurvePrivateKey } from "../asymmetric/ec.js";
import { Ed448PrivateKey } from "../asymmetric/ed448.js";
import { Ed25519PrivateKey } from "../asymmetric/ed25519.js";
import { RSAPrivateKey } from "../asymmetric/rsa.js";
import {
  _KeySerializationEncryption,
  BestAvailableEncryption,
  Encoding,
  KeySerializationEncryption,
  NoEncryption,
  PBES,
  PrivateFormat,
} from "./index.js";

export { PBES };

/** The private key types a PKCS#12 bundle may hold (PyCA's `PKCS12PrivateKeyTypes`). */
export type PKCS12PrivateKeyTypes =
  | RSAPrivateKey
  | DSAPrivateKey
  | EllipticCurvePrivateKey
  | Ed25519PrivateKey
  | Ed448PrivateKey;

const KEY_TYPE_MESSAGE =
  "Key must be RSA, DSA, EllipticCurve, ED25519, or ED448 private key, or None.";

function isPkcs12Key(key: unknown): key is PKCS12PrivateKeyTypes {
  return (
    key instanceof RSAPrivateKey ||
    key instanceof DSAPrivateKey ||
    key instanceof EllipticCurvePrivateKey ||
    key instanceof Ed25519PrivateKey ||
    key instanceof Ed448PrivateKey
  );
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** A certificate with the friendly name of its bag (PyCA's `PKCS12Certificate`). */
export class PKCS12Certificate {
  readonly #certificate: Certificate;
  readonly #friendlyName: Buffer | null;

  constructor(cert: Certificate, friendlyName: Uint8Array | null = null) {
    if (!(cert instanceof Certificate)) {
      throw invalidType(`cert must be a Certificate, got ${describeType(cert)}`);
    }
    if (
      friendlyName !== null &&
      friendlyName !== undefined &&
      !(friendlyName instanceof Uint8Array)
    ) {
      throw invalidType(`friendly_name must be bytes or null, got ${describeType(friendlyName)}`);
    }
    this.#certificate = cert;
    this.#friendlyName =
      friendlyName === null || friendlyName === undefined ? null : Buffer.from(friendlyName);
  }

  get certificate(): Certificate {
    return this.#certificate;
  }

  /** The friendly name (a copy), or `null`. */
  get friendlyName(): Buffer | null {
    return this.#friendlyName === null ? null : Buffer.from(this.#friendlyName);
  }

  /** Same certificate and same friendly name (PyCA's `__eq__`). */
  equals(other: unknown): boolean {
    return (
      other instanceof PKCS12Certificate &&
      sameBytes(this.#friendlyName, other.#friendlyName) &&
      this.#certificate.equals(other.#certificate)
    );
  }

  toString(): string {
    const name =
      this.#friendlyName === null ? "None" : JSON.stringify(this.#friendlyName.toString("latin1"));
    return `<PKCS12Certificate(${String(this.#certificate)}, friendly_name=${name})>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** What {@link loadPkcs12} returns (PyCA's `PKCS12KeyAndCertificates`). */
export class PKCS12KeyAndCertificates {
  readonly #key: PrivateKeyObject | null;
  readonly #cert: PKCS12Certificate | null;
  readonly #additionalCerts: PKCS12Certificate[];

  constructor(
    key: PrivateKeyObject | null,
    cert: PKCS12Certificate | null,
    additionalCerts: PKCS12Certificate[],
  ) {
    if (key !== null && !isPkcs12Key(key)) throw invalidType(KEY_TYPE_MESSAGE);
    if (cert !== null && !(cert instanceof PKCS12Certificate)) {
      throw invalidType("cert must be a PKCS12Certificate object or None");
    }
    if (
      !Array.isArray(additionalCerts) ||
      !additionalCerts.every((c) => c instanceof PKCS12Certificate)
    ) {
      throw invalidType("all values in additional_certs must be PKCS12Certificate objects");
    }
    this.#key = key;
    this.#cert = cert;
    this.#additionalCerts = [...additionalCerts];
  }

  get key(): PrivateKeyObject | null {
    return this.#key;
  }

  get cert(): PKCS12Certificate | null {
    return this.#cert;
  }

  get additionalCerts(): PKCS12Certificate[] {
    return [...this.#additionalCerts];
  }

  /**
   * PyCA's `__eq__`: keys compare by identity there (private keys have no value equality), so
   * here too; certificates by value.
   */
  equals(other: unknown): boolean {
    if (!(other instanceof PKCS12KeyAndCertificates)) return false;
    const certsEqual = this.#cert === null ? other.#cert === null : this.#cert.equals(other.#cert);
    return (
      this.#key === other.#key &&
      certsEqual &&
      this.#additionalCerts.length === other.#additionalCerts.length &&
      this.#additionalCerts.every((c, i) => c.equals(other.#additionalCerts[i]))
    );
  }

  toString(): string {
    const certs = this.#additionalCerts.map(String).join(", ");
    return `<PKCS12KeyAndCertificates(key=${String(this.#key)}, cert=${String(this.#cert)}, additional_certs=[${certs}])>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function checkPassword(password: unknown): Uint8Array | null {
  if (password === null || password === undefined) return null;
  if (password instanceof Uint8Array) return password;
  throw invalidType(`password must be bytes or null, got ${describeType(password)}`);
}

function load(data: unknown, password: unknown): NativePkcs12Contents {
  const bytes = checkBytes("data", data);
  const pw = checkPassword(password);
  return callNative(() => native.loadPkcs12(bytes, pw));
}

function certificateOf(entry: NativeCertificateData): Certificate {
  return loadDerX509Certificate(entry.der);
}

function pkcs12CertificateOf(entry: NativeCertificateData): PKCS12Certificate {
  return new PKCS12Certificate(certificateOf(entry), entry.friendlyName ?? null);
}

function keyOf(contents: NativePkcs12Contents): PrivateKeyObject | null {
  const handle = contents.key();
  return handle === null ? null : wrapPrivateKey(handle);
}

/**
 * Loads a PKCS#12 bundle: `[key, certificate, additionalCertificates]`, `null` for what is
 * absent. A `null` password is the empty one. A wrong password or damaged data is a
 * `ValueError` ("Invalid password or PKCS12 data"); data that is not PKCS#12 at all is
 * "Could not deserialize PKCS12 data".
 */
export function loadKeyAndCertificates(
  data: Uint8Array,
  password: Uint8Array | null,
): [PrivateKeyObject | null, Certificate | null, Certificate[]] {
  const contents = load(data, password);
  const cert = contents.cert();
  return [
    keyOf(contents),
    cert === null ? null : certificateOf(cert),
    contents.additionalCerts().map(certificateOf),
  ];
}

/** Like {@link loadKeyAndCertificates}, with the friendly names of the certificates. */
export function loadPkcs12(
  data: Uint8Array,
  password: Uint8Array | null,
): PKCS12KeyAndCertificates {
  const contents = load(data, password);
  const cert = contents.cert();
  return new PKCS12KeyAndCertificates(
    keyOf(contents),
    cert === null ? null : pkcs12CertificateOf(cert),
    contents.additionalCerts().map(pkcs12CertificateOf),
  );
}

/** PyCA's defaults: SHA-256 MAC; the KDF rounds default natively (20000). */
function encryptionOf(algorithm: KeySerializationEncryption): NativePkcs12Encryption {
  if (algorithm instanceof NoEncryption) {
    return { keyCertAlgorithm: "", macHash: "sha256" };
  }
  if (
    algorithm instanceof _KeySerializationEncryption &&
    algorithm.format === PrivateFormat.PKCS12
  ) {
    const keyCert = algorithm.keyCertAlgorithmValue ?? PBES.PBESv2SHA256AndAES256CBC;
    return {
      password: Buffer.from(algorithm.password),
      keyCertAlgorithm:
        keyCert === PBES.PBESv1SHA1And3KeyTripleDESCBC
          ? "PBESv1SHA1And3KeyTripleDESCBC"
          : "PBESv2SHA256AndAES256CBC",
      kdfRounds: algorithm.kdfRoundsValue ?? undefined,
      macHash: algorithm.hmacHashValue?.name ?? "sha256",
    };
  }
  if (algorithm instanceof BestAvailableEncryption) {
    return {
      password: Buffer.from(algorithm.password),
      keyCertAlgorithm: "PBESv2SHA256AndAES256CBC",
      macHash: "sha256",
    };
  }
  throw new ValueError("Unsupported key encryption type");
}

/**
 * Writes a PKCS#12 bundle. `name` is the friendly name of the key and `cert`; each of `cas` is a
 * `Certificate` or a `PKCS12Certificate` (which keeps its own friendly name). Protection:
 * `NoEncryption()` (MAC only), `BestAvailableEncryption(password)` (AES-256-CBC with
 * PBKDF2-HMAC-SHA256, 20000 rounds, HMAC-SHA256 MAC), or
 * `PrivateFormat.PKCS12.encryptionBuilder()…build(password)` to choose the rounds, the MAC
 * digest and `PBES`.
 */
export function serializeKeyAndCertificates(
  name: Uint8Array | null,
  key: PKCS12PrivateKeyTypes | null,
  cert: Certificate | null,
  cas: Iterable<Certificate | PKCS12Certificate> | null,
  encryptionAlgorithm: KeySerializationEncryption,
): Buffer {
  if (key !== null && key !== undefined && !isPkcs12Key(key)) {
    throw invalidType(KEY_TYPE_MESSAGE);
  }
  if (!(encryptionAlgorithm instanceof KeySerializationEncryption)) {
    throw invalidType("Key encryption algorithm must be a KeySerializationEncryption instance");
  }
  const caList = cas === null || cas === undefined ? [] : collectCas(cas);
  if (
    (key === null || key === undefined) &&
    (cert === null || cert === undefined) &&
    caList.length === 0
  ) {
    throw new ValueError("You must supply at least one of key, cert, or cas");
  }
  const nameBytes = name === null || name === undefined ? null : checkBytes("name", name);
  if (cert !== null && cert !== undefined && !(cert instanceof Certificate)) {
    throw invalidType(`cert must be a Certificate or null, got ${describeType(cert)}`);
  }
  const encryption = encryptionOf(encryptionAlgorithm);
  const certDer = cert === null || cert === undefined ? null : cert.publicBytes(Encoding.DER);
  const handle = key === null || key === undefined ? null : key[HANDLE];
  return callNative(() => native.serializePkcs12(nameBytes, handle, certDer, caList, encryption));
}

/**
 * Writes a Java truststore: every certificate in its own bag with its friendly name, marked as
 * trusted for any purpose (the Oracle JDK trusted-key-usage attribute), protected as
 * {@link serializeKeyAndCertificates} protects bundles.
 */
export function serializeJavaTruststore(
  certs: Iterable<PKCS12Certificate>,
  encryptionAlgorithm: KeySerializationEncryption,
): Buffer {
  const list =
    typeof certs === "object" && certs !== null && Symbol.iterator in certs ? [...certs] : null;
  if (list === null) {
    throw invalidType(`certs must be an iterable of PKCS12Certificate, got ${describeType(certs)}`);
  }
  if (list.length === 0) throw new ValueError("You must supply at least one cert");
  if (!(encryptionAlgorithm instanceof KeySerializationEncryption)) {
    throw invalidType("Key encryption algorithm must be a KeySerializationEncryption instance");
  }
  const entries = list.map((entry) => {
    if (!(entry instanceof PKCS12Certificate)) {
      throw invalidType(
        `certs must contain only PKCS12Certificate objects, got ${describeType(entry)}`,
      );
    }
    return {
      der: entry.certificate.publicBytes(Encoding.DER),
      friendlyName: entry.friendlyName ?? undefined,
    };
  });
  const encryption = encryptionOf(encryptionAlgorithm);
  return callNative(() => native.serializeJavaTruststore(entries, encryption));
}

function collectCas(cas: unknown): NativeCertificateData[] {
  if (typeof cas !== "object" || cas === null || !(Symbol.iterator in cas)) {
    throw invalidType(`cas must be an iterable of certificates or null, got ${describeType(cas)}`);
  }
  const out: NativeCertificateData[] = [];
  for (const entry of cas as Iterable<unknown>) {
    if (entry instanceof PKCS12Certificate) {
      out.push({
        der: entry.certificate.publicBytes(Encoding.DER),
        friendlyName: entry.friendlyName ?? undefined,
      });
    } else if (entry instanceof Certificate) {
      out.push({ der: entry.publicBytes(Encoding.DER) });
    } else {
      throw invalidType(
        `cas must contain only Certificate or PKCS12Certificate objects, got ${describeType(entry)}`,
      );
    }
  }
  return out;
}
