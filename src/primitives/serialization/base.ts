/**
 * The serialization vocabulary of `cryptography.hazmat.primitives.serialization`: `Encoding`,
 * `PrivateFormat`, `PublicFormat`, `ParameterFormat`, the encryption choices, and the two
 * functions every key class's `privateBytes` / `publicBytes` calls. The combination rules and
 * their messages are PyCA's (`src/rust/src/backend/utils.rs`); the encoding itself is native
 * (`crates/hazmat/src/serialization.rs`).
 *
 * @module
 */
import type {
  PrivateKey as NativePrivateKey,
  PublicKey as NativePublicKey,
} from "../../../index.js";
import { ValueError } from "../../exceptions.js";
import { callNative, native } from "../../lib/native.js";
import { describeType, invalidType } from "../../lib/validate.js";
import type { HashAlgorithm } from "../hashes.js";

/** How bytes are wrapped: PEM, DER, OpenSSH, Raw, X9.62 (and S/MIME for PKCS#7). */
export class Encoding {
  static readonly PEM: Encoding = new Encoding("PEM");
  static readonly DER: Encoding = new Encoding("DER");
  static readonly OpenSSH: Encoding = new Encoding("OpenSSH");
  static readonly Raw: Encoding = new Encoding("Raw");
  static readonly X962: Encoding = new Encoding("ANSI X9.62");
  static readonly SMIME: Encoding = new Encoding("S/MIME");

  private constructor(readonly value: string) {}

  toString(): string {
    return `Encoding.${this.name}`;
  }

  get name(): string {
    return this.value === "ANSI X9.62" ? "X962" : this.value === "S/MIME" ? "SMIME" : this.value;
  }
}

/** The structure of a serialized private key. */
export class PrivateFormat {
  static readonly PKCS8: PrivateFormat = new PrivateFormat("PKCS8");
  static readonly TraditionalOpenSSL: PrivateFormat = new PrivateFormat("TraditionalOpenSSL");
  static readonly Raw: PrivateFormat = new PrivateFormat("Raw");
  static readonly OpenSSH: PrivateFormat = new PrivateFormat("OpenSSH");
  static readonly PKCS12: PrivateFormat = new PrivateFormat("PKCS12");

  private constructor(readonly name: string) {}

  /** A builder for tuned encryption; PyCA allows it for OpenSSH and PKCS12 only. */
  encryptionBuilder(): KeySerializationEncryptionBuilder {
    if (this !== PrivateFormat.OpenSSH && this !== PrivateFormat.PKCS12) {
      throw new ValueError(
        "encryption_builder only supported with PrivateFormat.OpenSSH and PrivateFormat.PKCS12",
      );
    }
    return new KeySerializationEncryptionBuilder(this, null, null, null);
  }

  toString(): string {
    return `PrivateFormat.${this.name}`;
  }
}

/** The structure of a serialized public key. */
export class PublicFormat {
  static readonly SubjectPublicKeyInfo: PublicFormat = new PublicFormat("SubjectPublicKeyInfo");
  static readonly PKCS1: PublicFormat = new PublicFormat("PKCS1");
  static readonly OpenSSH: PublicFormat = new PublicFormat("OpenSSH");
  static readonly Raw: PublicFormat = new PublicFormat("Raw");
  static readonly CompressedPoint: PublicFormat = new PublicFormat("CompressedPoint");
  static readonly UncompressedPoint: PublicFormat = new PublicFormat("UncompressedPoint");

  private constructor(readonly name: string) {}

  toString(): string {
    return `PublicFormat.${this.name}`;
  }
}

/** The structure of serialized DH parameters. */
export class ParameterFormat {
  static readonly PKCS3: ParameterFormat = new ParameterFormat("PKCS3");

  private constructor(readonly name: string) {}

  toString(): string {
    return `ParameterFormat.${this.name}`;
  }
}

/** PKCS#12 key/certificate encryption choices (PyCA's `PBES`). */
export enum PBES {
  PBESv1SHA1And3KeyTripleDESCBC = "PBESv1 using SHA1 and 3-Key TripleDES",
  PBESv2SHA256AndAES256CBC = "PBESv2 using SHA256 PBKDF2 and AES256 CBC",
}

/** Base of the encryption choices passed to `privateBytes`. */
export abstract class KeySerializationEncryption {
  /** Never shows the password. */
  toString(): string {
    return `<${this.constructor.name}>`;
  }
}

function checkPassword(password: unknown): Uint8Array {
  if (!(password instanceof Uint8Array) || password.length === 0) {
    throw new ValueError("Password must be 1 or more bytes.");
  }
  return password;
}

