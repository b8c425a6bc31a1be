/**
 * `cryptography.hazmat.primitives.serialization.pkcs7`: certificate bundles
 * (`loadPemPkcs7Certificates`, `loadDerPkcs7Certificates`, `serializeCertificates`), S/MIME
 * signatures (`PKCS7SignatureBuilder`), envelopes (`PKCS7EnvelopeBuilder`) and their decryption
 * (`pkcs7DecryptDer`, `pkcs7DecryptPem`, `pkcs7DecryptSmime`), with PyCA 50's argument rules and
 * messages. The structures are written natively (`crates/hazmat/src/pkcs7.rs`) the way PyCA
 * writes them; certificates cross as DER.
 *
 * @module
 */
import type { PrivateKey as NativePrivateKey } from "../../../index.js";
import { ValueError } from "../../exceptions.js";
import { callNative, native } from "../../lib/native.js";
import { checkBytes, describeType, invalidType } from "../../lib/validate.js";
import { Certificate, loadDerX509Certificate } from "../../x509/certificate.js";
import { HANDLE } from "../asymmetric/base.js";
import { EllipticCurvePrivateKey } from "../asymmetric/ec.js";
import { _Auto, _DigestLength, _MaxLength, MGF1, PKCS1v15, PSS } from "../asymmetric/padding.js";
import { RSAPrivateKey, RSAPublicKey } from "../asymmetric/rsa.js";
import { AES128, AES256 } from "../ciphers/algorithms.js";
import { SHA224, SHA256, SHA384, SHA512 } from "../hashes.js";
import { Encoding } from "./index.js";

/** The three native decryptors share one shape. */
type NativeDecrypt = (
  data: Uint8Array,
  cert: Uint8Array,
  key: NativePrivateKey,
  text: boolean,
) => Buffer;

/** The options of signing, encryption and decryption (PyCA's `PKCS7Options`). */
export enum PKCS7Options {
  Text = "Add text/plain MIME type",
  Binary = "Don't translate input data into canonical MIME format",
  DetachedSignature = "Don't embed data in the PKCS7 structure",
  NoCapabilities = "Don't embed SMIME capabilities",
  NoAttributes = "Don't embed authenticatedAttributes",
  NoCerts = "Don't embed signer certificate",
}

const OPTION_VALUES = new Set<unknown>(Object.values(PKCS7Options));

/** The digests PyCA allows for PKCS#7 signatures. */
export type PKCS7HashTypes = SHA224 | SHA256 | SHA384 | SHA512;
/** The keys PyCA can sign PKCS#7 with. */
export type PKCS7PrivateKeyTypes = RSAPrivateKey | EllipticCurvePrivateKey;
/** `AES128` or `AES256` (the classes themselves, as in PyCA). */
export type ContentEncryptionAlgorithm = typeof AES128 | typeof AES256;

function isPkcs7Hash(value: unknown): value is PKCS7HashTypes {
  return (
    value instanceof SHA224 ||
    value instanceof SHA256 ||
    value instanceof SHA384 ||
    value instanceof SHA512
  );
}

function certificatesFrom(ders: Buffer[]): Certificate[] {
  return ders.map((der) => loadDerX509Certificate(der));
}

/** The certificates of a PEM (`PKCS7`) SignedData bundle, in order. */
export function loadPemPkcs7Certificates(data: Uint8Array): Certificate[] {
  const bytes = checkBytes("data", data);
  return certificatesFrom(callNative(() => native.loadPemPkcs7Certificates(bytes)));
}

/** The certificates of a DER (or BER) SignedData bundle, in order. */
export function loadDerPkcs7Certificates(data: Uint8Array): Certificate[] {
  const bytes = checkBytes("data", data);
  return certificatesFrom(callNative(() => native.loadDerPkcs7Certificates(bytes)));
}

/** A certificates-only SignedData ("degenerate" PKCS#7) in `Encoding.PEM` or `Encoding.DER`. */
export function serializeCertificates(certs: Certificate[], encoding: Encoding): Buffer {
  if (!Array.isArray(certs) || certs.length === 0) {
    throw invalidType("certs must be a list of certs with length >= 1");
  }
  const ders = certs.map((cert) => {
    if (!(cert instanceof Certificate)) {
      throw invalidType("certs must be a list of certs with length >= 1");
    }
    return cert.publicBytes(Encoding.DER);
  });
  if (!(encoding instanceof Encoding)) {
    throw invalidType("encoding must be an item from the Encoding enum");
  }
  if (encoding !== Encoding.PEM && encoding !== Encoding.DER) {
    throw new ValueError("encoding must be Encoding.DER or Encoding.PEM");
  }
  return callNative(() => native.pkcs7SerializeCertificates(ders, encoding.name));
}

