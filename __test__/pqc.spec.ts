/**
 * ML-KEM (768, 1024) and ML-DSA (44, 65, 87): generation, seed and raw round trips,
 * encapsulation agreement and implicit rejection, signing with and without a context (tampered
 * signatures refused), PyCA's messages for bad input, PKCS8/SPKI round trips, interop with PyCA
 * both ways (`fixtures/pyca_pqc.py`), ML-DSA external mu (`MLDSAMuHasher`, `signMu`,
 * `verifyMu`) against PyCA and against message signing, and the KAT sets shipped by `cryptography-vectors`.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { inspect } from "node:util";
import test from "ava";
import {
  AlreadyFinalized,
  ERR_HAZMAT_INVALID_TYPE,
  InvalidSignature,
  ValueError,
} from "hazmat/exceptions";
import {
  MLDSA44PrivateKey,
  MLDSA44PublicKey,
  MLDSA65PrivateKey,
  MLDSA65PublicKey,
  MLDSA87PrivateKey,
  MLDSA87PublicKey,
  MLDSAMuHasher,
} from "hazmat/primitives/asymmetric/mldsa";
import {
  MLKEM768PrivateKey,
  MLKEM768PublicKey,
  MLKEM1024PrivateKey,
  MLKEM1024PublicKey,
} from "hazmat/primitives/asymmetric/mlkem";
import {
  BestAvailableEncryption,
  Encoding,
  loadDerPrivateKey,
  loadDerPublicKey,
  loadPemPrivateKey,
  loadPemPublicKey,
  NoEncryption,
  PrivateFormat,
  PublicFormat,
} from "hazmat/primitives/serialization";
import { bytes, field, type NistRecord, parseNist, vectorsRoot, where } from "./helpers/vectors.js";

const hex = (data: Uint8Array): string => Buffer.from(data).toString("hex");
const seedOf = (n: number, fill: number): Buffer => Buffer.alloc(n, fill);

const KEMS = [
  {
    type: "ML-KEM-768",
    priv: MLKEM768PrivateKey,
    pub: MLKEM768PublicKey,
    pubLen: 1184,
    ctLen: 1088,
    kat: "kat_MLKEM_768.rsp",
  },
  {
    type: "ML-KEM-1024",
    priv: MLKEM1024PrivateKey,
    pub: MLKEM1024PublicKey,
    pubLen: 1568,
    ctLen: 1568,
    kat: "kat_MLKEM_1024.rsp",
  },
] as const;

const DSAS = [
  {
    type: "ML-DSA-44",
    priv: MLDSA44PrivateKey,
    pub: MLDSA44PublicKey,
    pubLen: 1312,
    sigLen: 2420,
    kat: "kat_MLDSA_44_det_pure.rsp",
  },
  {
    type: "ML-DSA-65",
    priv: MLDSA65PrivateKey,
    pub: MLDSA65PublicKey,
    pubLen: 1952,
    sigLen: 3309,
    kat: "kat_MLDSA_65_det_pure.rsp",
  },
  {
    type: "ML-DSA-87",
    priv: MLDSA87PrivateKey,
    pub: MLDSA87PublicKey,
    pubLen: 2592,
    sigLen: 4627,
    kat: "kat_MLDSA_87_det_pure.rsp",
  },
] as const;

/** One batch of requests to PyCA (`fixtures/pyca_pqc.py`). */
function askPyca(requests: object[]): unknown[] {
  const out = spawnSync("python3", [path.join(__dirname, "fixtures", "pyca_pqc.py")], {
    input: JSON.stringify(requests),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`pyca_pqc.py failed: ${out.stderr.toString()}`);
  return JSON.parse(out.stdout.toString()) as unknown[];
}

/** The first `count` records of a (large) KAT file, reading only as much as they need. */
function firstRecords(relative: string, count: number): NistRecord[] {
  const fd = fs.openSync(path.join(vectorsRoot(), relative), "r");
  try {
    const chunk = Buffer.alloc(24_000 * (count + 1));
    const n = fs.readSync(fd, chunk, 0, chunk.length, 0);
    const text = chunk.subarray(0, n).toString("latin1");
    const cut = text.indexOf(`count = ${count}\n`);
    if (cut < 0) throw new Error(`${relative}: fewer than ${count + 1} records read`);
    const records = parseNist(text.slice(0, cut), relative);
    if (records.length !== count) throw new Error(`${relative}: parsed ${records.length}`);
    return records;
  } finally {
    fs.closeSync(fd);
  }
}

for (const k of KEMS) {
  test(`${k.type}: encapsulate/decapsulate agree; raw and seed round trips`, (t) => {
    const key = k.priv.generate();
    const pub = key.publicKey();
    t.true(pub instanceof k.pub);
    const [secret, ct] = pub.encapsulate();
    t.is(secret.length, 32);
    t.is(ct.length, k.ctLen);
    t.deepEqual(key.decapsulate(ct), secret);
    const [secret2] = pub.encapsulate();
    t.notDeepEqual(secret2, secret);

    const seed = key.privateBytesRaw();
    t.is(seed.length, 64);
    const again = k.priv.fromSeedBytes(seed);
    t.true(again.publicKey().equals(pub));
    t.deepEqual(again.decapsulate(ct), secret);
    t.deepEqual(key.privateBytes(Encoding.Raw, PrivateFormat.Raw, new NoEncryption()), seed);

    const raw = pub.publicBytesRaw();
    t.is(raw.length, k.pubLen);
    t.deepEqual(pub.publicBytes(Encoding.Raw, PublicFormat.Raw), raw);
    const loaded = k.pub.fromPublicBytes(raw);
    t.true(loaded.equals(pub));
    const [s3, c3] = loaded.encapsulate();
    t.deepEqual(key.decapsulate(c3), s3);
    t.false(k.priv.generate().publicKey().equals(pub));
  });

  test(`${k.type}: garbage ciphertext is implicitly rejected; wrong sizes are ValueErrors`, (t) => {
    const key = k.priv.fromSeedBytes(seedOf(64, 1));
    const [secret, ct] = key.publicKey().encapsulate();
    const tampered = Buffer.from(ct);
    tampered.writeUInt8(tampered.readUInt8(10) ^ 0x01, 10);
    const rejected = key.decapsulate(tampered);
    t.is(rejected.length, 32);
    t.notDeepEqual(rejected, secret);
    t.deepEqual(key.decapsulate(tampered), rejected); // deterministic
    t.notDeepEqual(key.decapsulate(Buffer.alloc(k.ctLen)), secret);

    t.throws(() => key.decapsulate(ct.subarray(1)), {
      instanceOf: ValueError,
      message: `Invalid ${k.type} ciphertext`,
    });
    t.throws(() => k.priv.fromSeedBytes(Buffer.alloc(63)), {
      instanceOf: ValueError,
      message: `An ${k.type} seed is 64 bytes long`,
    });
    t.throws(() => k.pub.fromPublicBytes(Buffer.alloc(k.pubLen - 1)), {
      instanceOf: ValueError,
      message: `An ${k.type} public key is ${k.pubLen} bytes long`,
    });
    // Right length, coefficients out of range.
    t.throws(() => k.pub.fromPublicBytes(Buffer.alloc(k.pubLen, 0xff)), {
      instanceOf: ValueError,
      message: `An ${k.type} public key is ${k.pubLen} bytes long`,
    });
    t.throws(() => key.decapsulate("x" as unknown as Uint8Array), {
      instanceOf: TypeError,
      code: ERR_HAZMAT_INVALID_TYPE,
    });
    t.throws(() => k.priv.fromSeedBytes(null as unknown as Uint8Array), { instanceOf: TypeError });
  });
}

for (const d of DSAS) {
  test(`${d.type}: sign/verify with and without context; tampering refused`, (t) => {
    const key = d.priv.generate();
    const pub = key.publicKey();
    t.true(pub instanceof d.pub);
    const msg = Buffer.from("attack at dawn");
    const sig = key.sign(msg);
    t.is(sig.length, d.sigLen);
    t.notThrows(() => pub.verify(sig, msg));
    t.notThrows(() => pub.verify(sig, msg, null));
    t.notThrows(() => pub.verify(sig, msg, Buffer.alloc(0)));
    t.throws(() => pub.verify(sig, msg, Buffer.from("ctx")), { instanceOf: InvalidSignature });
    t.throws(() => pub.verify(sig, Buffer.from("attack at dusk")), {
      instanceOf: InvalidSignature,
    });
    const bad = Buffer.from(sig);
    bad.writeUInt8(bad.readUInt8(100) ^ 0x40, 100);
    t.throws(() => pub.verify(bad, msg), { instanceOf: InvalidSignature });
    t.throws(() => pub.verify(sig.subarray(1), msg), { instanceOf: InvalidSignature });
    t.throws(() => pub.verify(Buffer.alloc(0), msg), { instanceOf: InvalidSignature });
    t.throws(() => d.priv.generate().publicKey().verify(sig, msg), {
      instanceOf: InvalidSignature,
    });

    const ctx = Buffer.alloc(255, 7);
    const withCtx = key.sign(msg, ctx);
    t.notThrows(() => pub.verify(withCtx, msg, ctx));
    t.throws(() => pub.verify(withCtx, msg), { instanceOf: InvalidSignature });
    t.throws(() => key.sign(msg, Buffer.alloc(256)), {
      instanceOf: ValueError,
      message: "Context must be at most 255 bytes",
    });
    t.throws(() => pub.verify(sig, msg, Buffer.alloc(256)), {
      instanceOf: ValueError,
      message: "Context must be at most 255 bytes",
    });
    t.throws(() => key.sign("msg" as unknown as Uint8Array), {
      instanceOf: TypeError,
      code: ERR_HAZMAT_INVALID_TYPE,
    });
    t.throws(() => key.sign(msg, "c" as unknown as Uint8Array), { instanceOf: TypeError });
  });

  test(`${d.type}: seed and raw round trips; PyCA's messages`, (t) => {
    const seed = seedOf(32, 9);
    const key = d.priv.fromSeedBytes(seed);
    t.deepEqual(key.privateBytesRaw(), seed);
    const pub = key.publicKey();
    t.is(pub.publicBytesRaw().length, d.pubLen);
    t.true(d.priv.fromSeedBytes(seed).publicKey().equals(pub));
    t.false(d.priv.fromSeedBytes(seedOf(32, 8)).publicKey().equals(pub));
    const loaded = d.pub.fromPublicBytes(pub.publicBytesRaw());
    t.notThrows(() => loaded.verify(key.sign(Buffer.from("m")), Buffer.from("m")));
    t.throws(() => d.priv.fromSeedBytes(Buffer.alloc(31)), {
      instanceOf: ValueError,
      message: `An ${d.type} seed is 32 bytes long`,
    });
    t.throws(() => d.pub.fromPublicBytes(Buffer.alloc(d.pubLen + 1)), {
      instanceOf: ValueError,
      message: `An ${d.type} public key is ${d.pubLen} bytes long`,
    });
  });
}

test("PKCS8 / SubjectPublicKeyInfo round trips return the right classes", (t) => {
  const all = [...KEMS, ...DSAS].map((s) => ({ ...s, key: s.priv.generate() }));
  for (const { priv, pub, key } of all) {
    const pk = key.publicKey();
    for (const [enc, loadPriv, loadPub] of [
      [Encoding.PEM, loadPemPrivateKey, loadPemPublicKey],
      [Encoding.DER, loadDerPrivateKey, loadDerPublicKey],
    ] as const) {
      const der = key.privateBytes(enc, PrivateFormat.PKCS8, new NoEncryption());
      const back = loadPriv(der, null);
      t.true(back instanceof priv);
      t.deepEqual((back as typeof key).privateBytesRaw(), key.privateBytesRaw());
      const enc2 = key.privateBytes(
        enc,
        PrivateFormat.PKCS8,
        new BestAvailableEncryption(Buffer.from("hunter2")),
      );
      const back2 = loadPriv(enc2, Buffer.from("hunter2"));
      t.deepEqual((back2 as typeof key).privateBytesRaw(), key.privateBytesRaw());
      t.throws(() => loadPriv(enc2, Buffer.from("wrong")));
      const spki = pk.publicBytes(enc, PublicFormat.SubjectPublicKeyInfo);
      const pubBack = loadPub(spki);
      t.true(pubBack instanceof pub);
      t.true(pubBack.equals(pk));
    }
    t.throws(
      () => key.privateBytes(Encoding.PEM, PrivateFormat.TraditionalOpenSSL, new NoEncryption()),
      { instanceOf: ValueError },
    );
    t.throws(() => key.privateBytes(Encoding.Raw, PrivateFormat.PKCS8, new NoEncryption()), {
      instanceOf: ValueError,
    });
    t.throws(() => pk.publicBytes(Encoding.PEM, PublicFormat.PKCS1), { instanceOf: ValueError });
    t.throws(() => pk.publicBytes(Encoding.PEM, PublicFormat.Raw), { instanceOf: ValueError });
  }
});

test("toString and inspect show no key material", (t) => {
  for (const key of [
    MLKEM768PrivateKey.fromSeedBytes(seedOf(64, 0xab)),
    MLDSA65PrivateKey.fromSeedBytes(seedOf(32, 0xab)),
  ]) {
    for (const shown of [
      String(key),
      inspect(key),
      JSON.stringify(key),
      String(key.publicKey()),
      inspect(key.publicKey()),
    ]) {
      t.notRegex(shown, /abab|ABAB|q6ur/);
      t.regex(shown, /^"?<ML(KEM|DSA)\d+(Private|Public)Key>"?$/);
    }
  }
});

test("interop with PyCA: same seeds, same keys and PKCS8; signatures and ciphertexts both ways", (t) => {
  const msg = Buffer.from("interop message");
  const ctx = Buffer.from("context string");
  const requests: object[] = [];
  const ours: Array<() => void> = [];
  for (const k of KEMS) {
    const seed = seedOf(64, 0x42);
    const key = k.priv.fromSeedBytes(seed);
    const [secret, ct] = key.publicKey().encapsulate();
    const enc = key.privateBytes(
      Encoding.DER,
      PrivateFormat.PKCS8,
      new BestAvailableEncryption(Buffer.from("pw")),
    );
    const spki = key.publicKey().publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo);
    const base = requests.length;
    requests.push(
      { op: "from_seed", kind: k.type, seed: hex(seed) },
      { op: "decapsulate", kind: k.type, seed: hex(seed), ciphertext: hex(ct) },
      { op: "encapsulate", kind: k.type, public: hex(key.publicKey().publicBytesRaw()) },
      {
        op: "load",
        kind: k.type,
        der: hex(enc),
        password: hex(Buffer.from("pw")),
        spki: hex(spki),
      },
    );
    ours.push(() => {
      const [fromSeed, theirSecret, encap, load] = answers.slice(base, base + 4) as [
        { public: string; pkcs8: string; spki: string },
        string,
        { secret: string; ciphertext: string },
        { seed: string; public: string },
      ];
      t.is(fromSeed.public, hex(key.publicKey().publicBytesRaw()));
      t.is(
        fromSeed.pkcs8,
        hex(key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption())),
      );
      t.is(fromSeed.spki, hex(spki));
      t.is(theirSecret, hex(secret));
      t.is(hex(key.decapsulate(Buffer.from(encap.ciphertext, "hex"))), encap.secret);
      t.is(load.seed, hex(seed));
      t.is(load.public, hex(key.publicKey().publicBytesRaw()));
      const theirs = loadDerPrivateKey(Buffer.from(fromSeed.pkcs8, "hex"), null);
      t.true(theirs instanceof k.priv);
    });
  }
  for (const d of DSAS) {
    const seed = seedOf(32, 0x24);
    const key = d.priv.fromSeedBytes(seed);
    const pubRaw = hex(key.publicKey().publicBytesRaw());
    const base = requests.length;
    requests.push(
      { op: "from_seed", kind: d.type, seed: hex(seed) },
      { op: "verify", kind: d.type, public: pubRaw, signature: hex(key.sign(msg)), data: hex(msg) },
      {
        op: "verify",
        kind: d.type,
        public: pubRaw,
        signature: hex(key.sign(msg, ctx)),
        data: hex(msg),
        context: hex(ctx),
      },
      {
        op: "verify",
        kind: d.type,
        public: pubRaw,
        signature: hex(key.sign(msg, ctx)),
        data: hex(msg),
      },
      { op: "sign", kind: d.type, seed: hex(seed), data: hex(msg), context: hex(ctx) },
    );
    ours.push(() => {
      const [fromSeed, v1, v2, v3, theirSig] = answers.slice(base, base + 5) as [
        { public: string; pkcs8: string },
        boolean,
        boolean,
        boolean,
        string,
      ];
      t.is(fromSeed.public, pubRaw);
      t.is(
        fromSeed.pkcs8,
        hex(key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption())),
      );
      t.true(v1);
      t.true(v2);
      t.false(v3);
      const sig = Buffer.from(theirSig, "hex");
      t.notThrows(() => key.publicKey().verify(sig, msg, ctx));
      t.throws(() => key.publicKey().verify(sig, msg), { instanceOf: InvalidSignature });
    });
  }
  const answers = askPyca(requests);
  t.is(answers.length, requests.length);
  for (const check of ours) check();
});