/** The best encryption hazmat offers for the format (AES-256-CBC with PBKDF2 for PKCS#8 PEM). */
export class BestAvailableEncryption extends KeySerializationEncryption {
  /** @internal */
  readonly password: Uint8Array;

  constructor(password: Uint8Array) {
    super();
    this.password = checkPassword(password);
  }
}

/** Serialize unencrypted. */
export class NoEncryption extends KeySerializationEncryption {}

/** What {@link KeySerializationEncryptionBuilder.build} returns. */
export class _KeySerializationEncryption extends KeySerializationEncryption {
  /** @internal */
  readonly password: Uint8Array;

  /** @internal */
  constructor(
    readonly format: PrivateFormat,
    password: Uint8Array,
    readonly kdfRoundsValue: number | null,
    readonly hmacHashValue: HashAlgorithm | null,
    readonly keyCertAlgorithmValue: PBES | null,
  ) {
    super();
    this.password = password;
  }
}

/** PyCA's `KeySerializationEncryptionBuilder`: each setting may be given once. */
export class KeySerializationEncryptionBuilder {
  /** @internal */
  constructor(
    private readonly format: PrivateFormat,
    private readonly rounds: number | null,
    private readonly hmac: HashAlgorithm | null,
    private readonly keyCert: PBES | null,
  ) {}

  kdfRounds(rounds: number): KeySerializationEncryptionBuilder {
    if (this.rounds !== null) throw new ValueError("kdf_rounds already set");
    if (typeof rounds !== "number" || !Number.isInteger(rounds)) {
      throw invalidType("kdf_rounds must be an integer");
    }
    if (rounds < 1) throw new ValueError("kdf_rounds must be a positive integer");
    return new KeySerializationEncryptionBuilder(this.format, rounds, this.hmac, this.keyCert);
  }

  hmacHash(algorithm: HashAlgorithm): KeySerializationEncryptionBuilder {
    if (this.format !== PrivateFormat.PKCS12) {
      throw invalidType("hmac_hash only supported with PrivateFormat.PKCS12");
    }
    if (this.hmac !== null) throw new ValueError("hmac_hash already set");
    return new KeySerializationEncryptionBuilder(this.format, this.rounds, algorithm, this.keyCert);
  }

  keyCertAlgorithm(algorithm: PBES): KeySerializationEncryptionBuilder {
    if (this.format !== PrivateFormat.PKCS12) {
      throw invalidType("key_cert_algorithm only supported with PrivateFormat.PKCS12");
    }
    if (this.keyCert !== null) throw new ValueError("key_cert_algorithm already set");
    return new KeySerializationEncryptionBuilder(this.format, this.rounds, this.hmac, algorithm);
  }

  build(password: Uint8Array): KeySerializationEncryption {
    return new _KeySerializationEncryption(
      this.format,
      checkPassword(password),
      this.rounds,
      this.hmac,
      this.keyCert,
    );
  }
}

/** What a key type allows beyond PEM/DER (PyCA's `raw_allowed` / `openssh_allowed`). */
interface KeyCapabilities {
  raw: boolean;
  openssh: boolean;
}

function capabilitiesOf(keyType: string): KeyCapabilities {
  switch (keyType) {
    case "ED25519":
    case "ED448":
      return { raw: true, openssh: true };
    case "X25519":
    case "X448":
      return { raw: true, openssh: false };
    case "RSA":
    case "EC":
    case "DSA":
      return { raw: false, openssh: true };
    default:
      return { raw: keyType.startsWith("ML-"), openssh: false };
  }
}

function checkEncoding(value: unknown): Encoding {
  if (value instanceof Encoding) return value;
  throw invalidType("encoding must be an item from the Encoding enum");
}

function encodingMustBePemOrDer(): TypeError {
  return invalidType("encoding must be Encoding.DER or Encoding.PEM");
}

function isPemOrDer(encoding: Encoding): boolean {
  return encoding === Encoding.PEM || encoding === Encoding.DER;
}

/**
 * The body of every private key class's `privateBytes(encoding, format, encryptionAlgorithm)`,
 * with PyCA's checks, in PyCA's order, with its messages.
 */