function checkOptions(options: unknown): PKCS7Options[] {
  if (typeof options !== "object" || options === null || !(Symbol.iterator in options)) {
    throw invalidType(`options must be an iterable of PKCS7Options, got ${describeType(options)}`);
  }
  const list = [...(options as Iterable<unknown>)];
  if (!list.every((o) => OPTION_VALUES.has(o))) {
    throw new ValueError("options must be from the PKCS7Options enum");
  }
  return list as PKCS7Options[];
}

function checkMessageEncoding(encoding: unknown): Encoding {
  if (encoding !== Encoding.PEM && encoding !== Encoding.DER && encoding !== Encoding.SMIME) {
    throw new ValueError("Must be PEM, DER, or SMIME from the Encoding enum");
  }
  return encoding as Encoding;
}

/** One signer: certificate, key, digest and RSA padding. */
type Signer = [Certificate, PKCS7PrivateKeyTypes, PKCS7HashTypes, PSS | PKCS1v15 | null];

/** Options of {@link PKCS7SignatureBuilder.addSigner} (PyCA's keyword-only `rsa_padding`). */
export interface AddSignerOptions {
  rsaPadding?: PSS | PKCS1v15 | null;
}

/** PSS salt-length sentinels as `crates/hazmat/src/pkcs7.rs` (and rsa.rs) read them. */
function pssSalt(padding: PSS): number {
  const salt = padding._saltLength;
  if (salt instanceof _MaxLength) return -3;
  if (salt instanceof _DigestLength) return -1;
  if (salt instanceof _Auto) return -2;
  if (salt > 2 ** 31 - 1) {
    throw new ValueError(
      "Digest or salt length too long for key size. Use a larger key or shorter salt length if you are specifying a PSS salt",
    );
  }
  return salt;
}

/** Builds S/MIME signatures; immutable, each method returns a new builder (PyCA's shape). */
export class PKCS7SignatureBuilder {
  readonly #data: Buffer | null;
  readonly #signers: readonly Signer[];
  readonly #additionalCerts: readonly Certificate[];

  constructor(
    data: Uint8Array | null = null,
    signers: Signer[] = [],
    additionalCerts: Certificate[] = [],
  ) {
    this.#data = data === null || data === undefined ? null : Buffer.from(checkBytes("data", data));
    this.#signers = [...signers];
    this.#additionalCerts = [...additionalCerts];
  }