for (const k of KEMS) {
  test(`${k.type}: cryptography-vectors KATs (keys from d‖z, decapsulation incl. implicit rejection)`, (t) => {
    const records = firstRecords(`asymmetric/MLKEM/${k.kat}`, 10);
    for (const r of records) {
      const seed = Buffer.concat([bytes(field(r, "d")), bytes(field(r, "z"))]);
      const key = k.priv.fromSeedBytes(seed);
      t.is(hex(key.publicKey().publicBytesRaw()), field(r, "pk").toLowerCase(), where(r));
      t.is(hex(key.decapsulate(bytes(field(r, "ct")))), field(r, "ss").toLowerCase(), where(r));
      t.is(hex(key.decapsulate(bytes(field(r, "ct_n")))), field(r, "ss_n").toLowerCase(), where(r));
    }
  });
}

for (const d of DSAS) {
  test(`${d.type}: cryptography-vectors KATs (keys from xi, signatures with context verify)`, (t) => {
    const records = firstRecords(`asymmetric/MLDSA/${d.kat}`, 5);
    for (const r of records) {
      const key = d.priv.fromSeedBytes(bytes(field(r, "xi")));
      const pub = key.publicKey();
      t.is(hex(pub.publicBytesRaw()), field(r, "pk").toLowerCase(), where(r));
      const sm = bytes(field(r, "sm"));
      const msg = bytes(field(r, "msg"));
      const ctx = bytes(field(r, "ctx"));
      const sig = sm.subarray(0, sm.length - msg.length);
      t.is(sig.length, d.sigLen, where(r));
      t.deepEqual(sm.subarray(sig.length), msg, where(r));
      t.notThrows(() => pub.verify(sig, msg, ctx), where(r));
      t.throws(() => pub.verify(sig, Buffer.concat([msg, Buffer.from([0])]), ctx), {
        instanceOf: InvalidSignature,
      });
    }
  });
}

