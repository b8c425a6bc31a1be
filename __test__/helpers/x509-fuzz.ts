/**
 * The X.509 fuzz loop of x509-fuzz.spec.ts: random bytes, truncations and mutations of real
 * certificates, CSRs and CRLs (DER and PEM) go through every hazmat loader, and whatever loads
 * goes through every getter. A call may succeed or throw one of hazmat's documented error
 * classes; anything else is collected as a failure. Deterministic: a seeded PRNG picks
 * everything.
 *
 * Also a script, so the spec can run the loop in a child process and see a native crash as a
 * dead child rather than a dead test runner:
 *   node --import=tsx __test__/helpers/x509-fuzz.ts <seed> <count>   → one JSON line
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  ERR_HAZMAT_INVALID_TYPE,
  InvalidSignature,
  UnsupportedAlgorithm,
  ValueError,
} from "hazmat/exceptions";
import * as ec from "hazmat/primitives/asymmetric/ec";
import { SHA256 } from "hazmat/primitives/hashes";
import { Encoding } from "hazmat/primitives/serialization";
import * as x509 from "hazmat/x509";
import { vectorsRoot } from "./vectors.js";
import { describeCertificate, describeCrl, describeCsr, onFieldError } from "./x509-describe.js";

/** Real objects to mutate, from cryptography-vectors (path under x509/, kind). */
export const SEEDS: [string, "cert" | "csr" | "crl"][] = [
  ["cryptography.io.pem", "cert"],
  ["cryptography-scts.pem", "cert"],
  ["custom/san_email_dns_ip_dirname_uri.pem", "cert"],
  ["custom/cp_user_notice_with_notice_reference.pem", "cert"],
  ["custom/nc_permitted_excluded_2.pem", "cert"],
  ["custom/cdp_fullname_reasons_crl_issuer.pem", "cert"],
  ["custom/rsa_pss_cert.pem", "cert"],
  ["custom/san_other_name.pem", "cert"],
  ["ed25519/server-ed25519-cert.pem", "cert"],
  ["custom/dsa_selfsigned_ca.pem", "cert"],
  ["requests/rsa_sha256.pem", "csr"],
  ["requests/challenge.pem", "csr"],
  ["requests/ec_sha256.pem", "csr"],
  ["custom/crl_all_reasons.pem", "crl"],
  ["custom/crl_idp_fullname_indirect_crl.pem", "crl"],
  ["custom/crl_ian_aia_aki.pem", "crl"],
];

/** mulberry32: small, fast, and the same sequence on every platform. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whether `error` is one of the classes hazmat documents for bad input. */
export function isDocumentedError(error: unknown): boolean {
  if (error instanceof ValueError || error instanceof UnsupportedAlgorithm) return true;
  if (error instanceof x509.DuplicateExtension) return true;
  if (error instanceof x509.UnsupportedGeneralNameType) return true;
  return (
    error instanceof TypeError && (error as { code?: string }).code === ERR_HAZMAT_INVALID_TYPE
  );
}

function pemToDer(pem: Buffer): Buffer {
  const body = pem
    .toString("latin1")
    .replace(/-----(BEGIN|END)[^-]*-----/g, "")
    .replace(/\s+/g, "");
  return Buffer.from(body, "base64");
}

const LABELS = { cert: "CERTIFICATE", csr: "CERTIFICATE REQUEST", crl: "X509 CRL" };

function toPem(kind: "cert" | "csr" | "crl", der: Uint8Array): Buffer {
  const lines =
    Buffer.from(der)
      .toString("base64")
      .match(/.{1,64}/g) ?? [];
  return Buffer.from(
    `-----BEGIN ${LABELS[kind]}-----\n${lines.join("\n")}\n-----END ${LABELS[kind]}-----\n`,
  );
}

export interface FuzzResult {
  inputs: number;
  calls: number;
  loaded: number;
  failures: string[];
}

