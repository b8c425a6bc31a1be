/**
 * Known answers for hazmat/primitives/kdf/* from PyCA's cryptography-vectors, and interop with
 * PyCA `cryptography` itself:
 *
 * - PBKDF2-HMAC-SHA1, RFC 6070: every record except the one with 16 777 216 iterations (several
 *   seconds on its own; the 4096-iteration records cover the same code);
 * - scrypt, RFC 7914: every record except N = 2^20 (1 GiB of memory);
 * - HKDF, RFC 5869 (SHA-1, SHA-256) and PyCA's 1200-byte vector: HKDF from the IKM, and
 *   HKDFExpand from the PRK, both give the OKM;
 * - KBKDF counter mode, NIST SP 800-108 CAVS: the first 3 records of every PRF × counter
 *   location × counter width group (360 of 4800; HMAC SHA-1/2 and CMAC AES/3DES, middle-fixed
 *   included);
 * - X9.63 KDF, the CAVS 12.0 sample: every record (SHA-1, SHA-2);
 * - Argon2id, RFC 9106 and PyCA's additions: every record.
 *
 * The package ships no SP 800-56A ConcatKDF set: ConcatKDFHash and ConcatKDFHMAC are checked
 * against PyCA below, with every other KDF, on the same inputs.
 */
import { createHash } from "node:crypto";
import test from "ava";
import { TripleDES } from "hazmat/decrepit/ciphers/algorithms";
import { InvalidKey } from "hazmat/exceptions";
import { AES } from "hazmat/primitives/ciphers/algorithms";
import {
  BLAKE2b,
  type HashAlgorithm,
  MD5,
  SHA1,
  SHA3_256,
  SHA224,
  SHA256,
  SHA384,
  SHA512,
  SHA512_256,
} from "hazmat/primitives/hashes";
import { Argon2id } from "hazmat/primitives/kdf/argon2";
import { ConcatKDFHash, ConcatKDFHMAC } from "hazmat/primitives/kdf/concatkdf";
import { HKDF, HKDFExpand } from "hazmat/primitives/kdf/hkdf";
import { CounterLocation, KBKDFCMAC, KBKDFHMAC, Mode } from "hazmat/primitives/kdf/kbkdf";
import { PBKDF2HMAC } from "hazmat/primitives/kdf/pbkdf2";
import { Scrypt } from "hazmat/primitives/kdf/scrypt";
import { X963KDF } from "hazmat/primitives/kdf/x963kdf";
import { askPyca, type PycaKdfRequest, pycaVersion, toHex } from "./helpers/pyca";
import {
  argon2idRecord,
  bytes,
  field,
  firstOfEachGroup,
  loadCountedRecords,
  loadNist,
  scryptRecord,
  textBytes,
  where,
} from "./helpers/vectors";

const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");

const HASHES: Record<string, () => HashAlgorithm> = {
  "SHA-1": () => new SHA1(),
  "SHA-224": () => new SHA224(),
  "SHA-256": () => new SHA256(),
  "SHA-384": () => new SHA384(),
  "SHA-512": () => new SHA512(),
};

function hashNamed(name: string): HashAlgorithm {
  const make = HASHES[name];
  if (make === undefined) throw new Error(`no hash ${name}`);
  return make();
}

test("PBKDF2-HMAC-SHA1 matches RFC 6070 (derive, verify, wrong key refused)", (t) => {
  const records = loadCountedRecords("KDF/rfc-6070-PBKDF2-SHA1.txt").filter(
    (r) => Number(field(r, "iterations")) < 1_000_000,
  );
  t.is(records.length, 5);
  for (const r of records) {
    const make = () =>
      new PBKDF2HMAC(
        new SHA1(),
        Number(field(r, "length")),
        textBytes(field(r, "salt")),
        Number(field(r, "iterations")),
      );
    const password = textBytes(field(r, "password"));
    const expected = bytes(field(r, "derived_key"));
    t.is(hex(make().derive(password)), hex(expected), where(r));
    t.notThrows(() => make().verify(password, expected), where(r));
    t.throws(() => make().verify(Buffer.concat([password, Buffer.from("!")]), expected), {
      instanceOf: InvalidKey,
    });
  }
});

