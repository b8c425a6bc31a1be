/**
 * The native X.509 API (crates/hazmat/src/x509) exercised directly, below the façade: parsing
 * checked against PyCA's own reading of vector files, signing with every key type compared
 * byte for byte with PyCA's builders where the signature is deterministic (RSA PKCS#1 v1.5,
 * RFC 6979 ECDSA, EdDSA) and checked by PyCA and the openssl CLI where it is not (PSS, DSA,
 * random ECDSA, ML-DSA), PSS parameters, key identifiers, and bad input.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import test from "ava";
import { InvalidSignature, UnsupportedAlgorithm, ValueError } from "hazmat/exceptions";
import { callNative, native } from "../dist/lib/native.js";
import type {
  AttributeModel,
  CertificateTemplateModel,
  CrlTemplateModel,
  CsrTemplateModel,
  ExtensionModel,
  NameModel,
  SignatureAlgorithmModel,
  SignOptionsModel,
} from "../dist/x509/model.js";
import type { NativeCertificate, PrivateKey } from "../index.js";
import { runPythonJson } from "./helpers/python-json.js";
import { vectorsRoot } from "./helpers/vectors.js";

const x509Dir = (): string => path.join(vectorsRoot(), "x509");
const hex = (data: Uint8Array): string => Buffer.from(data).toString("hex");
const utf8Hex = (text: string): string => Buffer.from(text, "utf8").toString("hex");

/** PyCA as the independent implementation: builds, reads and checks X.509 objects. */
const ORACLE = `
import sys, json, datetime
from cryptography import x509
from cryptography.x509.oid import NameOID, AttributeOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa, ec, ed25519, ed448, dsa, padding

def gen(kind):
    if kind == "rsa": return rsa.generate_private_key(65537, 2048)
    if kind == "ec": return ec.generate_private_key(ec.SECP256R1())
    if kind == "ec384": return ec.generate_private_key(ec.SECP384R1())
    if kind == "ed25519": return ed25519.Ed25519PrivateKey.generate()
    if kind == "ed448": return ed448.Ed448PrivateKey.generate()
    if kind == "dsa": return dsa.generate_private_key(2048)
    from cryptography.hazmat.primitives.asymmetric import mldsa
    return {"mldsa44": mldsa.MLDSA44PrivateKey, "mldsa65": mldsa.MLDSA65PrivateKey,
            "mldsa87": mldsa.MLDSA87PrivateKey}[kind].generate()

HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
          "sha384": hashes.SHA384, "sha512": hashes.SHA512, "sha3-224": hashes.SHA3_224,
          "sha3-256": hashes.SHA3_256, "sha3-384": hashes.SHA3_384, "sha3-512": hashes.SHA3_512}
ms = lambda t: datetime.datetime.fromtimestamp(t / 1000, datetime.timezone.utc)
to_ms = lambda d: int(d.timestamp() * 1000)

def make(case):
    key = gen(case["kind"])
    algo = HASHES[case["hash"]]() if case["hash"] else None
    kw = {"ecdsa_deterministic": True} if case.get("deterministic") else {}
    pad = case.get("pss")
    rsa_kw = dict(kw)
    if pad:
        salt = {-1: padding.PSS.MAX_LENGTH, -2: padding.PSS.DIGEST_LENGTH}.get(pad["saltLength"], pad["saltLength"])
        rsa_kw["rsa_padding"] = padding.PSS(padding.MGF1(HASHES[pad["mgfHash"]]()), salt)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hazmat native"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "PyCA oracle")])
    t = case["template"]
    bc = x509.BasicConstraints(ca=True, path_length=None)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .serial_number(int(t["serialNumber"], 16)).not_valid_before(ms(t["notBefore"]))
            .not_valid_after(ms(t["notAfter"])).public_key(key.public_key())
            .add_extension(bc, critical=True).sign(key, algo, **rsa_kw))
    csr = (x509.CertificateSigningRequestBuilder().subject_name(name).add_extension(bc, critical=True)
           .add_attribute(AttributeOID.CHALLENGE_PASSWORD, b"hazmat").sign(key, algo, **rsa_kw))
    crl = (x509.CertificateRevocationListBuilder().issuer_name(name)
           .last_update(ms(t["notBefore"])).next_update(ms(t["notAfter"]))
           .add_revoked_certificate(x509.RevokedCertificateBuilder().serial_number(255)
                                    .revocation_date(ms(t["notBefore"])).build())
           .sign(key, algo, **rsa_kw))
    return {
        "key": key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode(),
        "cert": cert.public_bytes(serialization.Encoding.DER).hex(),
        "certTbs": cert.tbs_certificate_bytes.hex(),
        "csr": csr.public_bytes(serialization.Encoding.DER).hex(),
        "csrTbs": csr.tbs_certrequest_bytes.hex(),
        "crl": crl.public_bytes(serialization.Encoding.DER).hex(),
        "crlTbs": crl.tbs_certlist_bytes.hex(),
        "ski": x509.SubjectKeyIdentifier.from_public_key(key.public_key()).digest.hex(),
    }

def check(item):
    cert = x509.load_der_x509_certificate(bytes.fromhex(item["cert"]))
    cert.verify_directly_issued_by(cert)
    csr = x509.load_der_x509_csr(bytes.fromhex(item["csr"]))
    crl = x509.load_der_x509_crl(bytes.fromhex(item["crl"]))
    out = {"csrValid": csr.is_signature_valid, "crlValid": crl.is_signature_valid(cert.public_key())}
    p = cert.signature_algorithm_parameters
    if isinstance(p, padding.PSS):
        out["pss"] = {"mgfHash": p.mgf._algorithm.name, "saltLength": p._salt_length}
    return out

def hash_name(cert):
    try:
        h = cert.signature_hash_algorithm
    except Exception:
        return "unsupported"
    return h.name if h else None

def read(item):
    data = open(item["path"], "rb").read()
    cert = x509.load_pem_x509_certificate(data) if item["pem"] else x509.load_der_x509_certificate(data)
    return {
        "der": cert.public_bytes(serialization.Encoding.DER).hex(),
        "tbs": cert.tbs_certificate_bytes.hex(),
        "signature": cert.signature.hex(),
        "version": cert.version.value,
        "serial": format(cert.serial_number, "x"),
        "notBefore": to_ms(cert.not_valid_before_utc),
        "notAfter": to_ms(cert.not_valid_after_utc),
        "spki": cert.public_key().public_bytes(serialization.Encoding.DER,
                serialization.PublicFormat.SubjectPublicKeyInfo).hex(),
        "hash": hash_name(cert),
        "sigOid": cert.signature_algorithm_oid.dotted_string,
        "keyOid": cert.public_key_algorithm_oid.dotted_string,
        "issuerDer": cert.issuer.public_bytes().hex(),
        "extensionOids": [e.oid.dotted_string for e in cert.extensions],
    }

def algorithm(obj):
    """PyCA's signature_hash_algorithm and signature_algorithm_parameters, or None where
    either raises (hazmat's model then says known: false or carries a problem)."""
    try:
        h = obj.signature_hash_algorithm
        p = obj.signature_algorithm_parameters
    except Exception:
        return None
    h = h.name if h else None
    if isinstance(p, padding.PSS):
        p = {"type": "pss", "hash": h, "mgfHash": p.mgf._algorithm.name, "saltLength": p._salt_length}
    elif isinstance(p, padding.PKCS1v15):
        p = {"type": "pkcs1v15"}
    elif isinstance(p, ec.ECDSA):
        p = {"type": "ecdsa", "hash": p.algorithm.name}
    return {"oid": obj.signature_algorithm_oid.dotted_string, "hash": h, "parameters": p}

def sweep(path):
    import warnings
    warnings.simplefilter("ignore")
    data = open(path, "rb").read()
    pem = b"-----BEGIN" in data
    out = {}
    for kind, load_pem, load_der in [
            ("cert", x509.load_pem_x509_certificate, x509.load_der_x509_certificate),
            ("csr", x509.load_pem_x509_csr, x509.load_der_x509_csr),
            ("crl", x509.load_pem_x509_crl, x509.load_der_x509_crl)]:
        try:
            obj = (load_pem if pem else load_der)(data)
        except Exception:
            out[kind] = None
            out[kind + "Alg"] = None
            continue
        out[kind + "Alg"] = algorithm(obj)
        if kind == "cert":
            out[kind] = {"tbs": obj.tbs_certificate_bytes.hex(), "signature": obj.signature.hex(),
                         "serial": format(obj.serial_number, "x"), "version": obj.version.value,
                         "notBefore": to_ms(obj.not_valid_before_utc),
                         "notAfter": to_ms(obj.not_valid_after_utc)}
        elif kind == "csr":
            out[kind] = {"tbs": obj.tbs_certrequest_bytes.hex(), "signature": obj.signature.hex(),
                         "valid": obj.is_signature_valid}
        else:
            nu = obj.next_update_utc
            out[kind] = {"tbs": obj.tbs_certlist_bytes.hex(), "signature": obj.signature.hex(),
                         "lastUpdate": to_ms(obj.last_update_utc),
                         "nextUpdate": to_ms(nu) if nu else None,
                         "revoked": [[format(r.serial_number, "x"), to_ms(r.revocation_date_utc)] for r in obj]}
    return out

req = json.load(sys.stdin)
print(json.dumps({"made": [make(c) for c in req.get("make", [])],
                  "checked": [check(c) for c in req.get("check", [])],
                  "read": [read(c) for c in req.get("read", [])],
                  "sweep": [sweep(p) for p in req.get("sweep", [])]}))
`;

