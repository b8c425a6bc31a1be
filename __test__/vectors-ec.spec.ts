/**
 * ECDSA known answers from `cryptography-vectors`: the NIST CAVP SigVer sets (FIPS 186-2 and
 * 186-3, prime curves), the secp256k1 signatures PyCA collected, and OpenSSL's RFC 6979
 * deterministic-ECDSA vectors (signatures must be reproduced byte for byte).
 */
import * as crypto from "node:crypto";
import test from "ava";
import { InvalidSignature } from "hazmat/exceptions";
import {
  derivePrivateKey,
  ECDSA,
  type EllipticCurve,
  EllipticCurvePublicNumbers,
  SECP192R1,
  SECP224R1,
  SECP256K1,
  SECP256R1,
  SECP384R1,
  SECP521R1,
} from "hazmat/primitives/asymmetric/ec";
import { type HashAlgorithm, SHA1, SHA224, SHA256, SHA384, SHA512 } from "hazmat/primitives/hashes";
import { parseNist, readVectorFile } from "./helpers/vectors";

const CURVES: Record<string, () => EllipticCurve> = {
  "P-192": () => new SECP192R1(),
  "P-224": () => new SECP224R1(),
  "P-256": () => new SECP256R1(),
  "P-384": () => new SECP384R1(),
  "P-521": () => new SECP521R1(),
  "K-256": () => new SECP256K1(),
};

const HASHES: Record<string, () => HashAlgorithm> = {
  "SHA-1": () => new SHA1(),
  "SHA-224": () => new SHA224(),
  "SHA-256": () => new SHA256(),
  "SHA-384": () => new SHA384(),
  "SHA-512": () => new SHA512(),
};

const hexInt = (hex: string): bigint => BigInt(`0x${hex}`);