export function privateBytesOf(
  handle: NativePrivateKey,
  encoding: Encoding,
  format: PrivateFormat,
  encryptionAlgorithm: KeySerializationEncryption,
): Buffer {
  const enc = checkEncoding(encoding);
  if (!(format instanceof PrivateFormat)) {
    throw invalidType("format must be an item from the PrivateFormat enum");
  }
  if (!(encryptionAlgorithm instanceof KeySerializationEncryption)) {
    throw invalidType(
      `Encryption algorithm must be a KeySerializationEncryption instance, got ${describeType(encryptionAlgorithm)}`,
    );
  }
  const keyType = handle.keyType();
  const caps = capabilitiesOf(keyType);
  if (caps.raw && (enc === Encoding.Raw || format === PrivateFormat.Raw)) {
    if (
      enc !== Encoding.Raw ||
      format !== PrivateFormat.Raw ||
      !(encryptionAlgorithm instanceof NoEncryption)
    ) {
      throw new ValueError(
        "When using Raw both encoding and format must be Raw and encryption_algorithm must be NoEncryption()",
      );
    }
    return callNative(() => native.privateKeyBytes(handle, "Raw", "Raw", null, null));
  }
  let password: Uint8Array | null;
  let rounds: number | null = null;
  if (encryptionAlgorithm instanceof NoEncryption) {
    password = null;
  } else if (encryptionAlgorithm instanceof BestAvailableEncryption) {
    password = encryptionAlgorithm.password;
  } else if (
    encryptionAlgorithm instanceof _KeySerializationEncryption &&
    encryptionAlgorithm.format === format
  ) {
    password = encryptionAlgorithm.password;
    rounds = encryptionAlgorithm.kdfRoundsValue;
  } else {
    throw new ValueError("Unsupported encryption type");
  }
  if (password !== null && password.length > 1023) {
    throw new ValueError("Passwords longer than 1023 bytes are not supported by this backend");
  }
  const pw = password === null ? null : Buffer.from(password);
  if (format === PrivateFormat.PKCS8) {
    if (!isPemOrDer(enc)) throw encodingMustBePemOrDer();
  } else if (
    format === PrivateFormat.TraditionalOpenSSL &&
    (keyType === "RSA" || keyType === "EC" || keyType === "DSA") &&
    isPemOrDer(enc)
  ) {
    if (enc === Encoding.DER && pw !== null) {
      throw new ValueError("Encryption is not supported for DER encoded traditional OpenSSL keys");
    }
  } else if (format === PrivateFormat.OpenSSH && caps.openssh) {
    if (enc !== Encoding.PEM) {
      throw new ValueError("OpenSSH private key format can only be used with PEM encoding");
    }
    if (keyType === "ED448") throw new ValueError("Unsupported key type");
    // With a password: aes256-ctr under bcrypt-pbkdf (16 rounds unless kdfRounds says), as PyCA.
  } else {
    throw new ValueError("format is invalid with this key");
  }
  return callNative(() => native.privateKeyBytes(handle, enc.name, format.name, pw, rounds));
}

/**
 * The body of every public key class's `publicBytes(encoding, format)`, with PyCA's checks, in
 * PyCA's order, with its messages. Covers X9.62 points for EC keys.
 */
export function publicBytesOf(
  handle: NativePublicKey,
  encoding: Encoding,
  format: PublicFormat,
): Buffer {
  const enc = checkEncoding(encoding);
  if (!(format instanceof PublicFormat)) {
    throw invalidType("format must be an item from the PublicFormat enum");
  }
  const keyType = handle.keyType();
  const caps = capabilitiesOf(keyType);
  if (caps.raw && (enc === Encoding.Raw || format === PublicFormat.Raw)) {
    if (enc !== Encoding.Raw || format !== PublicFormat.Raw) {
      throw new ValueError("When using Raw both encoding and format must be Raw");
    }
  } else if (format === PublicFormat.SubjectPublicKeyInfo) {
    if (!isPemOrDer(enc)) throw encodingMustBePemOrDer();
  } else if (
    keyType === "EC" &&
    (format === PublicFormat.CompressedPoint || format === PublicFormat.UncompressedPoint) &&
    enc === Encoding.X962
  ) {
    // an X9.62 point
  } else if (keyType === "EC" && enc === Encoding.X962) {
    throw new ValueError(
      "X962 encoding must be used with CompressedPoint or UncompressedPoint format",
    );
  } else if (format === PublicFormat.PKCS1 && keyType === "RSA") {
    if (!isPemOrDer(enc)) throw encodingMustBePemOrDer();
  } else if (format === PublicFormat.OpenSSH && caps.openssh) {
    if (enc !== Encoding.OpenSSH) {
      throw new ValueError("OpenSSH format must be used with OpenSSH encoding");
    }
  } else {
    throw new ValueError("format is invalid with this key");
  }
  return callNative(() => native.publicKeyBytes(handle, enc.name, format.name));
}
