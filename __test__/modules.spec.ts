/** The package's import paths (API.md §2) work with both `require` and `import`. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import test from "ava";
import { repoRoot, runNode, runNodeJson } from "./helpers/child";

const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  exports: Record<string, unknown>;
};
const subpaths = Object.keys(manifest.exports)
  .filter((key) => key !== "./package.json")
  .map((key) => (key === "." ? "hazmat" : `hazmat/${key.slice(2)}`));

const expectedExports: Record<string, string[]> = {
  hazmat: ["backend", "randomBytes", "Fernet", "MultiFernet", "InvalidToken"],
  "hazmat/backends": ["defaultBackend"],
  "hazmat/backends/openssl": ["backend", "Backend"],
  "hazmat/exceptions": [
    "InvalidToken",
    "InvalidSignature",
    "InvalidTag",
    "InvalidKey",
    "UnsupportedAlgorithm",
    "AlreadyFinalized",
    "AlreadyUpdated",
    "NotYetFinalized",
    "InternalError",
    "ValueError",
    "_Reasons",
  ],
  "hazmat/random": ["randomBytes", "randomFill", "randomBytesAsync", "randomFillAsync"],
  "hazmat/primitives/hashes": [
    "Hash",
    "XOFHash",
    "SHA256",
    "SHA3_256",
    "SHAKE128",
    "BLAKE2b",
    "hash",
  ],
  "hazmat/primitives/hmac": ["HMAC"],
  "hazmat/primitives/cmac": ["CMAC"],
  "hazmat/primitives/poly1305": ["Poly1305"],
  "hazmat/primitives/constant_time": ["bytesEq"],
  "hazmat/primitives/padding": ["PKCS7", "ANSIX923"],
  "hazmat/primitives/keywrap": [
    "aesKeyWrap",
    "aesKeyUnwrap",
    "aesKeyWrapWithPadding",
    "aesKeyUnwrapWithPadding",
    "InvalidUnwrap",
  ],
  "hazmat/primitives/ciphers": [
    "Cipher",
    "CipherContext",
    "AEADEncryptionContext",
    "AEADDecryptionContext",
  ],
  "hazmat/primitives/ciphers/algorithms": [
    "AES",
    "AES128",
    "AES256",
    "Camellia",
    "ChaCha20",
    "SM4",
  ],
  "hazmat/primitives/ciphers/modes": ["CBC", "CTR", "ECB", "GCM", "XTS"],
  "hazmat/primitives/ciphers/aead": [
    "AESGCM",
    "ChaCha20Poly1305",
    "AESCCM",
    "AESSIV",
    "AESOCB3",
    "AESGCMSIV",
  ],
  "hazmat/decrepit/ciphers/algorithms": [
    "TripleDES",
    "Blowfish",
    "CAST5",
    "SEED",
    "IDEA",
    "ARC4",
    "RC2",
  ],
  "hazmat/primitives/serialization": [
    "Encoding",
    "PrivateFormat",
    "PublicFormat",
    "ParameterFormat",
    "NoEncryption",
    "BestAvailableEncryption",
    "loadPemPrivateKey",
    "loadDerPrivateKey",
    "loadPemPublicKey",
    "loadDerPublicKey",
    "loadPemParameters",
    "loadDerParameters",
    "loadSshPrivateKey",
    "loadSshPublicKey",
    "sshKeyFingerprint",
  ],
  "hazmat/primitives/serialization/pkcs12": [
    "loadKeyAndCertificates",
    "loadPkcs12",
    "serializeKeyAndCertificates",
    "serializeJavaTruststore",
    "PKCS12Certificate",
    "PKCS12KeyAndCertificates",
    "PBES",
  ],
  "hazmat/primitives/serialization/pkcs7": [
    "loadPemPkcs7Certificates",
    "loadDerPkcs7Certificates",
    "serializeCertificates",
    "PKCS7SignatureBuilder",
    "PKCS7EnvelopeBuilder",
    "PKCS7Options",
    "pkcs7DecryptDer",
    "pkcs7DecryptPem",
    "pkcs7DecryptSmime",
  ],
  "hazmat/primitives/asymmetric/rsa": [
    "RSAPrivateKey",
    "RSAPublicKey",
    "RSAPrivateNumbers",
    "RSAPublicNumbers",
    "generatePrivateKey",
    "generatePrivateKeyAsync",
    "rsaCrtIqmp",
    "rsaCrtDmp1",
    "rsaCrtDmq1",
    "rsaRecoverPrimeFactors",
    "rsaRecoverPrivateExponent",
  ],
  "hazmat/primitives/asymmetric/padding": ["PKCS1v15", "PSS", "OAEP", "MGF1"],
  "hazmat/primitives/asymmetric/utils": ["Prehashed", "encodeDssSignature", "decodeDssSignature"],
  "hazmat/primitives/asymmetric/dsa": [
    "DSAParameterNumbers",
    "DSAPublicNumbers",
    "DSAPrivateNumbers",
    "DSAParameters",
    "DSAPrivateKey",
    "DSAPublicKey",
    "generateParameters",
    "generateParametersAsync",
    "generatePrivateKey",
    "generatePrivateKeyAsync",
  ],
  "hazmat/primitives/asymmetric/dh": [
    "DHParameterNumbers",
    "DHPublicNumbers",
    "DHPrivateNumbers",
    "DHParameters",
    "DHPrivateKey",
    "DHPublicKey",
    "generateParameters",
    "generateParametersAsync",
  ],
  "hazmat/primitives/asymmetric/ec": [
    "SECP256R1",
    "SECP384R1",
    "SECP521R1",
    "SECP224R1",
    "SECP192R1",
    "SECP256K1",
    "BrainpoolP256R1",
    "BrainpoolP384R1",
    "BrainpoolP512R1",
    "ECDSA",
    "ECDH",
    "EllipticCurvePrivateKey",
    "EllipticCurvePublicKey",
    "EllipticCurvePrivateNumbers",
    "EllipticCurvePublicNumbers",
    "generatePrivateKey",
    "derivePrivateKey",
    "getCurveForOid",
  ],
  "hazmat/primitives/asymmetric/ed25519": ["Ed25519PrivateKey", "Ed25519PublicKey"],
  "hazmat/primitives/asymmetric/ed448": ["Ed448PrivateKey", "Ed448PublicKey"],
  "hazmat/primitives/asymmetric/x25519": ["X25519PrivateKey", "X25519PublicKey"],
  "hazmat/primitives/asymmetric/x448": ["X448PrivateKey", "X448PublicKey"],
  "hazmat/primitives/asymmetric/mlkem": [
    "MLKEM768PrivateKey",
    "MLKEM768PublicKey",
    "MLKEM1024PrivateKey",
    "MLKEM1024PublicKey",
  ],
  "hazmat/primitives/asymmetric/mldsa": [
    "MLDSA44PrivateKey",
    "MLDSA44PublicKey",
    "MLDSA65PrivateKey",
    "MLDSA65PublicKey",
    "MLDSA87PrivateKey",
    "MLDSA87PublicKey",
  ],
  "hazmat/fernet": ["Fernet", "MultiFernet", "InvalidToken"],
  "hazmat/primitives/twofactor/hotp": ["HOTP", "InvalidToken"],
  "hazmat/primitives/twofactor/totp": ["TOTP", "InvalidToken"],
  "hazmat/primitives/kdf/pbkdf2": ["PBKDF2HMAC"],
  "hazmat/primitives/kdf/scrypt": ["Scrypt"],
  "hazmat/primitives/kdf/hkdf": ["HKDF", "HKDFExpand"],
  "hazmat/primitives/kdf/concatkdf": ["ConcatKDFHash", "ConcatKDFHMAC"],
  "hazmat/primitives/kdf/x963kdf": ["X963KDF"],
  "hazmat/primitives/kdf/kbkdf": ["KBKDFHMAC", "KBKDFCMAC", "Mode", "CounterLocation"],
  "hazmat/primitives/kdf/argon2": ["Argon2id"],
  "hazmat/decrepit/ciphers/modes": ["CFB", "CFB8", "OFB"],
  "hazmat/x509": [
    "Certificate",
    "CertificateBuilder",
    "CertificateSigningRequest",
    "CertificateSigningRequestBuilder",
    "CertificateRevocationList",
    "CertificateRevocationListBuilder",
    "RevokedCertificate",
    "RevokedCertificateBuilder",
    "Attribute",
    "Attributes",
    "AttributeNotFound",
    "InvalidVersion",
    "Version",
    "loadPemX509Certificate",
    "loadPemX509Certificates",
    "loadDerX509Certificate",
    "loadPemX509Csr",
    "loadDerX509Csr",
    "loadPemX509Crl",
    "loadDerX509Crl",
    "randomSerialNumber",
    "Name",
    "NameAttribute",
    "ObjectIdentifier",
    "Extension",
    "Extensions",
    "ExtensionNotFound",
    "DuplicateExtension",
    "BasicConstraints",
    "DNSName",
  ],
  "hazmat/x509/oid": ["ObjectIdentifier", "NameOID", "ExtensionOID", "SignatureAlgorithmOID"],
};

test("every subpath in package.json has its expected exports listed here", (t) => {
  t.deepEqual([...subpaths].sort(), Object.keys(expectedExports).sort());
});

test("require() of every subpath exposes its names", (t) => {
  const seen = runNodeJson<Record<string, string[]>>(
    `const out = {};
     for (const specifier of ${JSON.stringify(subpaths)}) out[specifier] = Object.keys(require(specifier));
     console.log(JSON.stringify(out));`,
  );
  for (const specifier of subpaths) {
    for (const name of expectedExports[specifier] ?? []) {
      t.true(seen[specifier]?.includes(name), `${name} in require("${specifier}")`);
    }
  }
});

test("import { … } of every subpath exposes the same names", (t) => {
  const imports = subpaths.map(
    (specifier, index) =>
      `import { ${(expectedExports[specifier] ?? []).map((name) => `${name} as m${index}_${name}`).join(", ")} } from ${JSON.stringify(specifier)};`,
  );
  const values = subpaths.flatMap((specifier, index) =>
    (expectedExports[specifier] ?? []).map(
      (name) => `[${JSON.stringify(`${specifier}:${name}`)}, typeof m${index}_${name}]`,
    ),
  );
  const result = runNode(
    `${imports.join("\n")}\nconsole.log(JSON.stringify([${values.join(", ")}]));`,
    {
      args: ["--input-type=module"],
    },
  );
  t.is(result.status, 0, result.stderr);
  for (const [name, type] of JSON.parse(result.stdout) as [string, string][]) {
    t.not(type, "undefined", name);
  }
});

test("require and import see the same backend object (no dual-package hazard)", (t) => {
  const result = runNode(
    `import { createRequire } from "node:module";
     import { backend } from "hazmat/backends/openssl";
     const required = createRequire(process.cwd() + "/")("hazmat/backends/openssl").backend;
     console.log(backend === required);`,
    { args: ["--input-type=module"] },
  );
  t.is(result.stdout.trim(), "true", result.stderr);
});

test("internal files are not importable", (t) => {
  const result = runNode(`require("hazmat/dist/lib/native.js")`);
  t.not(result.status, 0);
  t.regex(result.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
});