/** Runs `count` inputs from `seed`; failures name the input (seed, index, mutation) and call. */
export function fuzzX509(seed: number, count: number): FuzzResult {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const seeds = SEEDS.map(([file, kind]) => {
    const pem = fs.readFileSync(path.join(vectorsRoot(), "x509", file));
    return { file, kind, der: pemToDer(pem), pem };
  });
  const otherKey = ec.generatePrivateKey(new ec.SECP256R1()).publicKey();
  const result: FuzzResult = { inputs: 0, calls: 0, loaded: 0, failures: [] };
  let current = "";

  const fail = (what: string, error: unknown) => {
    const detail =
      error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
    if (result.failures.length < 50) result.failures.push(`${current} ${what}: ${detail}`);
  };
  onFieldError((error) => {
    result.calls++;
    if (!isDocumentedError(error)) fail("getter", error);
  });
  const attempt = (
    what: string,
    call: () => unknown,
    alsoAllowed?: abstract new (...args: never) => unknown,
  ): unknown => {
    result.calls++;
    try {
      return call();
    } catch (error) {
      const allowed = alsoAllowed !== undefined && error instanceof alsoAllowed;
      if (!allowed && !isDocumentedError(error)) fail(what, error);
      return undefined;
    }
  };

  const exercise = (obj: unknown) => {
    result.loaded++;
    if (obj instanceof x509.Certificate) {
      describeCertificate(obj);
      // A mutated self-signed certificate no longer verifies: InvalidSignature is its answer.
      attempt("verifyDirectlyIssuedBy", () => obj.verifyDirectlyIssuedBy(obj), InvalidSignature);
      attempt("publicBytes(PEM)", () => obj.publicBytes(Encoding.PEM));
      attempt("equals", () => obj.equals(obj));
      attempt("fingerprint", () => obj.fingerprint(new SHA256()));
      attempt("toString", () => String(obj));
    } else if (obj instanceof x509.CertificateSigningRequest) {
      describeCsr(obj);
      attempt("publicBytes(PEM)", () => obj.publicBytes(Encoding.PEM));
    } else if (obj instanceof x509.CertificateRevocationList) {
      describeCrl(obj);
      attempt("isSignatureValid", () => obj.isSignatureValid(otherKey));
      attempt("publicBytes(PEM)", () => obj.publicBytes(Encoding.PEM));
      attempt("fingerprint", () => obj.fingerprint(new SHA256()));
      attempt("getRevokedCertificateBySerialNumber", () =>
        obj.getRevokedCertificateBySerialNumber(1n),
      );
    }
  };

  const loaders: [string, (data: Uint8Array) => unknown][] = [
    ["loadDerX509Certificate", x509.loadDerX509Certificate],
    ["loadPemX509Certificate", x509.loadPemX509Certificate],
    ["loadPemX509Certificates", x509.loadPemX509Certificates],
    ["loadDerX509Csr", x509.loadDerX509Csr],
    ["loadPemX509Csr", x509.loadPemX509Csr],
    ["loadDerX509Crl", x509.loadDerX509Crl],
    ["loadPemX509Crl", x509.loadPemX509Crl],
  ];

  for (let index = 0; index < count; index++) {
    const source = seeds[int(seeds.length)];
    if (source === undefined) throw new Error("no seeds");
    const der = Buffer.from(source.der);
    let data: Buffer;
    let how: string;
    switch (int(6)) {
      case 0: {
        data = Buffer.alloc(int(300));
        for (let i = 0; i < data.length; i++) data[i] = int(256);
        // Half of the random inputs start like a DER SEQUENCE, to get past the first byte.
        if (data.length > 2 && random() < 0.5) data[0] = 0x30;
        how = `random(${data.length})`;
        break;
      }
      case 1: {
        const at = int(der.length);
        data = der.subarray(0, at);
        how = `truncate(${at})`;
        break;
      }
      case 2:
      case 3: {
        data = Buffer.from(der);
        const edits = 1 + int(3);
        const log: string[] = [];
        for (let e = 0; e < edits; e++) {
          // Bias towards the first 64 bytes, where the lengths and tags of the outer structure
          // and the TBS header live.
          const at = random() < 0.4 ? int(Math.min(64, data.length)) : int(data.length);
          const value = int(256);
          data[at] = value;
          log.push(`${at}=${value}`);
        }
        how = `mutate(${log.join(",")})`;
        break;
      }
      case 4: {
        // The mutated DER wrapped as PEM, so the PEM loaders see a well-formed armour.
        data = Buffer.from(der);
        const at = int(data.length);
        data[at] = (data[at] ?? 0) ^ (1 << int(8));
        data = toPem(source.kind, data);
        how = `pem(flip@${at})`;
        break;
      }
      default: {
        // The PEM text itself, truncated or with one character changed.
        data = Buffer.from(source.pem);
        const at = int(data.length);
        if (random() < 0.5) {
          data = data.subarray(0, at);
          how = `pemText(truncate ${at})`;
        } else {
          data[at] = 32 + int(95);
          how = `pemText(${at}=${data[at]})`;
        }
      }
    }
    result.inputs++;
    current = `#${index} ${source.file} ${how}`;
    for (const [name, load] of loaders) {
      const loaded = attempt(name, () => load(data));
      if (Array.isArray(loaded)) for (const item of loaded) exercise(item);
      else if (loaded !== undefined) exercise(loaded);
    }
  }
  onFieldError(null);
  return result;
}

if (require.main === module) {
  const seed = Number(process.argv[2] ?? "1");
  const count = Number(process.argv[3] ?? "1000");
  console.log(JSON.stringify(fuzzX509(seed, count)));
}