test("scrypt matches RFC 7914, sync and async", async (t) => {
  const records = loadCountedRecords("KDF/scrypt.txt").filter(
    (r) => Number(field(r, "n")) <= 2 ** 14,
  );
  t.is(records.length, 3);
  for (const r of records) {
    const { args, password, expected: key } = scryptRecord(r);
    const make = () => new Scrypt(...args);
    const expected = hex(key);
    t.is(hex(make().derive(password)), expected, where(r));
    t.is(hex(await make().deriveAsync(password)), expected, where(r));
  }
});

test("HKDF and HKDFExpand match RFC 5869 and the 1200-byte vector", (t) => {
  const records = [
    ...loadCountedRecords("KDF/rfc-5869-HKDF-SHA1.txt"),
    ...loadCountedRecords("KDF/rfc-5869-HKDF-SHA256.txt"),
    ...loadCountedRecords("KDF/hkdf-generated.txt"),
  ];
  t.is(records.length, 8);
  for (const r of records) {
    const algorithm = hashNamed(field(r, "hash"));
    const length = Number(field(r, "l"));
    const salt = bytes(field(r, "salt"));
    const info = bytes(field(r, "info"));
    const okm = hex(bytes(field(r, "okm")));
    // An empty salt field is no salt (PyCA's loader passes None); both mean zeros.
    const derived = new HKDF(algorithm, length, salt.length ? salt : null, info).derive(
      bytes(field(r, "ikm")),
    );
    t.is(hex(derived), okm, where(r));
    if (r.fields.prk !== undefined) {
      const expanded = new HKDFExpand(algorithm, length, info).derive(bytes(field(r, "prk")));
      t.is(hex(expanded), okm, where(r));
    }
  }
});

const KBKDF_PRFS: Record<string, { hmac?: () => HashAlgorithm; cmac?: typeof AES }> = {
  CMAC_AES128: { cmac: AES },
  CMAC_AES192: { cmac: AES },
  CMAC_AES256: { cmac: AES },
  CMAC_TDES2: { cmac: TripleDES },
  CMAC_TDES3: { cmac: TripleDES },
  HMAC_SHA1: { hmac: () => new SHA1() },
  HMAC_SHA224: { hmac: () => new SHA224() },
  HMAC_SHA256: { hmac: () => new SHA256() },
  HMAC_SHA384: { hmac: () => new SHA384() },
  HMAC_SHA512: { hmac: () => new SHA512() },
};

const LOCATIONS: Record<string, CounterLocation> = {
  BEFORE_FIXED: CounterLocation.BeforeFixed,
  AFTER_FIXED: CounterLocation.AfterFixed,
  MIDDLE_FIXED: CounterLocation.MiddleFixed,
};

test("KBKDF counter mode matches NIST SP 800-108 for every PRF, location and counter width", (t) => {
  const all = loadNist("KDF/nist-800-108-KBKDF-CTR.txt").filter(
    (r) => Number(field(r, "l")) % 8 === 0,
  );
  const records = firstOfEachGroup(all, ["prf", "ctrlocation", "rlen"], 3);
  t.is(records.length, 360);
  const seen = new Set<string>();
  for (const r of records) {
    const prf = KBKDF_PRFS[field(r, "prf")];
    const location = LOCATIONS[field(r, "ctrlocation")];
    if (prf === undefined || location === undefined) throw new Error(`${where(r)}: unknown set`);
    seen.add(`${field(r, "prf")}/${field(r, "ctrlocation")}`);
    const rlen = Number.parseInt(field(r, "rlen"), 10) / 8;
    const length = Number(field(r, "l")) / 8;
    let fixed: Buffer;
    let options: { breakLocation?: number } | undefined;
    if (location === CounterLocation.MiddleFixed) {
      const before = bytes(field(r, "databeforectrdata"));
      fixed = Buffer.concat([before, bytes(field(r, "dataafterctrdata"))]);
      options = { breakLocation: before.length };
    } else {
      fixed = bytes(field(r, "fixedinputdata"));
    }
    const args = [
      Mode.CounterMode,
      length,
      rlen,
      null,
      location,
      null,
      null,
      fixed,
      options,
    ] as const;
    const kdf = prf.hmac
      ? new KBKDFHMAC(prf.hmac(), ...args)
      : new KBKDFCMAC(prf.cmac as typeof AES, ...args);
    t.is(hex(kdf.derive(bytes(field(r, "ki")))), hex(bytes(field(r, "ko"))), where(r));
  }
  t.is(seen.size, 30);
});