  /** The content to sign; may be set once. */
  setData(data: Uint8Array): PKCS7SignatureBuilder {
    checkBytes("data", data);
    if (this.#data !== null) throw new ValueError("data may only be set once");
    return new PKCS7SignatureBuilder(data, [...this.#signers], [...this.#additionalCerts]);
  }

  /** Adds a signer; `rsaPadding` (PSS or PKCS1v15) only with an RSA key. */
  addSigner(
    certificate: Certificate,
    privateKey: PKCS7PrivateKeyTypes,
    hashAlgorithm: PKCS7HashTypes,
    options: AddSignerOptions = {},
  ): PKCS7SignatureBuilder {
    if (!isPkcs7Hash(hashAlgorithm)) {
      throw invalidType("hash_algorithm must be one of hashes.SHA224, SHA256, SHA384, or SHA512");
    }
    if (!(certificate instanceof Certificate)) {
      throw invalidType("certificate must be a x509.Certificate");
    }
    if (
      !(privateKey instanceof RSAPrivateKey) &&
      !(privateKey instanceof EllipticCurvePrivateKey)
    ) {
      throw invalidType("Only RSA & EC keys are supported at this time.");
    }
    if (typeof options !== "object" || options === null) {
      throw invalidType(`options must be an object, got ${describeType(options)}`);
    }
    const rsaPadding = options.rsaPadding ?? null;
    if (rsaPadding !== null) {
      if (!(rsaPadding instanceof PSS) && !(rsaPadding instanceof PKCS1v15)) {
        throw invalidType("Padding must be PSS or PKCS1v15");
      }
      if (!(privateKey instanceof RSAPrivateKey)) {
        throw invalidType("Padding is only supported for RSA keys");
      }
    }
    return new PKCS7SignatureBuilder(
      this.#data,
      [...this.#signers, [certificate, privateKey, hashAlgorithm, rsaPadding]],
      [...this.#additionalCerts],
    );
  }

  /** Adds a certificate to embed besides the signers' own. */
  addCertificate(certificate: Certificate): PKCS7SignatureBuilder {
    if (!(certificate instanceof Certificate)) {
      throw invalidType("certificate must be a x509.Certificate");
    }
    return new PKCS7SignatureBuilder(
      this.#data,
      [...this.#signers],
      [...this.#additionalCerts, certificate],
    );
  }

  /**
   * Signs, in `Encoding.SMIME` (multipart/signed), `DER` or `PEM`. Options: `Text` (needs
   * `DetachedSignature`, S/MIME only), `Binary`, `DetachedSignature`, `NoCapabilities`,
   * `NoAttributes` (not with `NoCapabilities`), `NoCerts`.
   */
  sign(encoding: Encoding, options: Iterable<PKCS7Options>): Buffer {
    if (this.#signers.length === 0) throw new ValueError("Must have at least one signer");
    if (this.#data === null) throw new ValueError("You must add data to sign");
    const opts = checkOptions(options);
    const enc = checkMessageEncoding(encoding);
    const has = (o: PKCS7Options) => opts.includes(o);
    if (has(PKCS7Options.Text) && !has(PKCS7Options.DetachedSignature)) {
      throw new ValueError("When passing the Text option you must also pass DetachedSignature");
    }
    if (has(PKCS7Options.Text) && (enc === Encoding.DER || enc === Encoding.PEM)) {
      throw new ValueError("The Text option is only available for SMIME serialization");
    }
    if (has(PKCS7Options.NoAttributes) && has(PKCS7Options.NoCapabilities)) {
      throw new ValueError(
        "NoAttributes is a superset of NoCapabilities. Do not pass both values.",
      );
    }
    const signer = new native.Pkcs7Signer();
    for (const [cert, key, hash, padding] of this.#signers) {
      let salt: number | null = null;
      let mgf: string | null = null;
      if (padding instanceof PSS) {
        salt = pssSalt(padding);
        const mgfAlgorithm = padding._mgf instanceof MGF1 ? padding._mgf._algorithm : null;
        if (!isPkcs7Hash(mgfAlgorithm)) {
          throw invalidType(
            "The MGF1 hash must be one of hashes.SHA224, SHA256, SHA384, or SHA512",
          );
        }
        mgf = mgfAlgorithm.name;
      }
      const der = cert.publicBytes(Encoding.DER);
      callNative(() => signer.addSigner(der, key[HANDLE], hash.name, salt, mgf));
    }
    for (const cert of this.#additionalCerts) {
      signer.addCertificate(cert.publicBytes(Encoding.DER));
    }
    const data = this.#data;
    return callNative(() =>
      signer.sign(data, enc.name, {
        text: has(PKCS7Options.Text),
        binary: has(PKCS7Options.Binary),
        detachedSignature: has(PKCS7Options.DetachedSignature),
        noCapabilities: has(PKCS7Options.NoCapabilities),
        noAttributes: has(PKCS7Options.NoAttributes),
        noCerts: has(PKCS7Options.NoCerts),
      }),
    );
  }
}

/** @internal The state of an envelope builder (PyCA's private keyword arguments). */
interface EnvelopeState {
  data: Buffer | null;
  recipients: readonly Certificate[];
  algorithm: ContentEncryptionAlgorithm | null;
}

/** Builds S/MIME envelopes for RSA recipients; immutable (PyCA's shape). */
export class PKCS7EnvelopeBuilder {
  readonly #state: EnvelopeState;

  /** A new, empty builder (the argument is internal: how methods make the next builder). */
  constructor(state?: EnvelopeState) {
    this.#state = state ?? { data: null, recipients: [], algorithm: null };
  }

  /** The content to encrypt; may be set once. */
  setData(data: Uint8Array): PKCS7EnvelopeBuilder {
    checkBytes("data", data);
    if (this.#state.data !== null) throw new ValueError("data may only be set once");
    return new PKCS7EnvelopeBuilder({ ...this.#state, data: Buffer.from(data) });
  }

  /** Adds a recipient; its certificate must hold an RSA key. */
  addRecipient(certificate: Certificate): PKCS7EnvelopeBuilder {
    if (!(certificate instanceof Certificate)) {
      throw invalidType("certificate must be a x509.Certificate");
    }
    if (!(certificate.publicKey() instanceof RSAPublicKey)) {
      throw invalidType("Only RSA keys are supported at this time.");
    }
    return new PKCS7EnvelopeBuilder({
      ...this.#state,
      recipients: [...this.#state.recipients, certificate],
    });
  }

  /** `AES128` (the default) or `AES256`, in CBC mode; may be set once. */
  setContentEncryptionAlgorithm(
    contentEncryptionAlgorithm: ContentEncryptionAlgorithm,
  ): PKCS7EnvelopeBuilder {
    if (this.#state.algorithm !== null) {
      throw new ValueError("Content encryption algo may only be set once");
    }
    if (contentEncryptionAlgorithm !== AES128 && contentEncryptionAlgorithm !== AES256) {
      throw invalidType("Only AES128 and AES256 are supported");
    }
    return new PKCS7EnvelopeBuilder({ ...this.#state, algorithm: contentEncryptionAlgorithm });
  }

  /** Encrypts, in `Encoding.SMIME`, `DER` or `PEM`; options: `Text` or `Binary`. */
  encrypt(encoding: Encoding, options: Iterable<PKCS7Options>): Buffer {
    const { data, recipients, algorithm } = this.#state;
    if (recipients.length === 0) throw new ValueError("Must have at least one recipient");
    if (data === null) throw new ValueError("You must add data to encrypt");
    const opts = checkOptions(options);
    const enc = checkMessageEncoding(encoding);
    if (opts.some((o) => o !== PKCS7Options.Text && o !== PKCS7Options.Binary)) {
      throw new ValueError("Only the following options are supported for encryption: Text, Binary");
    }
    const text = opts.includes(PKCS7Options.Text);
    const binary = opts.includes(PKCS7Options.Binary);
    if (text && binary) {
      // OpenSSL would ignore Text; PyCA refuses the ambiguity.
      throw new ValueError("Cannot use Binary and Text options at the same time");
    }
    const bits = algorithm === AES256 ? 256 : 128;
    const ders = recipients.map((c) => c.publicBytes(Encoding.DER));
    return callNative(() => native.pkcs7Encrypt(data, ders, bits, enc.name, text, binary));
  }
}

function decryptWith(
  decrypt: NativeDecrypt,
  data: unknown,
  certificate: unknown,
  privateKey: unknown,
  options: unknown,
): Buffer {
  const bytes = checkBytes("data", data);
  const opts = checkOptions(options);
  if (opts.some((o) => o !== PKCS7Options.Text)) {
    throw new ValueError("Only the following options are supported for decryption: Text");
  }
  if (!(certificate instanceof Certificate)) {
    throw invalidType("certificate must be a x509.Certificate");
  }
  if (!(certificate.publicKey() instanceof RSAPublicKey)) {
    throw invalidType("Only certificate with RSA public keys are supported at this time.");
  }
  if (!(privateKey instanceof RSAPrivateKey)) {
    throw invalidType("Only RSA private keys are supported at this time.");
  }
  const der = certificate.publicBytes(Encoding.DER);
  const text = opts.includes(PKCS7Options.Text);
  return callNative(() => decrypt(bytes, der, privateKey[HANDLE], text));
}

/**
 * Decrypts a DER EnvelopedData for `certificate`'s recipient with its RSA `privateKey`. A wrong
 * key or tampered content is one `ValueError` ("Invalid padding bytes."), never an oracle.
 */
export function pkcs7DecryptDer(
  data: Uint8Array,
  certificate: Certificate,
  privateKey: RSAPrivateKey,
  options: Iterable<PKCS7Options>,
): Buffer {
  return decryptWith(native.pkcs7DecryptDer, data, certificate, privateKey, options);
}

/** Like {@link pkcs7DecryptDer}, for PEM (`PKCS7`). */
export function pkcs7DecryptPem(
  data: Uint8Array,
  certificate: Certificate,
  privateKey: RSAPrivateKey,
  options: Iterable<PKCS7Options>,
): Buffer {
  return decryptWith(native.pkcs7DecryptPem, data, certificate, privateKey, options);
}

/** Like {@link pkcs7DecryptDer}, for an S/MIME (application/pkcs7-mime) message. */
export function pkcs7DecryptSmime(
  data: Uint8Array,
  certificate: Certificate,
  privateKey: RSAPrivateKey,
  options: Iterable<PKCS7Options>,
): Buffer {
  return decryptWith(native.pkcs7DecryptSmime, data, certificate, privateKey, options);
}