/** DER `SEQUENCE { INTEGER r, INTEGER s }`, written here so the vectors do not trust hazmat. */
function derSignature(r: bigint, s: bigint): Buffer {
  const integer = (value: bigint): Buffer => {
    let hex = value.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    let body = Buffer.from(hex, "hex");
    if ((body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const body = Buffer.concat([integer(r), integer(s)]);
  const length = body.length < 0x80 ? [body.length] : [0x81, body.length];
  return Buffer.concat([Buffer.from([0x30, ...length]), body]);
}

interface VerifyCase {
  where: string;
  curve: EllipticCurve;
  hash: HashAlgorithm;
  msg: Buffer;
  qx: bigint;
  qy: bigint;
  signature: Buffer;
  valid: boolean;
}

/** SigVer / SigGen records on the curves hazmat supports (binary curves are not). */
function verifyCases(file: string): VerifyCase[] {
  const cases: VerifyCase[] = [];
  for (const record of parseNist(readVectorFile(file), file)) {
    // FIPS 186-2 files name only the curve: their hash is SHA-1.
    const [curveName = "", hashName = "SHA-1"] = (record.section ?? "").split(",");
    const curve = CURVES[curveName];
    const hash = HASHES[hashName];
    const f = record.fields;
    if (curve === undefined || hash === undefined || f.msg === undefined || f.qx === undefined) {
      continue;
    }
    cases.push({
      where: `${file}:${record.line}`,
      curve: curve(),
      hash: hash(),
      msg: Buffer.from(f.msg, "hex"),
      qx: hexInt(f.qx),
      qy: hexInt(f.qy ?? ""),
      signature: derSignature(hexInt(f.r ?? ""), hexInt(f.s ?? "")),
      valid: f.result === undefined ? true : f.result.startsWith("P"),
    });
  }
  return cases;
}

function checkVerifyCases(t: import("ava").ExecutionContext, cases: VerifyCase[], min: number) {
  t.true(cases.length >= min, `expected at least ${min} records, found ${cases.length}`);
  let valid = 0;
  for (const c of cases) {
    const key = new EllipticCurvePublicNumbers(c.qx, c.qy, c.curve).publicKey();
    const verify = () => key.verify(c.signature, c.msg, new ECDSA(c.hash));
    if (c.valid) {
      t.notThrows(verify, c.where);
      valid++;
    } else {
      t.throws(verify, { instanceOf: InvalidSignature }, c.where);
    }
  }
  return valid;
}

test("CAVP FIPS 186-3 SigVer, P-192 … P-521 with SHA-1 … SHA-512", (t) => {
  const cases = verifyCases("asymmetric/ECDSA/FIPS_186-3/SigVer.rsp");
  const valid = checkVerifyCases(t, cases, 375);
  t.true(valid > 0 && valid < cases.length, "both passing and failing records");
});

test("CAVP FIPS 186-2 SigVer, prime curves", (t) => {
  const cases = verifyCases("asymmetric/ECDSA/FIPS_186-2/SigVer.rsp");
  checkVerifyCases(t, cases, 60);
});

test("CAVP FIPS 186-3 and 186-2 SigGen outputs verify", (t) => {
  checkVerifyCases(t, verifyCases("asymmetric/ECDSA/FIPS_186-3/SigGen.rsp"), 375);
  checkVerifyCases(t, verifyCases("asymmetric/ECDSA/FIPS_186-2/SigGen.rsp"), 50);
});

test("CAVP FIPS 186-3 KeyPair: derivePrivateKey(d) gives (Qx, Qy)", (t) => {
  const file = "asymmetric/ECDSA/FIPS_186-3/KeyPair.rsp";
  let curve: (() => EllipticCurve) | undefined;
  let d: bigint | undefined;
  let qx: bigint | undefined;
  let count = 0;
  readVectorFile(file)
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      const section = /^\[([A-Z]-\d+)\]$/.exec(line);
      if (section) curve = CURVES[section[1] ?? ""];
      const [key = "", value = ""] = line.split(" = ");
      if (key === "d") d = hexInt(value);
      if (key === "Qx") qx = hexInt(value);
      if (key === "Qy" && curve !== undefined && d !== undefined) {
        const numbers = derivePrivateKey(d, curve()).publicKey().publicNumbers();
        t.is(numbers.x, qx ?? -1n, `${file}:${index + 1}`);
        t.is(numbers.y, hexInt(value), `${file}:${index + 1}`);
        count++;
      }
    });
  t.is(count, 50, "10 key pairs on each of the five prime curves");
});

test("secp256k1 signatures collected by PyCA verify", (t) => {
  const cases = verifyCases("asymmetric/ECDSA/SECP256K1/SigGen.txt");
  checkVerifyCases(t, cases, 20);
});

interface Rfc6979Case {
  where: string;
  curve: EllipticCurve;
  privateValue: bigint;
  hash: HashAlgorithm;
  input: Buffer;
  output: Buffer;
  sign: boolean;
  valid: boolean;
}

/** The private scalar of a PEM key, read with node:crypto (SEC1 DER: version, then d). */
function scalarOfPem(pem: string): bigint {
  const der = crypto.createPrivateKey(pem).export({ format: "der", type: "sec1" });
  let offset = 1;
  const first = der[offset++] ?? 0;
  if (first & 0x80) offset += first & 0x7f;
  if (der[offset] !== 0x02 || der[offset + 1] !== 0x01 || der[offset + 3] !== 0x04) {
    throw new Error("unexpected SEC1 layout");
  }
  const length = der[offset + 4] ?? 0;
  return hexInt(der.subarray(offset + 5, offset + 5 + length).toString("hex"));
}

/** OpenSSL's `evppkey_ecdsa_rfc6979.txt`: Title, PEM keys, DigestSign/DigestVerify blocks. */
function rfc6979Cases(): Rfc6979Case[] {
  const file = "asymmetric/ECDSA/RFC6979/evppkey_ecdsa_rfc6979.txt";
  const lines = readVectorFile(file).split(/\r?\n/);
  const keys = new Map<string, bigint>();
  const cases: Rfc6979Case[] = [];
  let curve: EllipticCurve | undefined;
  let block: Record<string, string> = {};
  let blockLine = 0;
  const flush = () => {
    const hashName = block.DigestSign ?? block.DigestVerify;
    const keyName = block.Key;
    const hash = hashName === undefined ? undefined : HASHES[hashName.replace("SHA", "SHA-")];
    const privateValue =
      keyName === undefined ? undefined : keys.get(keyName.replace("_PUB", "_PRIV"));
    if (curve && hash && privateValue !== undefined && block.Input && block.Output) {
      cases.push({
        where: `${file}:${blockLine}`,
        curve,
        privateValue,
        hash: hash(),
        input: Buffer.from(JSON.parse(block.Input) as string),
        output: Buffer.from(block.Output, "hex"),
        sign: block.DigestSign !== undefined,
        valid: block.Result === undefined,
      });
    }
    block = {};
    blockLine = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") {
      flush();
      continue;
    }
    if (line.startsWith("#")) continue;
    const [rawKey = "", ...rest] = line.split("=");
    const key = rawKey.trim();
    const value = rest.join("=").trim();
    if (key === "Title") {
      const name = /RFC 6979 (\S+)/.exec(value)?.[1] ?? "";
      curve = CURVES[name]?.();
    } else if (key === "PrivateKey") {
      const pem: string[] = [];
      while (i + 1 < lines.length && (lines[i + 1] ?? "").trim() !== "") pem.push(lines[++i] ?? "");
      if (curve !== undefined) keys.set(value, scalarOfPem(pem.join("\n")));
    } else if (key === "PublicKey") {
      while (i + 1 < lines.length && (lines[i + 1] ?? "").trim() !== "") i++;
    } else {
      if (blockLine === 0) blockLine = i + 1;
      block[key] = value;
    }
  }
  flush();
  return cases;
}

test("RFC 6979 deterministic ECDSA: P-192 … P-521 signatures reproduced byte for byte", (t) => {
  const cases = rfc6979Cases();
  const signing = cases.filter((c) => c.sign);
  t.is(signing.length, 50, "5 prime curves × 5 hashes × 2 messages");
  for (const c of signing) {
    const key = derivePrivateKey(c.privateValue, c.curve);
    const signature = key.sign(c.input, new ECDSA(c.hash, true));
    t.is(signature.toString("hex"), c.output.toString("hex"), c.where);
  }
  for (const c of cases.filter((c) => !c.sign)) {
    const key = derivePrivateKey(c.privateValue, c.curve).publicKey();
    const verify = () => key.verify(c.output, c.input, new ECDSA(c.hash));
    if (c.valid) t.notThrows(verify, c.where);
    else t.throws(verify, { instanceOf: InvalidSignature }, c.where);
  }
});