test("X9.63 KDF matches the ANSI X9.63 CAVS sample", (t) => {
  const records = loadNist("KDF/ansx963_2001.txt");
  t.true(records.length >= 100);
  for (const r of records) {
    const length = Number(field(r, "key data length")) / 8;
    const sharedInfo = bytes(r.fields.sharedinfo ?? "");
    const kdf = new X963KDF(
      hashNamed(r.section ?? ""),
      length,
      sharedInfo.length ? sharedInfo : null,
    );
    t.is(hex(kdf.derive(bytes(field(r, "z")))), hex(bytes(field(r, "key_data"))), where(r));
  }
});

test("Argon2id matches RFC 9106 and PyCA's argon2 CLI vectors", async (t) => {
  const records = loadCountedRecords("KDF/argon2id.txt");
  t.true(records.length >= 6);
  for (const r of records) {
    const { options, password, expected: key } = argon2idRecord(r);
    const expected = hex(key);
    t.is(hex(new Argon2id(options).derive(password)), expected, where(r));
    if (options.memoryCost <= 1024) {
      t.is(hex(await new Argon2id(options).deriveAsync(password)), expected, where(r));
    }
  }
});

/** Deterministic bytes: SHA-256 in counter mode over `label`. */
function seeded(label: string, length: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < length; i++) {
    out.push(createHash("sha256").update(`${label}/${i}`).digest());
  }
  return Buffer.concat(out).subarray(0, length);
}

interface Case {
  request: PycaKdfRequest;
  ours: () => Buffer;
}