interface Made {
  key: string;
  cert: string;
  certTbs: string;
  csr: string;
  csrTbs: string;
  crl: string;
  crlTbs: string;
  ski: string;
}
interface Checked {
  csrValid: boolean;
  crlValid: boolean;
  pss?: { mgfHash: string; saltLength: number };
}
interface Read {
  der: string;
  tbs: string;
  signature: string;
  version: number;
  serial: string;
  notBefore: number;
  notAfter: number;
  spki: string;
  hash: string | null;
  sigOid: string;
  keyOid: string;
  issuerDer: string;
  extensionOids: string[];
}
/** PyCA's reading of one file as a certificate, a CSR and a CRL (null: it refused). */
interface Swept {
  certAlg: PycaAlgorithm | null;
  csrAlg: PycaAlgorithm | null;
  crlAlg: PycaAlgorithm | null;
  cert: {
    tbs: string;
    signature: string;
    serial: string;
    version: number;
    notBefore: number;
    notAfter: number;
  } | null;
  csr: { tbs: string; signature: string; valid: boolean } | null;
  crl: {
    tbs: string;
    signature: string;
    lastUpdate: number;
    nextUpdate: number | null;
    revoked: [string, number][];
  } | null;
}
interface MakeCase {
  kind: string;
  hash: string | null;
  deterministic?: boolean;
  pss?: { mgfHash: string; saltLength: number };
  template: { serialNumber: string; notBefore: number; notAfter: number };
}

