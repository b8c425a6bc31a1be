/**
 * Every certificate, CSR and CRL of cryptography-vectors' `x509/` tree (PEM and DER, PKITS
 * included) read by hazmat and by PyCA 50, compared field by field: version, serial, names,
 * validity, signature algorithm/hash/parameters, key, signature, TBS bytes, fingerprint, every
 * extension with its decoded value, CSR attributes and signature check, CRL entries. What PyCA
 * rejects (at load or at a getter) hazmat must reject with an error of the same class, and the
 * reverse. PyCA runs once for the whole tree (`pyca_x509.py`, op "vectors").
 */
import * as fs from "node:fs";
import * as path from "node:path";
import test from "ava";
import {
  loadDerX509Certificate,
  loadDerX509Crl,
  loadPemX509Certificate,
  loadPemX509Crl,
} from "hazmat/x509";
import { vectorsRoot } from "./helpers/vectors.js";
import {
  askPycaX509,
  type Described,
  describeWithHazmat,
  differences,
  type Kind,
  loadOutcome,
} from "./helpers/x509-describe.js";

interface VectorEntry {
  file: string;
  kind: Kind;
  encoding: "pem" | "der";
  result: Described;
}

/**
 * Extensions PyCA 50 decodes into classes the shared model (crates/x509/src/model.rs) has no
 * variant for; hazmat returns them as UnrecognizedExtension. They still have to carry the same
 * bytes: PyCA's `public_bytes()` of the value equals hazmat's raw extnValue.
 */
const UNMODELLED_EXTENSIONS: Record<string, string> = {
  MSCertificateTemplate: "Microsoft certificate template (1.3.6.1.4.1.311.21.7)",
  Admissions: "German TeleTrust admissions (1.3.36.8.3.3)",
  PrivateKeyUsagePeriod: "private key usage period (2.5.29.16)",
};

/**
 * Known differences to PyCA, by file: the description paths (prefixes, as the failure messages
 * print them) allowed to differ, and why. Every listed path must still differ (checked below),
 * so the list cannot go stale; everything else in those files is still compared.
 */
const KNOWN_DIFFERENCES: Record<string, { paths: string[]; reason: string }> = {};

interface Ext {
  oid: string;
  critical: boolean;
  class: string;
  value: unknown;
}

/** Rewrites PyCA's description of an unmodelled extension to what hazmat must report. */
function normalizePyca(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizePyca);
  if (typeof value !== "object" || value === null) return value;
  const ext = value as Partial<Ext>;
  if (typeof ext.class === "string" && ext.class in UNMODELLED_EXTENSIONS) {
    const der = (ext.value as { der?: unknown } | undefined)?.der;
    return { ...ext, class: "UnrecognizedExtension", value: { value: der } };
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = normalizePyca(inner);
  return out;
}

/** Whether a difference line ("path: pyca … / hazmat …") lies at or below `prefix`. */
function under(line: string, prefix: string): boolean {
  return [":", ".", "["].some((next) => line.startsWith(`${prefix}${next}`));
}

const entries = askPycaX509<VectorEntry[]>([{ op: "vectors" }])[0] ?? [];

function compare(subset: VectorEntry[]): { checked: number; mismatches: string[] } {
  const mismatches: string[] = [];
  for (const entry of subset) {
    const data = fs.readFileSync(path.join(vectorsRoot(), "x509", entry.file));
    const ours = describeWithHazmat(entry.kind, entry.encoding, data);
    const all = differences(normalizePyca(entry.result), ours, "", [], 1000);
    const label = `${entry.file} (${entry.kind}/${entry.encoding})`;
    const known = KNOWN_DIFFERENCES[entry.file]?.paths ?? [];
    const allowed = (line: string) => known.some((prefix) => under(line, prefix));
    const diff = all.filter((line) => !allowed(line)).slice(0, 5);
    for (const prefix of known) {
      if (!all.some((line) => under(line, prefix))) {
        diff.push(
          `${prefix}: allow-listed but now equal to PyCA; remove it from KNOWN_DIFFERENCES`,
        );
      }
    }
    if (diff.length > 0) mismatches.push(`${label}\n    ${diff.join("\n    ")}`);
  }
  return { checked: subset.length, mismatches };
}