test("cryptography-vectors DER files: seed-only keys load, expanded-only keys are refused", (t) => {
  const dir = path.join(vectorsRoot(), "asymmetric");
  const read = (f: string) => fs.readFileSync(path.join(dir, f));
  const dsa = loadDerPrivateKey(read("MLDSA/mldsa44_priv.der"), null);
  t.true(dsa instanceof MLDSA44PrivateKey);
  const dsaPub = loadDerPublicKey(read("MLDSA/mldsa44_pub.der"));
  t.true(dsaPub instanceof MLDSA44PublicKey);
  t.true((dsa as MLDSA44PrivateKey).publicKey().equals(dsaPub));
  t.deepEqual(
    (dsa as MLDSA44PrivateKey).privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption()),
    read("MLDSA/mldsa44_priv.der"),
  );
  const kem = loadPemPrivateKey(read("MLKEM/mlkem768.pem"), null);
  t.true(kem instanceof MLKEM768PrivateKey);
  const kemDer = loadDerPrivateKey(read("MLKEM/mlkem768.der"), null) as MLKEM768PrivateKey;
  t.deepEqual(kemDer.privateBytesRaw(), (kem as MLKEM768PrivateKey).privateBytesRaw());
  t.deepEqual(
    kemDer.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption()),
    read("MLKEM/mlkem768.der"),
  );
  t.throws(() => loadDerPrivateKey(read("MLDSA/mldsa65_noseed_priv.der"), null), {
    instanceOf: ValueError,
  });
});