function interopCases(): Case[] {
  const cases: Case[] = [];
  const hashes: [string, () => HashAlgorithm][] = [
    ["SHA1", () => new SHA1()],
    ["SHA256", () => new SHA256()],
    ["SHA512", () => new SHA512()],
    ["SHA512_256", () => new SHA512_256()],
    ["SHA3_256", () => new SHA3_256()],
    ["BLAKE2b", () => new BLAKE2b(64)],
    ["MD5", () => new MD5()],
  ];
  for (const [name, make] of hashes) {
    for (const length of [1, 32, 100]) {
      const tag = `${name}/${length}`;
      const key = seeded(`key/${tag}`, 7 + length);
      const salt = seeded(`salt/${tag}`, length % 3 === 0 ? 0 : 16);
      const info = seeded(`info/${tag}`, length);
      const base = { op: "kdf" as const, key: toHex(key), hash: name, length };
      cases.push({
        request: { ...base, kdf: "PBKDF2HMAC", salt: toHex(salt), iterations: 3 },
        ours: () => new PBKDF2HMAC(make(), length, salt, 3).derive(key),
      });
      cases.push({
        request: {
          ...base,
          kdf: "HKDF",
          salt: length === 1 ? null : toHex(salt),
          info: toHex(info),
        },
        ours: () => new HKDF(make(), length, length === 1 ? null : salt, info).derive(key),
      });
      cases.push({
        request: { ...base, kdf: "HKDFExpand", info: length === 32 ? null : toHex(info) },
        ours: () => new HKDFExpand(make(), length, length === 32 ? null : info).derive(key),
      });
      cases.push({
        request: { ...base, kdf: "ConcatKDFHash", otherinfo: toHex(info) },
        ours: () => new ConcatKDFHash(make(), length, info).derive(key),
      });
      if (name !== "SHA3_256") {
        cases.push({
          request: {
            ...base,
            kdf: "ConcatKDFHMAC",
            salt: length === 32 ? null : toHex(salt),
            otherinfo: toHex(info),
          },
          ours: () =>
            new ConcatKDFHMAC(make(), length, length === 32 ? null : salt, info).derive(key),
        });
      }
      cases.push({
        request: { ...base, kdf: "X963KDF", sharedinfo: length === 100 ? null : toHex(info) },
        ours: () => new X963KDF(make(), length, length === 100 ? null : info).derive(key),
      });
      const locations = ["BeforeFixed", "AfterFixed", "MiddleFixed"] as const;
      locations.forEach((location, index) => {
        const rlen = 1 + ((index + length) % 4);
        const llen = 2 + ((length + index) % 4);
        const breakLocation = location === "MiddleFixed" ? 3 : null;
        cases.push({
          request: {
            ...base,
            kdf: "KBKDFHMAC",
            rlen,
            llen,
            location,
            label: toHex(salt),
            context: toHex(info),
            fixed: null,
            break_location: breakLocation,
          },
          ours: () =>
            new KBKDFHMAC(
              make(),
              Mode.CounterMode,
              length,
              rlen,
              llen,
              CounterLocation[location],
              salt,
              info,
              null,
              { breakLocation },
            ).derive(key),
        });
      });
    }
  }
  for (const [keySize, location] of [
    [16, "BeforeFixed"],
    [24, "AfterFixed"],
    [32, "MiddleFixed"],
  ] as const) {
    const key = seeded(`cmac/${keySize}`, keySize);
    const fixed = seeded(`fixed/${keySize}`, 20);
    const breakLocation = location === "MiddleFixed" ? 7 : null;
    cases.push({
      request: {
        op: "kdf",
        kdf: "KBKDFCMAC",
        cipher: "AES",
        key: toHex(key),
        length: 40,
        rlen: 2,
        llen: null,
        location,
        label: null,
        context: null,
        fixed: toHex(fixed),
        break_location: breakLocation,
      },
      ours: () =>
        new KBKDFCMAC(
          AES,
          Mode.CounterMode,
          40,
          2,
          null,
          CounterLocation[location],
          null,
          null,
          fixed,
          {
            breakLocation,
          },
        ).derive(key),
    });
  }
  for (const [n, r, p] of [
    [2, 1, 1],
    [16, 8, 2],
    [1024, 1, 3],
  ] as const) {
    const key = seeded(`scrypt/${n}`, 12);
    const salt = seeded(`scrypt-salt/${n}`, n === 2 ? 0 : 16);
    cases.push({
      request: {
        op: "kdf",
        kdf: "Scrypt",
        key: toHex(key),
        salt: toHex(salt),
        length: 48,
        n,
        r,
        p,
      },
      ours: () => new Scrypt(salt, 48, n, r, p).derive(key),
    });
  }
  for (const [lanes, extras] of [
    [1, false],
    [3, true],
  ] as const) {
    const key = seeded(`argon/${lanes}`, 20);
    const salt = seeded(`argon-salt/${lanes}`, 16);
    const ad = extras ? seeded("ad", 9) : null;
    const secret = extras ? seeded("secret", 11) : null;
    cases.push({
      request: {
        op: "kdf",
        kdf: "Argon2id",
        key: toHex(key),
        salt: toHex(salt),
        length: 40,
        iterations: 2,
        lanes,
        memory_cost: 64,
        ad: ad && toHex(ad),
        secret: secret && toHex(secret),
      },
      ours: () =>
        new Argon2id({ salt, length: 40, iterations: 2, lanes, memoryCost: 64, ad, secret }).derive(
          key,
        ),
    });
  }
  return cases;
}

test(`every KDF derives what PyCA ${pycaVersion()} derives from the same inputs`, (t) => {
  const cases = interopCases();
  const answers = askPyca(cases.map((c) => c.request));
  const kinds = new Set<string>();
  cases.forEach((c, index) => {
    const answer = answers[index];
    const label = JSON.stringify({ ...c.request, key: undefined });
    if (answer === undefined || !answer.ok) {
      t.fail(`PyCA refused ${label}: ${JSON.stringify(answer)}`);
      return;
    }
    kinds.add(c.request.kdf);
    t.is(hex(c.ours()), answer.out, label);
  });
  t.is(kinds.size, 10);
});