function report(mismatches: string[]): string {
  const shown = mismatches.slice(0, 15).join("\n  ");
  return `${mismatches.length} files differ from PyCA:\n  ${shown}`;
}

test("the vector tree is found and classified", (t) => {
  // Guards the comparisons below against passing on an empty or half-read tree.
  const count = (kind: Kind) => entries.filter((e) => e.kind === kind).length;
  t.true(count("cert") > 500, `certificates: ${count("cert")}`);
  t.true(count("crl") > 150, `CRLs: ${count("crl")}`);
  t.true(count("csr") > 20, `CSRs: ${count("csr")}`);
  t.true(count("certs") >= 2, `multi-certificate PEM files: ${count("certs")}`);
  t.true(entries.filter((e) => "loadError" in e.result).length >= 5);
});

const groups: [string, (e: VectorEntry) => boolean][] = [
  ["PKITS certificates", (e) => e.kind === "cert" && e.file.startsWith("PKITS_data/")],
  ["other certificates", (e) => e.kind === "cert" && !e.file.startsWith("PKITS_data/")],
  ["PEM chains (loadPemX509Certificates)", (e) => e.kind === "certs"],
  ["CSRs", (e) => e.kind === "csr"],
  ["CRLs", (e) => e.kind === "crl"],
];

for (const [name, belongs] of groups) {
  const subset = entries.filter(belongs);
  test(`${name}: hazmat reads all ${subset.length} files as PyCA 50 does`, (t) => {
    const { checked, mismatches } = compare(subset);
    t.true(checked > 0);
    t.is(mismatches.length, 0, report(mismatches));
  });
}

test("hazmat's loaders reject exactly the files PyCA's reject, with the same error class", (t) => {
  const wrong: string[] = [];
  for (const entry of entries) {
    const data = fs.readFileSync(path.join(vectorsRoot(), "x509", entry.file));
    const expected = "loadError" in entry.result ? entry.result.loadError : "loaded";
    const got = loadOutcome(entry.kind, entry.encoding, data);
    if (got !== expected)
      wrong.push(`${entry.file} (${entry.kind}): pyca ${expected} / hazmat ${got}`);
  }
  t.deepEqual(wrong, []);
});

test("CRL signatures: hazmat's isSignatureValid agrees with PyCA on every CRL/issuer pair", (t) => {
  const [pairs] = askPycaX509<
    { crl: string; issuer: string; valid: boolean | { error: string } }[]
  >([{ op: "crl_signatures" }]);
  if (pairs === undefined) throw new Error("no answer from PyCA");
  const read = (rel: string) => fs.readFileSync(path.join(vectorsRoot(), "x509", rel));
  const wrong: string[] = [];
  for (const { crl, issuer, valid } of pairs) {
    let ours: boolean | { error: string };
    try {
      const list = crl.endsWith(".pem") ? loadPemX509Crl(read(crl)) : loadDerX509Crl(read(crl));
      const cert = issuer.endsWith(".pem")
        ? loadPemX509Certificate(read(issuer))
        : loadDerX509Certificate(read(issuer));
      ours = list.isSignatureValid(cert.publicKey());
    } catch (error) {
      ours = { error: (error as Error).name };
    }
    if (JSON.stringify(ours) !== JSON.stringify(valid)) {
      wrong.push(
        `${crl} by ${issuer}: pyca ${JSON.stringify(valid)} / hazmat ${JSON.stringify(ours)}`,
      );
    }
  }
  // Both outcomes occur, so agreement is not agreement on a constant.
  t.true(pairs.filter((p) => p.valid === true).length > 100);
  t.true(pairs.filter((p) => p.valid === false).length >= 2);
  t.deepEqual(wrong, []);
});