test("ML-DSA external mu: PyCA's mu, interchangeable with message signing, PyCA verifies ours", (t) => {
  const msg = Buffer.from("a message hashed apart from its signer");
  const ctx = Buffer.from("mu context");
  const requests: object[] = [];
  const checks: Array<(answers: unknown[]) => void> = [];
  for (const [i, d] of DSAS.entries()) {
    const seed = seedOf(32, 0x30 + i);
    const key = d.priv.fromSeedBytes(seed);
    const pub = key.publicKey();
    const hasher = new MLDSAMuHasher(pub, ctx);
    const half = hasher.copy();
    hasher.update(msg.subarray(0, 7));
    hasher.update(msg.subarray(7));
    const mu = hasher.finalize();
    t.is(mu.length, 64);
    t.throws(() => hasher.update(msg), { instanceOf: AlreadyFinalized });
    // The copy continues independently of the original.
    half.update(msg);
    t.is(hex(half.finalize()), hex(mu));
    const noCtx = new MLDSAMuHasher(pub);
    noCtx.update(msg);
    const muNoCtx = noCtx.finalize();
    t.not(hex(muNoCtx), hex(mu));

    // External and internal mu make interchangeable signatures.
    const sigMu = key.signMu(mu);
    t.is(sigMu.length, d.sigLen);
    t.notThrows(() => pub.verify(sigMu, msg, ctx));
    t.notThrows(() => pub.verifyMu(sigMu, mu));
    t.throws(() => pub.verify(sigMu, msg), { instanceOf: InvalidSignature });
    const sigMsg = key.sign(msg, ctx);
    t.notThrows(() => pub.verifyMu(sigMsg, mu));
    t.throws(() => pub.verifyMu(sigMsg, muNoCtx), { instanceOf: InvalidSignature });
    t.notThrows(() => pub.verify(key.signMu(muNoCtx), msg));

    // Tampering and bad lengths.
    const bad = Buffer.from(sigMu);
    bad[10] = (bad[10] ?? 0) ^ 1;
    t.throws(() => pub.verifyMu(bad, mu), { instanceOf: InvalidSignature });
    const badMu = Buffer.from(mu);
    badMu[0] = (badMu[0] ?? 0) ^ 1;
    t.throws(() => pub.verifyMu(sigMu, badMu), { instanceOf: InvalidSignature });
    t.throws(() => pub.verifyMu(sigMu.subarray(1), mu), { instanceOf: InvalidSignature });
    for (const len of [0, 63, 65]) {
      const m = Buffer.alloc(len, 1);
      t.throws(() => key.signMu(m), { instanceOf: ValueError, message: "mu must be 64 bytes" });
      t.throws(() => pub.verifyMu(sigMu, m), {
        instanceOf: ValueError,
        message: "mu must be 64 bytes",
      });
    }
    t.throws(() => new MLDSAMuHasher(pub, Buffer.alloc(256)), {
      instanceOf: ValueError,
      message: "Context must be at most 255 bytes",
    });
    t.throws(() => new MLDSAMuHasher(key as never), { code: ERR_HAZMAT_INVALID_TYPE });
    t.throws(() => key.signMu("mu" as never), { code: ERR_HAZMAT_INVALID_TYPE });

    const publicHex = hex(pub.publicBytesRaw());
    const base = requests.length;
    requests.push(
      {
        op: "mu",
        kind: d.type,
        public: publicHex,
        context: hex(ctx),
        parts: [hex(msg.subarray(0, 3)), hex(msg.subarray(3))],
      },
      { op: "mu", kind: d.type, public: publicHex, context: null, parts: [hex(msg)] },
      { op: "verify_mu", kind: d.type, public: publicHex, signature: hex(sigMu), mu: hex(mu) },
      {
        op: "verify",
        kind: d.type,
        public: publicHex,
        signature: hex(sigMu),
        data: hex(msg),
        context: hex(ctx),
      },
      { op: "verify_mu", kind: d.type, public: publicHex, signature: hex(bad), mu: hex(mu) },
      { op: "sign_mu", kind: d.type, seed: hex(seed), mu: hex(mu) },
    );
    checks.push((answers) => {
      const [theirMu, theirMuNoCtx, okMu, okMsg, okBad, theirSig] = answers.slice(base, base + 6);
      t.is(theirMu, hex(mu));
      t.is(theirMuNoCtx, hex(muNoCtx));
      t.true(okMu);
      t.true(okMsg);
      t.false(okBad);
      const sig = Buffer.from(theirSig as string, "hex");
      t.notThrows(() => pub.verifyMu(sig, mu));
      t.notThrows(() => pub.verify(sig, msg, ctx));
    });
  }
  const answers = askPyca(requests);
  for (const check of checks) check(answers);
});