function pyca(request: {
  make?: MakeCase[];
  check?: { cert: string; csr: string; crl: string }[];
  read?: { path: string; pem: boolean }[];
  sweep?: string[];
}): { made: Made[]; checked: Checked[]; read: Read[]; sweep: Swept[] } {
  return runPythonJson(ORACLE, request, 300_000);
}

function openssl(args: string[]): { status: number | null; out: string } {
  const run = spawnSync("openssl", args, { encoding: "utf8", timeout: 60_000 });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

const NAME: NameModel = [
  [{ oid: "2.5.4.3", tag: 12, value: "hazmat native" }],
  [{ oid: "2.5.4.10", tag: 12, value: "PyCA oracle" }],
];
const BASIC_CONSTRAINTS: ExtensionModel = {
  oid: "2.5.29.19",
  critical: true,
  value: { type: "BasicConstraints", ca: true, pathLength: null },
};
const TIMES = {
  serialNumber: "1f2e3d4c5b6a79",
  notBefore: 1_700_000_000_000,
  notAfter: 2_600_000_000_000,
};

const certTemplate = (): CertificateTemplateModel => ({
  issuer: NAME,
  subject: NAME,
  serialNumber: TIMES.serialNumber,
  notBefore: TIMES.notBefore,
  notAfter: TIMES.notAfter,
  extensions: [BASIC_CONSTRAINTS],
});
const csrTemplate = (): CsrTemplateModel => ({
  subject: NAME,
  extensions: [BASIC_CONSTRAINTS],
  attributes: [{ oid: "1.2.840.113549.1.9.7", tag: 12, value: utf8Hex("hazmat") }],
});
const crlTemplate = (): CrlTemplateModel => ({
  issuer: NAME,
  lastUpdate: TIMES.notBefore,
  nextUpdate: TIMES.notAfter,
  extensions: [],
  revoked: [{ serialNumber: "ff", revocationDate: TIMES.notBefore, extensions: [] }],
});

function options(hash: string | null, extra: Partial<SignOptionsModel> = {}): SignOptionsModel {
  return { hash, rsaPadding: null, ecdsaDeterministic: false, ...extra };
}

const loadKey = (pem: string): PrivateKey =>
  callNative(() => native.loadPrivateKey(Buffer.from(pem), true, null, false));

/** Signs the three templates the oracle signed, with the oracle's key. */
function signAll(key: PrivateKey, opts: SignOptionsModel) {
  const pub = key.publicKey();
  return {
    cert: callNative(() => native.signCertificate(certTemplate(), pub, key, opts)),
    csr: callNative(() => native.signCsr(csrTemplate(), key, opts)),
    crl: callNative(() => native.signCrl(crlTemplate(), key, opts)),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing, against PyCA's reading of the same files

const READ_FILES = [
  { path: "cryptography.io.pem", pem: true },
  { path: "custom/rsa_pss_cert.pem", pem: true },
  { path: "ecdsa_root.pem", pem: true },
  { path: "ed25519/root-ed25519.pem", pem: true },
  { path: "custom/negative_serial.pem", pem: true },
  { path: "v1_cert.pem", pem: true },
  { path: "custom/ec_no_named_curve.pem", pem: true },
  { path: "custom/rsa_pss.pem", pem: true },
  { path: "PKITS_data/certs/GoodCACert.crt", pem: false },
];

test("every certificate getter agrees with PyCA on vector files", (t) => {
  const files = READ_FILES.filter((f) => fs.existsSync(path.join(x509Dir(), f.path)));
  t.true(files.length >= 5, "the vector files are present");
  const expected = pyca({
    read: files.map((f) => ({ ...f, path: path.join(x509Dir(), f.path) })),
  }).read;
  files.forEach((file, i) => {
    const want = expected[i] as Read;
    const data = fs.readFileSync(path.join(x509Dir(), file.path));
    const cert = callNative(() =>
      file.pem ? native.NativeCertificate.fromPem(data) : native.NativeCertificate.fromDer(data),
    );
    t.is(hex(cert.der()), want.der, file.path);
    t.is(hex(cert.tbsBytes()), want.tbs, file.path);
    t.is(hex(cert.signature()), want.signature, file.path);
    t.is(cert.version(), want.version, file.path);
    t.is(cert.serialNumber(), want.serial, file.path);
    t.is(cert.notBefore(), want.notBefore, file.path);
    t.is(cert.notAfter(), want.notAfter, file.path);
    // spki() is the field as written (an RSASSA-PSS key keeps its OID); PyCA re-encodes the key,
    // so compare the field against PyCA's TBS and the key against PyCA's key.
    t.true(want.tbs.includes(hex(cert.spki())), file.path);
    const pycaKey = callNative(() => native.loadPublicKey(Buffer.from(want.spki, "hex"), false));
    t.true(cert.publicKey().equals(pycaKey), file.path);
    // The key as PyCA loads it: PSS restrictions dropped, explicit curve parameters named.
    t.is(
      hex(native.publicKeyBytes(cert.publicKey(), "DER", "SubjectPublicKeyInfo")),
      want.spki,
      file.path,
    );
    t.is(cert.publicKeyAlgorithmOid(), want.keyOid, file.path);
    const alg = cert.signatureAlgorithm() as SignatureAlgorithmModel;
    t.is(alg.oid, want.sigOid, file.path);
    if (want.hash === "unsupported") {
      t.false(alg.known, file.path);
    } else {
      t.true(alg.known, file.path);
      t.is(alg.hash, want.hash, file.path);
    }
    t.is(hex(callNative(() => native.encodeName(cert.issuer()))), want.issuerDer, file.path);
    t.deepEqual(
      (cert.extensions() as ExtensionModel[]).map((e) => e.oid),
      want.extensionOids,
      file.path,
    );
    t.true(cert.equals(native.NativeCertificate.fromDer(Buffer.from(want.der, "hex"))));
  });
});

interface PycaAlgorithm {
  oid: string;
  hash: string | null;
  parameters: unknown;
}

/**
 * The model's algorithm against PyCA's (null: PyCA raises for the hash or parameters, which
 * the model shows as `known: false` or as a `problem`).
 */
/** What the native certificate, CSR and CRL handles share for the sweep. */
interface SignedNative {
  tbsBytes(): Uint8Array;
  signature(): Uint8Array;
  signatureAlgorithm(): unknown;
}

function sameAlgorithm(model: unknown, pycaAlg: PycaAlgorithm | null): boolean {
  const m = model as SignatureAlgorithmModel;
  if (pycaAlg === null) return !m.known || m.problem !== null;
  return (
    m.known &&
    m.problem === null &&
    m.oid === pycaAlg.oid &&
    m.hash === pycaAlg.hash &&
    JSON.stringify(m.parameters) === JSON.stringify(pycaAlg.parameters)
  );
}

interface RevokedSummary {
  serialNumber: string;
  revocationDate: number;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "ocsp" ? [] : filesUnder(full);
    return /\.(pem|der|crt|crl)$/.test(entry.name) ? [full] : [];
  });
}

test("every vector file loads, or fails to load, as it does in PyCA, with the same values", (t) => {
  const files = filesUnder(x509Dir());
  t.true(files.length > 700, "the x509 vectors are present");
  const expected = pyca({ sweep: files }).sweep;
  let loaded = 0;
  files.forEach((file, i) => {
    const want = expected[i] as Swept;
    const data = fs.readFileSync(file);
    const pem = data.includes("-----BEGIN");
    const label = path.relative(x509Dir(), file);
    const attempt = <T>(load: () => T): T | null => {
      try {
        return callNative(load);
      } catch (error) {
        // Refusals are ValueErrors, never anything else.
        t.true(error instanceof ValueError, `${label}: ${String(error)}`);
        return null;
      }
    };
    /** Loads `data` with `loader`; if both sides read it, compares the signed parts. */
    const compare = <H extends SignedNative, W extends { tbs: string; signature: string }>(
      what: string,
      loader: { fromPem(data: Uint8Array): H; fromDer(data: Uint8Array): H },
      want: W | null,
      wantAlg: PycaAlgorithm | null,
      more: (handle: H, want: W) => void,
    ) => {
      const handle = attempt(() => (pem ? loader.fromPem(data) : loader.fromDer(data)));
      t.is(handle === null, want === null, `${what} ${label}`);
      if (handle === null || want === null) return;
      loaded += 1;
      t.is(hex(handle.tbsBytes()), want.tbs, label);
      t.is(hex(handle.signature()), want.signature, label);
      t.true(sameAlgorithm(handle.signatureAlgorithm(), wantAlg), label);
      more(handle, want);
    };
    compare("certificate", native.NativeCertificate, want.cert, want.certAlg, (cert, w) => {
      t.is(cert.serialNumber(), w.serial, label);
      t.is(cert.version(), w.version, label);
      t.is(cert.notBefore(), w.notBefore, label);
      t.is(cert.notAfter(), w.notAfter, label);
    });
    compare("CSR", native.NativeCsr, want.csr, want.csrAlg, (csr, w) => {
      t.is(
        callNative(() => csr.isSignatureValid()),
        w.valid,
        label,
      );
    });
    compare("CRL", native.NativeCrl, want.crl, want.crlAlg, (crl, w) => {
      t.is(crl.lastUpdate(), w.lastUpdate, label);
      t.is(crl.nextUpdate(), w.nextUpdate, label);
      // revokedSummary() leaves the entries' extensions undecoded, as PyCA's iteration does,
      // so it works even where an entry's extensions are malformed.
      const summary = callNative(() => crl.revokedSummary()) as RevokedSummary[];
      t.deepEqual(
        summary.map((r) => [r.serialNumber, r.revocationDate]),
        w.revoked,
        label,
      );
    });
  });
  t.true(loaded > 600, `${loaded} objects loaded`);
});

test("PEM bundles, chains and directly-issued checks", (t) => {
  const chain = callNative(() =>
    native.loadPemCertificates(fs.readFileSync(path.join(x509Dir(), "cryptography.io.chain.pem"))),
  );
  t.is(chain.length, 2);
  const [leaf, ca] = chain as [NativeCertificate, NativeCertificate];
  t.false(leaf.equals(ca));
  t.notThrows(() => callNative(() => leaf.verifyDirectlyIssuedBy(ca)));
  const wrongName = t.throws(() => callNative(() => ca.verifyDirectlyIssuedBy(leaf)), {
    instanceOf: ValueError,
  });
  t.is(wrongName?.message, "Issuer certificate subject does not match certificate issuer.");
  // The same certificate with one signature bit flipped no longer verifies.
  const der = Buffer.from(leaf.der());
  der[der.length - 5] = (der[der.length - 5] as number) ^ 1;
  const tampered = native.NativeCertificate.fromDer(der);
  t.throws(() => callNative(() => tampered.verifyDirectlyIssuedBy(ca)), {
    instanceOf: InvalidSignature,
  });
  // Inner and outer algorithms differ: refused before any signature check, as PyCA does.
  const mismatch = native.NativeCertificate.fromDer(
    fs.readFileSync(path.join(x509Dir(), "custom/mismatch_inner_outer_sig_algorithm.der")),
  );
  t.throws(() => callNative(() => mismatch.verifyDirectlyIssuedBy(ca)), {
    instanceOf: ValueError,
    message: "Inner and outer signature algorithms do not match. This is an invalid certificate.",
  });
  // SHA-1 signatures are read but not verified, as in PyCA 50 (certificate made by the CLI).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hazmat-x509-sha1-"));
  try {
    const made = openssl([
      "req",
      "-x509",
      "-sha1",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=sha1",
      "-keyout",
      path.join(dir, "key.pem"),
      "-out",
      path.join(dir, "cert.pem"),
    ]);
    t.is(made.status, 0, made.out);
    const sha1 = native.NativeCertificate.fromPem(fs.readFileSync(path.join(dir, "cert.pem")));
    t.is((sha1.signatureAlgorithm() as SignatureAlgorithmModel).hash, "sha1");
    t.throws(() => callNative(() => sha1.verifyDirectlyIssuedBy(sha1)), {
      instanceOf: ValueError,
      message: "Unsupported signature algorithm",
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // An EC certificate whose issuer name matches but whose key type does not.
  const key = native.ecGeneratePrivateKey("secp256r1");
  const impostor = native.signCertificate(
    { ...certTemplate(), subject: leaf.issuer() as NameModel },
    key.publicKey(),
    key,
    options("sha256"),
  );
  t.throws(() => callNative(() => leaf.verifyDirectlyIssuedBy(impostor)), {
    instanceOf: ValueError,
    message: "Signature algorithm does not match issuer key type",
  });
});

test("malformed input is a ValueError, never a crash", (t) => {
  const der = Buffer.from(
    native.NativeCertificate.fromPem(
      fs.readFileSync(path.join(x509Dir(), "cryptography.io.pem")),
    ).der(),
  );
  const bad = [
    der.subarray(0, der.length - 1),
    Buffer.concat([der, Buffer.from([0])]),
    Buffer.alloc(0),
    Buffer.from("3080", "hex"),
    der.subarray(4),
  ];
  for (const data of bad) {
    t.throws(() => callNative(() => native.NativeCertificate.fromDer(data)), {
      instanceOf: ValueError,
    });
    t.throws(() => callNative(() => native.NativeCsr.fromDer(data)), { instanceOf: ValueError });
    t.throws(() => callNative(() => native.NativeCrl.fromDer(data)), { instanceOf: ValueError });
  }
  // Every prefix of a real certificate fails cleanly.
  for (let cut = 0; cut < der.length; cut += 37) {
    t.throws(() => callNative(() => native.NativeCertificate.fromDer(der.subarray(0, cut))), {
      instanceOf: ValueError,
    });
  }
  const notCert = t.throws(
    () =>
      callNative(() =>
        native.NativeCertificate.fromPem(
          Buffer.from("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"),
        ),
      ),
    { instanceOf: ValueError },
  );
  t.regex(notCert?.message ?? "", /Are you sure this is a certificate\?/);
  t.throws(() => callNative(() => native.loadPemCertificates(Buffer.from("no pem here"))), {
    instanceOf: ValueError,
  });
  // A key algorithm hazmat does not know (GOST): PyCA's class and words.
  const gost = native.NativeCertificate.fromDer(
    fs.readFileSync(path.join(x509Dir(), "e-trust.ru.der")),
  );
  t.throws(() => callNative(() => gost.publicKey()), {
    instanceOf: UnsupportedAlgorithm,
    message: "Unknown key type: 1.2.643.2.2.19",
  });
  const invalidVersion = path.join(x509Dir(), "custom/invalid_version.pem");
  t.throws(
    () => callNative(() => native.NativeCertificate.fromPem(fs.readFileSync(invalidVersion))),
    {
      instanceOf: ValueError,
      message: /^Invalid X\.509 version/,
    },
  );
});

test("CSRs and CRLs from the vectors", (t) => {
  const csr = callNative(() =>
    native.NativeCsr.fromPem(
      fs.readFileSync(path.join(x509Dir(), "requests/challenge-unstructured.pem")),
    ),
  );
  t.true(csr.isSignatureValid());
  t.deepEqual(csr.attributes(), [
    { oid: "1.2.840.113549.1.9.7", tag: 12, value: utf8Hex("beauty") },
    { oid: "1.2.840.113549.1.9.2", tag: 12, value: utf8Hex("an unstructured field") },
  ]);
  // A value that is no string type travels as its whole DER (the model's convention).
  const integerValued = native.NativeCsr.fromDer(
    fs.readFileSync(path.join(x509Dir(), "requests/challenge-invalid.der")),
  );
  t.deepEqual(integerValued.attributes(), [
    { oid: "1.2.840.113549.1.9.7", tag: 2, value: "0212100000000000000000000000000000000001" },
  ]);
  // Loaded, but the attributes cannot be listed (PyCA's behaviour and messages).
  for (const [file, message] of [
    ["requests/challenge-multi-valued.der", "Only single-valued attributes are supported"],
    [
      "requests/long-form-attribute.pem",
      "Long-form tags are not supported in CSR attribute values",
    ],
  ] as const) {
    const data = fs.readFileSync(path.join(x509Dir(), file));
    const loaded = callNative(() =>
      file.endsWith(".pem") ? native.NativeCsr.fromPem(data) : native.NativeCsr.fromDer(data),
    );
    t.throws(() => callNative(() => loaded.attributes()), { instanceOf: ValueError, message });
  }
  t.throws(
    () =>
      callNative(() =>
        native.NativeCrl.fromDer(
          fs.readFileSync(path.join(x509Dir(), "custom/crl_inner_outer_mismatch.der")),
        ),
      ),
    { instanceOf: ValueError, message: /^Inner and outer signature algorithms do not match/ },
  );
  const invalid = native.NativeCsr.fromPem(
    fs.readFileSync(path.join(x509Dir(), "requests/invalid_signature.pem")),
  );
  t.false(invalid.isSignatureValid());
  const crl = callNative(() =>
    native.NativeCrl.fromPem(fs.readFileSync(path.join(x509Dir(), "custom/crl_all_reasons.pem"))),
  );
  const revoked = crl.revoked() as { extensions: ExtensionModel[] }[];
  t.true(revoked.length > 0);
  t.true(revoked.some((r) => r.extensions.some((e) => e.value.type === "CRLReason")));
  // The lazy pair gives the same entries, one extension list at a time.
  revoked.forEach((entry, i) => {
    t.deepEqual(crl.revokedExtensions(i), entry.extensions);
  });
  t.is((crl.revokedSummary() as unknown[]).length, revoked.length);
  t.throws(() => callNative(() => crl.revokedExtensions(revoked.length)), {
    instanceOf: ValueError,
  });
  // One malformed entry extension: the entries still list, that entry's extensions fail.
  const fractional = native.NativeCrl.fromDer(
    fs.readFileSync(path.join(x509Dir(), "custom/crl_inval_date_fractional_seconds.der")),
  );
  t.is((fractional.revokedSummary() as unknown[]).length, 1);
  t.throws(() => callNative(() => fractional.revokedExtensions(0)), { instanceOf: ValueError });
  t.is(
    native.NativeCrl.fromPem(
      fs.readFileSync(path.join(x509Dir(), "custom/crl_no_next_update.pem")),
    ).nextUpdate(),
    null,
  );
});

// ---------------------------------------------------------------------------------------------
// Signing, against PyCA's builders

const DETERMINISTIC: MakeCase[] = [
  { kind: "rsa", hash: "sha256", template: TIMES },
  { kind: "rsa", hash: "sha3-384", template: TIMES },
  { kind: "ec", hash: "sha256", deterministic: true, template: TIMES },
  { kind: "ec384", hash: "sha512", deterministic: true, template: TIMES },
  { kind: "ec", hash: "sha3-256", deterministic: true, template: TIMES },
  { kind: "ed25519", hash: null, template: TIMES },
  { kind: "ed448", hash: null, template: TIMES },
];

test("deterministic signers give PyCA's exact bytes for certificates, CSRs and CRLs", (t) => {
  const made = pyca({ make: DETERMINISTIC }).made;
  DETERMINISTIC.forEach((c, i) => {
    const want = made[i] as Made;
    const key = loadKey(want.key);
    const got = signAll(key, options(c.hash, { ecdsaDeterministic: c.deterministic === true }));
    const label = `${c.kind}/${c.hash}`;
    t.is(hex(got.cert.der()), want.cert, label);
    t.is(hex(got.csr.der()), want.csr, label);
    t.is(hex(got.crl.der()), want.crl, label);
    t.is(hex(callNative(() => native.keyIdentifier(key.publicKey()))), want.ski, label);
    // Signing again gives the same bytes (RFC 6979 for ECDSA).
    t.is(
      hex(
        native
          .signCertificate(
            certTemplate(),
            key.publicKey(),
            key,
            options(c.hash, { ecdsaDeterministic: c.deterministic === true }),
          )
          .der(),
      ),
      want.cert,
    );
  });
});

const RANDOMIZED: MakeCase[] = [
  { kind: "rsa", hash: "sha256", pss: { mgfHash: "sha256", saltLength: -2 }, template: TIMES },
  { kind: "rsa", hash: "sha512", pss: { mgfHash: "sha384", saltLength: -1 }, template: TIMES },
  { kind: "rsa", hash: "sha384", pss: { mgfHash: "sha384", saltLength: 17 }, template: TIMES },
  { kind: "ec", hash: "sha384", template: TIMES },
  { kind: "dsa", hash: "sha256", template: TIMES },
  { kind: "mldsa44", hash: null, template: TIMES },
  { kind: "mldsa65", hash: null, template: TIMES },
  { kind: "mldsa87", hash: null, template: TIMES },
];

test("randomized signers: PyCA's TBS bytes, and PyCA and OpenSSL accept the signatures", (t) => {
  const made = pyca({ make: RANDOMIZED }).made;
  const ours = RANDOMIZED.map((c, i) => {
    const want = made[i] as Made;
    const opts = options(c.hash, {
      rsaPadding: c.pss
        ? { type: "pss", mgfHash: c.pss.mgfHash, saltLength: c.pss.saltLength }
        : null,
    });
    const got = signAll(loadKey(want.key), opts);
    const label = `${c.kind}/${c.hash}`;
    t.is(hex(got.cert.tbsBytes()), want.certTbs, label);
    t.is(hex(got.csr.tbsBytes()), want.csrTbs, label);
    t.is(hex(got.crl.tbsBytes()), want.crlTbs, label);
    t.true(got.csr.isSignatureValid(), label);
    t.true(got.crl.isSignatureValid(got.cert.publicKey()), label);
    t.notThrows(() => callNative(() => got.cert.verifyDirectlyIssuedBy(got.cert)), label);
    return { cert: hex(got.cert.der()), csr: hex(got.csr.der()), crl: hex(got.crl.der()) };
  });
  const checked = pyca({ check: ours }).checked;
  RANDOMIZED.forEach((c, i) => {
    const result = checked[i] as Checked;
    t.true(result.csrValid && result.crlValid, c.kind);
    if (c.pss) {
      // PyCA's reading of the parameters we wrote: MAX_LENGTH on a 2048-bit key with SHA-512 is
      // 256 - 64 - 2 bytes, DIGEST_LENGTH is the hash size.
      const salt = c.pss.saltLength === -1 ? 190 : c.pss.saltLength === -2 ? 32 : c.pss.saltLength;
      t.deepEqual(result.pss, { mgfHash: c.pss.mgfHash, saltLength: salt });
    }
  });
});

test("the openssl CLI reads and verifies what we sign", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hazmat-x509-native-"));
  try {
    const keys = [
      native.rsaGeneratePrivateKey(65537, 2048),
      native.ecGeneratePrivateKey("secp384r1"),
      native.curveGenerate("ED448"),
    ];
    const hashes = ["sha256", "sha384", null, null];
    // ML-DSA only where the CLI knows it (OpenSSL 3.5+); PyCA checks it in the test above.
    if (/ML-DSA-65/i.test(openssl(["list", "-signature-algorithms"]).out)) {
      keys.push(native.pqcGenerate("ML-DSA-65"));
    } else {
      t.log(`openssl CLI without ML-DSA: ${openssl(["version"]).out.trim()}`);
    }
    keys.forEach((key, i) => {
      const got = signAll(key, options(hashes[i] ?? null));
      const cert = path.join(dir, `cert${i}.der`);
      const pem = path.join(dir, `cert${i}.pem`);
      fs.writeFileSync(cert, got.cert.der());
      fs.writeFileSync(path.join(dir, `csr${i}.der`), got.csr.der());
      fs.writeFileSync(path.join(dir, `crl${i}.der`), got.crl.der());
      const text = openssl(["x509", "-inform", "DER", "-in", cert, "-noout", "-text"]);
      t.is(text.status, 0, text.out);
      t.regex(text.out, /Serial Number: 8776565086972537 \(0x1f2e3d4c5b6a79\)/);
      t.regex(text.out, /CA:TRUE/);
      t.is(openssl(["x509", "-inform", "DER", "-in", cert, "-out", pem]).status, 0);
      const verify = openssl([
        "verify",
        "-no-CAfile",
        "-no-CApath",
        "-CAfile",
        pem,
        "-attime",
        "1800000000",
        pem,
      ]);
      t.is(verify.status, 0, verify.out);
      const req = openssl([
        "req",
        "-inform",
        "DER",
        "-in",
        path.join(dir, `csr${i}.der`),
        "-noout",
        "-verify",
      ]);
      t.is(req.status, 0, req.out);
      const crl = openssl([
        "crl",
        "-inform",
        "DER",
        "-in",
        path.join(dir, `crl${i}.der`),
        "-CAfile",
        pem,
        "-noout",
      ]);
      t.is(crl.status, 0, crl.out);
      t.regex(crl.out, /verify OK/);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("ECDSA is deterministic only when asked", (t) => {
  const key = native.ecGeneratePrivateKey("secp256r1");
  const sign = (deterministic: boolean) =>
    hex(
      native
        .signCertificate(
          certTemplate(),
          key.publicKey(),
          key,
          options("sha256", { ecdsaDeterministic: deterministic }),
        )
        .signature(),
    );
  t.is(sign(true), sign(true));
  t.not(sign(false), sign(false));
});

test("a template survives sign → parse → model unchanged", (t) => {
  const key = native.curveGenerate("ED25519");
  const template: CertificateTemplateModel = {
    issuer: [[{ oid: "2.5.4.6", tag: 19, value: "NZ" }], NAME[0] as NameModel[number]],
    subject: [[{ oid: "2.5.4.3", tag: 12, value: "sübject ✓" }]],
    serialNumber: "7fffffffffffffffffffffffffffffffffffff",
    notBefore: -631_152_000_000, // 1950-01-01, the first UTCTime
    notAfter: 253_402_300_799_000, // 9999-12-31T23:59:59, GeneralizedTime
    extensions: [
      BASIC_CONSTRAINTS,
      {
        oid: "2.5.29.14",
        critical: false,
        value: { type: "SubjectKeyIdentifier", digest: hex(native.keyIdentifier(key.publicKey())) },
      },
    ],
  };
  const cert = callNative(() =>
    native.signCertificate(template, key.publicKey(), key, options(null)),
  );
  t.deepEqual(cert.issuer(), template.issuer);
  t.deepEqual(cert.subject(), template.subject);
  t.is(cert.serialNumber(), template.serialNumber);
  t.is(cert.notBefore(), template.notBefore);
  t.is(cert.notAfter(), template.notAfter);
  t.deepEqual(cert.extensions(), template.extensions);
  t.is(cert.version(), 2);
  t.true(cert.publicKey().equals(key.publicKey()));
  t.deepEqual(cert.signatureAlgorithm(), {
    oid: "1.3.101.112",
    known: true,
    hash: null,
    parameters: null,
    problem: null,
  });
  const crl = callNative(() => native.signCrl(crlTemplate(), key, options(null)));
  t.deepEqual(crl.revoked(), crlTemplate().revoked);
  t.is(crl.lastUpdate(), TIMES.notBefore);
  t.is(crl.nextUpdate(), TIMES.notAfter);
  const csr = callNative(() => native.signCsr(csrTemplate(), key, options(null)));
  t.deepEqual(csr.extensions(), csrTemplate().extensions);
  // The attributes list the extensionRequest too (as PyCA 50 does): a SEQUENCE holding the
  // template's extension.
  const attributes = csr.attributes() as AttributeModel[];
  const isRequest = (a: AttributeModel) => a.oid === "1.2.840.113549.1.9.14";
  t.deepEqual(
    attributes.filter((a) => !isRequest(a)),
    csrTemplate().attributes,
  );
  const requests = attributes.filter(isRequest);
  t.is(requests.length, 1);
  t.is(requests[0]?.tag, 0x30);
  const bcValue = callNative(() => native.encodeExtensionValue(BASIC_CONSTRAINTS));
  t.true(requests[0]?.value.startsWith("30"));
  t.true(requests[0]?.value.includes(bcValue.toString("hex")));
  t.deepEqual(csr.subject(), NAME);
});

test("bad templates and options are ValueErrors", (t) => {
  const ec = native.ecGeneratePrivateKey("secp256r1");
  const ed = native.curveGenerate("ED25519");
  const sign = (template: unknown, key: PrivateKey, opts: unknown) =>
    callNative(() => native.signCertificate(template, key.publicKey(), key, opts));
  const bad: [unknown, PrivateKey, unknown][] = [
    [{ ...certTemplate(), issuer: 5 }, ec, options("sha256")],
    [{ ...certTemplate(), notBefore: "yesterday" }, ec, options("sha256")],
    [{ subject: NAME }, ec, options("sha256")],
    [{ ...certTemplate(), serialNumber: "xyz" }, ec, options("sha256")],
    [{ ...certTemplate(), notBefore: -631_152_000_001 }, ec, options("sha256")],
    [
      {
        ...certTemplate(),
        extensions: [{ oid: "2.5.29.19", critical: true, value: { type: "NoSuchExtension" } }],
      },
      ec,
      options("sha256"),
    ],
    [certTemplate(), ec, options(null)],
    [certTemplate(), ed, options("sha256")],
    [certTemplate(), ec, options("sha256", { rsaPadding: { type: "pkcs1v15" } })],
    [certTemplate(), ec, { hash: "sha256" }],
    [certTemplate(), ec, null],
  ];
  bad.forEach(([template, key, opts], i) => {
    t.throws(() => sign(template, key, opts), { instanceOf: ValueError }, `case ${i}`);
  });
  t.throws(() => callNative(() => native.encodeName([[{ oid: "2.5.4.3" }]])), {
    instanceOf: ValueError,
  });
  // Hashes PyCA 50 no longer signs X.509 with, as the main or the MGF1 hash.
  for (const hash of ["md5", "sha1", "sha512-256"]) {
    t.throws(() => sign(certTemplate(), ec, options(hash)), {
      instanceOf: UnsupportedAlgorithm,
      message: `Hash algorithm "${hash}" not supported for signatures`,
    });
  }
  const rsa = native.rsaGeneratePrivateKey(65537, 2048);
  t.throws(
    () =>
      sign(
        certTemplate(),
        rsa,
        options("sha256", { rsaPadding: { type: "pss", mgfHash: "sha1", saltLength: 32 } }),
      ),
    { instanceOf: UnsupportedAlgorithm },
  );
  // A key type that cannot sign at all.
  const x25519 = native.curveGenerate("X25519");
  t.throws(() => sign(certTemplate(), x25519, options(null)), { instanceOf: ValueError });
});

test("encodeExtensionValue: the extnValue contents, UnsupportedAlgorithm for SCT lists", (t) => {
  // PyCA 50: BasicConstraints(ca=True, path_length=None).public_bytes().hex() == "30030101ff".
  const bc: ExtensionModel = {
    oid: "2.5.29.19",
    critical: true,
    value: { type: "BasicConstraints", ca: true, pathLength: null },
  };
  t.is(callNative(() => native.encodeExtensionValue(bc)).toString("hex"), "30030101ff");
  const scts: ExtensionModel = {
    oid: "1.3.6.1.4.1.11129.2.4.2",
    critical: false,
    value: { type: "PrecertificateSignedCertificateTimestamps", scts: [] },
  };
  t.throws(() => callNative(() => native.encodeExtensionValue(scts)), {
    instanceOf: UnsupportedAlgorithm,
  });
  t.throws(() => callNative(() => native.encodeExtensionValue({ oid: "2.5.29.19" })), {
    instanceOf: ValueError,
  });
});
