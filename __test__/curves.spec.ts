/**
 * Ed25519, Ed448, X25519 and X448: generation, raw and encoded round trips, signing and
 * verification (tampered signatures refused), key agreement, PyCA's messages for bad input,
 * interop with PyCA both ways and with the `openssl` CLI when it is on PATH.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import test from "ava";
import { ERR_HAZMAT_INVALID_TYPE, InvalidSignature, ValueError } from "hazmat/exceptions";
import { Ed448PrivateKey, Ed448PublicKey } from "hazmat/primitives/asymmetric/ed448";
import { Ed25519PrivateKey, Ed25519PublicKey } from "hazmat/primitives/asymmetric/ed25519";
import { X448PrivateKey, X448PublicKey } from "hazmat/primitives/asymmetric/x448";
import { X25519PrivateKey, X25519PublicKey } from "hazmat/primitives/asymmetric/x25519";
import {
  BestAvailableEncryption,
  Encoding,
  loadDerPrivateKey,
  loadDerPublicKey,
  loadPemPrivateKey,
  loadPemPublicKey,
  loadSshPrivateKey,
  loadSshPublicKey,
  NoEncryption,
  PrivateFormat,
  PublicFormat,
} from "hazmat/primitives/serialization";
import { askPycaKeys, toHex } from "./helpers/pyca.js";

interface AnyPrivate {
  privateBytesRaw(): Buffer;
  privateBytes(e: Encoding, f: PrivateFormat, a: NoEncryption): Buffer;
  publicKey(): AnyPublic;
}
interface AnyPublic {
  publicBytesRaw(): Buffer;
  publicBytes(e: Encoding, f: PublicFormat): Buffer;
  equals(other: unknown): boolean;
}

const TYPES = [
  {
    type: "ED25519",
    name: "Ed25519",
    priv: Ed25519PrivateKey,
    pub: Ed25519PublicKey,
    privLen: 32,
    pubLen: 32,
    ssh: true,
  },
  {
    type: "ED448",
    name: "Ed448",
    priv: Ed448PrivateKey,
    pub: Ed448PublicKey,
    privLen: 57,
    pubLen: 57,
    ssh: false,
  },
  {
    type: "X25519",
    name: "X25519",
    priv: X25519PrivateKey,
    pub: X25519PublicKey,
    privLen: 32,
    pubLen: 32,
    ssh: false,
  },
  {
    type: "X448",
    name: "X448",
    priv: X448PrivateKey,
    pub: X448PublicKey,
    privLen: 56,
    pubLen: 56,
    ssh: false,
  },
] as const;

const isTypeError = { instanceOf: TypeError, code: ERR_HAZMAT_INVALID_TYPE };

for (const spec of TYPES) {
  const gen = (): AnyPrivate => spec.priv.generate() as AnyPrivate;

  test(`${spec.name}: generated keys differ and round-trip through raw bytes`, (t) => {
    const a = gen();
    const b = gen();
    t.is(a.privateBytesRaw().length, spec.privLen);
    t.is(a.publicKey().publicBytesRaw().length, spec.pubLen);
    t.false(a.privateBytesRaw().equals(b.privateBytesRaw()));
    const again = spec.priv.fromPrivateBytes(a.privateBytesRaw()) as AnyPrivate;
    t.deepEqual(again.privateBytesRaw(), a.privateBytesRaw());
    t.true(again.publicKey().equals(a.publicKey()));
    t.false(b.publicKey().equals(a.publicKey()));
    const pub = spec.pub.fromPublicBytes(a.publicKey().publicBytesRaw());
    t.true(pub.equals(a.publicKey()));
    t.deepEqual(
      a.privateBytes(Encoding.Raw, PrivateFormat.Raw, new NoEncryption()),
      a.privateBytesRaw(),
    );
    t.deepEqual(a.publicKey().publicBytes(Encoding.Raw, PublicFormat.Raw), pub.publicBytesRaw());
  });

  test(`${spec.name}: PKCS8 PEM/DER (plain and encrypted) and SPKI round trips`, (t) => {
    const key = gen();
    const raw = key.privateBytesRaw();
    const pw = Buffer.from("correct horse");
    const cases: [Buffer, Uint8Array | null, typeof loadPemPrivateKey][] = [
      [
        key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption()),
        null,
        loadPemPrivateKey,
      ],
      [
        key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption()),
        null,
        loadDerPrivateKey,
      ],
      [
        key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new BestAvailableEncryption(pw)),
        pw,
        loadPemPrivateKey,
      ],
      [
        key.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new BestAvailableEncryption(pw)),
        pw,
        loadDerPrivateKey,
      ],
    ];
    for (const [data, password, load] of cases) {
      const loaded = load(data, password);
      t.true(loaded instanceof spec.priv);
      t.deepEqual((loaded as unknown as AnyPrivate).privateBytesRaw(), raw);
    }
    const pem = key.publicKey().publicBytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo);
    t.true(pem.toString().startsWith("-----BEGIN PUBLIC KEY-----\n"));
    const der = key.publicKey().publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo);
    t.true(loadPemPublicKey(pem).equals(key.publicKey()));
    t.true(loadDerPublicKey(der) instanceof spec.pub);
    t.true(loadDerPublicKey(der).equals(key.publicKey()));
  });

  test(`${spec.name}: raw constructors check type and length with PyCA's messages`, (t) => {
    t.throws(() => spec.priv.fromPrivateBytes(Buffer.alloc(spec.privLen - 1)), {
      instanceOf: ValueError,
      message: `An ${spec.name} private key is ${spec.privLen} bytes long`,
    });
    t.throws(() => spec.pub.fromPublicBytes(Buffer.alloc(spec.pubLen + 1)), {
      instanceOf: ValueError,
      message: `An ${spec.name} public key is ${spec.pubLen} bytes long`,
    });
    t.throws(() => spec.priv.fromPrivateBytes("00" as unknown as Uint8Array), isTypeError);
    t.throws(() => spec.pub.fromPublicBytes(null as unknown as Uint8Array), isTypeError);
  });

  test(`${spec.name}: toString and inspect show the type, never key material`, (t) => {
    const key = gen();
    const hexKey = key.privateBytesRaw().toString("hex");
    for (const shown of [
      String(key),
      inspect(key),
      JSON.stringify({ key }),
      String(key.publicKey()),
    ]) {
      t.regex(shown, new RegExp(spec.name));
      t.false(shown.includes(hexKey));
      t.false(shown.includes(key.privateBytesRaw().toString("base64")));
    }
  });

  test(`${spec.name}: OpenSSH serialization ${spec.ssh ? "round-trips" : "is refused"}`, (t) => {
    const key = gen();
    const write = () => key.privateBytes(Encoding.PEM, PrivateFormat.OpenSSH, new NoEncryption());
    const writePublic = () => key.publicKey().publicBytes(Encoding.OpenSSH, PublicFormat.OpenSSH);
    if (!spec.ssh) {
      t.throws(write, { instanceOf: ValueError });
      t.throws(writePublic, { instanceOf: ValueError });
      return;
    }
    const loaded = loadSshPrivateKey(write(), null) as unknown as AnyPrivate;
    t.deepEqual(loaded.privateBytesRaw(), key.privateBytesRaw());
    const line = writePublic();
    t.regex(line.toString(), /^ssh-ed25519 [A-Za-z0-9+/=]+$/);
    t.true(loadSshPublicKey(line).equals(key.publicKey()));
  });

  test(`${spec.name}: keys from PyCA load in hazmat, keys from hazmat load in PyCA`, (t) => {
    const [fromPyca] = askPycaKeys([{ op: "generate", type: spec.type }]);
    if (!fromPyca?.ok) return t.fail(JSON.stringify(fromPyca));
    const hex = (k: string) => Buffer.from(fromPyca[k] as string, "hex");
    const pw = Buffer.from("hunter2");
    for (const [field, load, password] of [
      ["pkcs8_pem", loadPemPrivateKey, null],
      ["pkcs8_der", loadDerPrivateKey, null],
      ["pkcs8_pem_enc", loadPemPrivateKey, pw],
      ["pkcs8_der_enc", loadDerPrivateKey, pw],
    ] as const) {
      const key = load(hex(field), password) as unknown as AnyPrivate;
      t.deepEqual(key.privateBytesRaw(), hex("raw"), field);
    }
    t.deepEqual(
      (loadPemPublicKey(hex("spki_pem")) as unknown as AnyPublic).publicBytesRaw(),
      hex("public_raw"),
    );
    t.deepEqual(
      (loadDerPublicKey(hex("spki_der")) as unknown as AnyPublic).publicBytesRaw(),
      hex("public_raw"),
    );
    if (spec.ssh) {
      const key = loadSshPrivateKey(hex("openssh"), null) as unknown as AnyPrivate;
      t.deepEqual(key.privateBytesRaw(), hex("raw"));
      t.deepEqual(
        (loadSshPublicKey(hex("openssh_public")) as unknown as AnyPublic).publicBytesRaw(),
        hex("public_raw"),
      );
    }

    const ours = gen();
    const raw = toHex(ours.privateBytesRaw());
    const pubRaw = toHex(ours.publicKey().publicBytesRaw());
    const enc = new BestAvailableEncryption(pw);
    const requests: Record<string, unknown>[] = [
      {
        op: "load_private",
        kind: "pem",
        data: toHex(ours.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption())),
      },
      {
        op: "load_private",
        kind: "der",
        data: toHex(ours.privateBytes(Encoding.DER, PrivateFormat.PKCS8, new NoEncryption())),
      },
      {
        op: "load_private",
        kind: "pem",
        data: toHex(ours.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, enc)),
        password: toHex(pw),
      },
      {
        op: "load_private",
        kind: "der",
        data: toHex(ours.privateBytes(Encoding.DER, PrivateFormat.PKCS8, enc)),
        password: toHex(pw),
      },
      { op: "load_private", kind: "raw", type: spec.type, data: raw },
      {
        op: "load_public",
        kind: "pem",
        data: toHex(ours.publicKey().publicBytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)),
      },
      {
        op: "load_public",
        kind: "der",
        data: toHex(ours.publicKey().publicBytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)),
      },
    ];
    if (spec.ssh) {
      requests.push(
        {
          op: "load_private",
          kind: "ssh",
          data: toHex(ours.privateBytes(Encoding.PEM, PrivateFormat.OpenSSH, new NoEncryption())),
        },
        {
          op: "load_public",
          kind: "ssh",
          data: toHex(ours.publicKey().publicBytes(Encoding.OpenSSH, PublicFormat.OpenSSH)),
        },
      );
    }
    for (const [i, answer] of askPycaKeys(requests).entries()) {
      const request = requests[i] as { op: string };
      t.true(answer.ok, JSON.stringify(answer));
      t.is(
        answer.ok && answer.raw,
        request.op === "load_private" ? raw : pubRaw,
        JSON.stringify(request),
      );
    }
  });
}

const EDWARDS = [
  { name: "Ed25519", type: "ED25519", priv: Ed25519PrivateKey, pub: Ed25519PublicKey, sigLen: 64 },
  { name: "Ed448", type: "ED448", priv: Ed448PrivateKey, pub: Ed448PublicKey, sigLen: 114 },
] as const;

for (const spec of EDWARDS) {
  test(`${spec.name}: sign/verify, deterministic, tampering refused with InvalidSignature`, (t) => {
    const key = spec.priv.generate();
    const pub = key.publicKey();
    for (const size of [0, 1, 64, 1000]) {
      const data = Buffer.alloc(size, 0x61);
      const sig = key.sign(data);
      t.is(sig.length, spec.sigLen);
      t.deepEqual(key.sign(data), sig);
      t.notThrows(() => pub.verify(sig, data));
      for (const index of [0, spec.sigLen >> 1, spec.sigLen - 1]) {
        const bad = Buffer.from(sig);
        bad[index] = (bad[index] ?? 0) ^ 1;
        t.throws(() => pub.verify(bad, data), { instanceOf: InvalidSignature });
      }
      t.throws(() => pub.verify(sig.subarray(0, spec.sigLen - 1), data), {
        instanceOf: InvalidSignature,
      });
      t.throws(() => pub.verify(Buffer.concat([sig, Buffer.of(0)]), data), {
        instanceOf: InvalidSignature,
      });
      t.throws(() => pub.verify(sig, Buffer.concat([data, Buffer.of(1)])), {
        instanceOf: InvalidSignature,
      });
      t.throws(() => spec.priv.generate().publicKey().verify(sig, data), {
        instanceOf: InvalidSignature,
      });
    }
    t.throws(() => key.sign("text" as unknown as Uint8Array), isTypeError);
    t.throws(() => pub.verify("sig" as unknown as Uint8Array, Buffer.alloc(1)), isTypeError);
    // Other views of the same bytes sign the same.
    const data = Buffer.from("view");
    t.deepEqual(key.sign(new Uint8Array(data)), key.sign(data));
  });

  test(`${spec.name}: signatures verify in PyCA and PyCA's verify here`, (t) => {
    const key = spec.priv.generate();
    const raw = toHex(key.privateBytesRaw());
    const pubRaw = toHex(key.publicKey().publicBytesRaw());
    const data = Buffer.from("interop message");
    const ours = key.sign(data);
    const tampered = Buffer.from(ours);
    tampered[3] = (tampered[3] ?? 0) ^ 0x80;
    const [signed, good, bad] = askPycaKeys([
      { op: "sign", type: spec.type, key: raw, data: toHex(data) },
      { op: "verify", type: spec.type, key: pubRaw, signature: toHex(ours), data: toHex(data) },
      { op: "verify", type: spec.type, key: pubRaw, signature: toHex(tampered), data: toHex(data) },
    ]);
    t.true(signed?.ok && signed.out === toHex(ours), "PyCA produced the same signature");
    t.true(good?.ok && good.valid === true);
    t.true(bad?.ok && bad.valid === false);
    const theirs = Buffer.from((signed?.ok && (signed.out as string)) || "", "hex");
    t.notThrows(() => key.publicKey().verify(theirs, data));
  });
}

const MONTGOMERY = [
  {
    name: "X25519",
    type: "X25519",
    priv: X25519PrivateKey,
    pub: X25519PublicKey,
    len: 32,
    other: X448PrivateKey,
  },
  {
    name: "X448",
    type: "X448",
    priv: X448PrivateKey,
    pub: X448PublicKey,
    len: 56,
    other: X25519PrivateKey,
  },
] as const;

for (const spec of MONTGOMERY) {
  test(`${spec.name}: both sides agree, PyCA agrees, bad peers are refused`, (t) => {
    const a = spec.priv.generate();
    const b = spec.priv.generate();
    const ab = a.exchange(b.publicKey());
    t.is(ab.length, spec.len);
    t.deepEqual(ab, b.exchange(a.publicKey()));
    t.notDeepEqual(ab, a.exchange(spec.priv.generate().publicKey()));
    const [pyca] = askPycaKeys([
      {
        op: "exchange",
        type: spec.type,
        key: toHex(b.privateBytesRaw()),
        peer: toHex(a.publicKey().publicBytesRaw()),
      },
    ]);
    t.true(pyca?.ok && pyca.out === toHex(ab));
    t.throws(() => a.exchange(spec.pub.fromPublicBytes(Buffer.alloc(spec.len))), {
      instanceOf: ValueError,
      message: "Error computing shared key.",
    });
    t.throws(() => a.exchange(spec.other.generate().publicKey() as never), isTypeError);
    t.throws(() => a.exchange(Buffer.alloc(spec.len) as never), isTypeError);
  });
}

test("the openssl CLI reads hazmat keys and verifies hazmat's Ed25519 signatures", (t) => {
  if (spawnSync("openssl", ["version"]).status !== 0) {
    t.pass("openssl is not on PATH");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hazmat-curves-"));
  try {
    const key = Ed25519PrivateKey.generate();
    const pw = Buffer.from("cli-pass");
    const keyFile = path.join(dir, "key.pem");
    fs.writeFileSync(
      keyFile,
      key.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new BestAvailableEncryption(pw)),
    );
    const pubFile = path.join(dir, "pub.pem");
    const out = spawnSync("openssl", [
      "pkey",
      "-in",
      keyFile,
      "-passin",
      "pass:cli-pass",
      "-pubout",
      "-out",
      pubFile,
    ]);
    t.is(out.status, 0, out.stderr?.toString());
    t.true(loadPemPublicKey(fs.readFileSync(pubFile)).equals(key.publicKey()));
    const data = Buffer.from("signed by hazmat");
    fs.writeFileSync(path.join(dir, "data"), data);
    fs.writeFileSync(path.join(dir, "sig"), key.sign(data));
    const verify = (sigFile: string) =>
      spawnSync("openssl", [
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        pubFile,
        "-rawin",
        "-in",
        path.join(dir, "data"),
        "-sigfile",
        sigFile,
      ]);
    t.is(verify(path.join(dir, "sig")).status, 0);
    const bad = key.sign(data);
    bad[0] = (bad[0] ?? 0) ^ 1;
    fs.writeFileSync(path.join(dir, "bad"), bad);
    t.not(verify(path.join(dir, "bad")).status, 0);
    // And the reverse: a key written by openssl loads here.
    const genFile = path.join(dir, "gen.pem");
    t.is(spawnSync("openssl", ["genpkey", "-algorithm", "X25519", "-out", genFile]).status, 0);
    t.true(loadPemPrivateKey(fs.readFileSync(genFile), null) instanceof X25519PrivateKey);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
