/**
 * DSA and (deprecated) finite-field DH: behaviour, bad input, NIST CAVP DSA SigVer vectors from
 * `cryptography-vectors`, and interop with PyCA both ways (`__test__/fixtures/pyca_dsa_dh.py`).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { inspect } from "node:util";
import test from "ava";
import { backend } from "hazmat/backends/openssl";
import { InvalidSignature, ValueError } from "hazmat/exceptions";
import * as dh from "hazmat/primitives/asymmetric/dh";
import * as dsa from "hazmat/primitives/asymmetric/dsa";
import { encodeDssSignature } from "hazmat/primitives/asymmetric/utils";
import { SHA1, SHA256 } from "hazmat/primitives/hashes";
import {
  Encoding,
  loadDerParameters,
  loadPemParameters,
  loadPemPrivateKey,
  loadPemPublicKey,
  NoEncryption,
  ParameterFormat,
  PrivateFormat,
  PublicFormat,
} from "hazmat/primitives/serialization";

// RFC 3526 group 5 (1536-bit MODP), generator 2.
const MODP_1536 = BigInt(
  "0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA237327FFFFFFFFFFFFFFFF",
);

const dsaKey = dsa.generatePrivateKey(1024);
const message = Buffer.from("hazmat DSA and DH");

test("DSA: sign/verify, tampering, numbers round trip, no key material in strings", (t) => {
  const pub = dsaKey.publicKey();
  t.is(dsaKey.keySize, 1024);
  const sig = dsaKey.sign(message, new SHA256());
  t.notThrows(() => pub.verify(sig, message, new SHA256()));
  const tampered = Buffer.from(sig);
  tampered.writeUInt8((tampered.at(-1) ?? 0) ^ 1, tampered.length - 1);
  t.throws(() => pub.verify(tampered, message, new SHA256()), { instanceOf: InvalidSignature });
  t.throws(() => pub.verify(sig, Buffer.from("other"), new SHA256()), {
    instanceOf: InvalidSignature,
  });
  t.throws(() => pub.verify(Buffer.alloc(0), message, new SHA256()), {
    instanceOf: InvalidSignature,
  });
  t.throws(() => pub.verify(sig, message, new SHA1()), { instanceOf: InvalidSignature });
  t.throws(() => dsaKey.sign(message, "sha256" as never), {
    instanceOf: TypeError,
    message: "Expected instance of hashes.HashAlgorithm.",
  });
  const numbers = dsaKey.privateNumbers();
  t.true(numbers.privateKey().publicKey().equals(pub));
  t.true(numbers.publicNumbers.equals(pub.publicNumbers()));
  t.true(dsaKey.parameters().parameterNumbers().equals(numbers.publicNumbers.parameterNumbers));
  const hex = numbers.x.toString(16);
  for (const shown of [
    String(dsaKey),
    inspect(dsaKey),
    String(numbers),
    inspect(numbers),
    JSON.stringify(numbers),
  ]) {
    t.false(shown.toLowerCase().includes(hex));
  }
  t.regex(String(dsaKey), /DSAPrivateKey \(1024 bits\)/);
  // A second key from the same parameters verifies nothing of the first.
  const other = dsaKey.parameters().generatePrivateKey();
  t.throws(() => other.publicKey().verify(sig, message, new SHA256()), {
    instanceOf: InvalidSignature,
  });
  t.false(other.publicKey().equals(pub));
});

test("DSA: bad numbers and sizes are PyCA's ValueErrors", (t) => {
  const { x, publicNumbers } = dsaKey.privateNumbers();
  const { p, q, g } = publicNumbers.parameterNumbers;
  t.throws(() => new dsa.DSAPrivateNumbers(x + 1n, publicNumbers).privateKey(), {
    instanceOf: ValueError,
    message: "y must be equal to (g ** x % p).",
  });
  t.throws(() => new dsa.DSAPrivateNumbers(q, publicNumbers).privateKey(), {
    instanceOf: ValueError,
    message: "x must be > 0 and < q.",
  });
  t.throws(() => new dsa.DSAParameterNumbers(p, q, 1n).parameters(), {
    instanceOf: ValueError,
    message: "g, p don't satisfy 1 < g < p.",
  });
  t.throws(() => new dsa.DSAParameterNumbers(p >> 1n, q, g).parameters(), {
    instanceOf: ValueError,
    message: "p must be exactly 1024, 2048, 3072, or 4096 bits long",
  });
  t.throws(() => new dsa.DSAParameterNumbers(p, q >> 1n, g).parameters(), {
    instanceOf: ValueError,
    message: "q must be exactly 160, 224, or 256 bits long",
  });
  t.throws(() => dsa.generateParameters(512), {
    instanceOf: ValueError,
    message: "Key size must be 1024, 2048, 3072, or 4096 bits.",
  });
  t.throws(() => new dsa.DSAParameterNumbers(1 as never, q, g), { instanceOf: TypeError });
  t.throws(() => new dsa.DSAPublicNumbers(1n, 5 as never), { instanceOf: TypeError });
});

test("DSA: PEM/DER serialization loads back as DSA classes", (t) => {
  for (const format of [PrivateFormat.PKCS8, PrivateFormat.TraditionalOpenSSL]) {
    const pem = dsaKey.privateBytes(Encoding.PEM, format, new NoEncryption());
    const loaded = loadPemPrivateKey(pem, null);
    t.true(loaded instanceof dsa.DSAPrivateKey);
    t.true((loaded as dsa.DSAPrivateKey).privateNumbers().equals(dsaKey.privateNumbers()));
  }
  const spki = dsaKey.publicKey().publicBytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo);
  const pub = loadPemPublicKey(spki);
  t.true(pub instanceof dsa.DSAPublicKey && pub.equals(dsaKey.publicKey()));
});

test("DSA: async generation and the backend methods", async (t) => {
  const params = await dsa.generateParametersAsync(1024);
  t.is(params.parameterNumbers().p.toString(2).length, 1024);
  const key = backend.generateDsaPrivateKey(params);
  const sig = key.sign(message, new SHA256());
  backend.loadDsaPublicNumbers(key.publicKey().publicNumbers()).verify(sig, message, new SHA256());
  t.true(backend.dsaHashSupported(new SHA256()));
  t.true(backend.loadDsaPrivateNumbers(key.privateNumbers()).publicKey().equals(key.publicKey()));
});

test("DSA: NIST CAVP FIPS 186-3 SigVer (L=1024/2048, SHA-1/SHA-256 subsets)", (t) => {
  const vectors = path.join(
    spawnSync(
      "python3",
      [
        "-c",
        "import cryptography_vectors,os;print(os.path.dirname(cryptography_vectors.__file__))",
      ],
      {
        encoding: "utf8",
      },
    ).stdout.trim(),
    "asymmetric/DSA/FIPS_186-3/SigVer.rsp",
  );
  const hashes: Record<string, () => SHA1 | SHA256> = {
    "SHA-1": () => new SHA1(),
    "SHA-256": () => new SHA256(),
  };
  let hash: (() => SHA1 | SHA256) | undefined;
  let pqg: Record<string, bigint> = {};
  let cur: Record<string, string> = {};
  let checked = 0;
  let failures = 0;
  for (const line of fs.readFileSync(vectors, "utf8").split(/\r?\n/)) {
    const section = /^\[mod = L=(\d+), N=\d+, (SHA-[\d]+)\]/.exec(line);
    if (section) {
      hash = ["1024", "2048"].includes(section[1] ?? "") ? hashes[section[2] ?? ""] : undefined;
      continue;
    }
    const kv = /^(\w+) = (.*)$/.exec(line.trim());
    if (!kv || hash === undefined) continue;
    const [, k, v] = kv as unknown as [string, string, string];
    if (k === "P" || k === "Q" || k === "G") pqg[k] = BigInt(`0x${v}`);
    else cur[k] = v;
    if (k !== "Result") continue;
    const params = new dsa.DSAParameterNumbers(pqg.P ?? 0n, pqg.Q ?? 0n, pqg.G ?? 0n);
    const key = new dsa.DSAPublicNumbers(BigInt(`0x${cur.Y}`), params).publicKey();
    const sig = encodeDssSignature(BigInt(`0x${cur.R}`), BigInt(`0x${cur.S}`));
    let valid = true;
    try {
      key.verify(sig, Buffer.from(cur.Msg ?? "", "hex"), hash());
    } catch (error) {
      t.true(error instanceof InvalidSignature);
      valid = false;
    }
    t.is(valid, v.startsWith("P"), `vector ${checked}`);
    if (!valid) failures++;
    checked++;
    cur = {};
  }
  pqg = {};
  t.true(checked >= 60, `checked ${checked}`);
  t.true(failures > 0 && failures < checked);
});

test("DH: exchange agreement, numbers, parameters, serialization, bad input", (t) => {
  const params = new dh.DHParameterNumbers(MODP_1536, 2n).parameters();
  const a = params.generatePrivateKey();
  const b = params.generatePrivateKey();
  const secret = a.exchange(b.publicKey());
  t.is(secret.length, 192);
  t.deepEqual(secret, b.exchange(a.publicKey()));
  t.true(a.privateNumbers().privateKey().publicKey().equals(a.publicKey()));
  t.is(a.publicKey().publicNumbers().parameterNumbers.p, MODP_1536);
  t.false(String(a).includes(a.privateNumbers().x.toString(16)));
  t.is(String(a.privateNumbers()), "<DHPrivateNumbers>");
  for (const encoding of [Encoding.PEM, Encoding.DER]) {
    const bytes = params.parameterBytes(encoding, ParameterFormat.PKCS3);
    const loaded = encoding === Encoding.PEM ? loadPemParameters(bytes) : loadDerParameters(bytes);
    t.is(loaded.parameterNumbers().p, MODP_1536);
  }
  const pkcs8 = a.privateBytes(Encoding.PEM, PrivateFormat.PKCS8, new NoEncryption());
  const loaded = loadPemPrivateKey(pkcs8, null);
  t.true(loaded instanceof dh.DHPrivateKey);
  t.deepEqual((loaded as dh.DHPrivateKey).exchange(b.publicKey()), secret);
  t.throws(
    () => a.privateBytes(Encoding.PEM, PrivateFormat.TraditionalOpenSSL, new NoEncryption()),
    {
      instanceOf: ValueError,
      message: "DH private keys support only PKCS8 serialization",
    },
  );
  t.throws(() => a.publicKey().publicBytes(Encoding.PEM, PublicFormat.PKCS1), {
    instanceOf: ValueError,
    message: "DH public keys support only SubjectPublicKeyInfo serialization",
  });
  const bad = new dh.DHPublicNumbers(1n, new dh.DHParameterNumbers(MODP_1536, 2n)).publicKey();
  t.throws(() => a.exchange(bad), {
    instanceOf: ValueError,
    message: "Error computing shared key.",
  });
  t.throws(() => a.exchange("x" as never), { instanceOf: TypeError });
  t.throws(() => new dh.DHParameterNumbers(23n, 2n), {
    instanceOf: ValueError,
    message: "p (modulus) must be at least 512-bit",
  });
  t.throws(() => new dh.DHParameterNumbers(MODP_1536, 1n), {
    instanceOf: ValueError,
    message: "DH generator must be 2 or greater",
  });
  t.throws(() => new dh.DHParameterNumbers(2n ** 512n + 1n, 2n).parameters(), {
    instanceOf: ValueError,
    message: "Invalid DH parameters",
  });
  t.throws(() => dh.generateParameters(3, 512), {
    instanceOf: ValueError,
    message: "DH generator must be 2 or 5",
  });
  t.throws(() => dh.generateParameters(2, 256), {
    instanceOf: ValueError,
    message: "DH key_size must be at least 512 bits",
  });
  t.throws(() => loadDerParameters(Buffer.from("3003020101", "hex")), { instanceOf: ValueError });
  t.true(backend.dhParametersSupported(MODP_1536, 2n));
  t.false(backend.dhParametersSupported(2n ** 512n + 1n, 2n));
});

test("DH: 512-bit parameter generation (sync and async)", async (t) => {
  const params = await dh.generateParametersAsync(2, 512);
  t.is(params.parameterNumbers().p.toString(2).length, 512);
  const k = backend.generateDhPrivateKeyAndParameters(2, 512);
  t.is(k.keySize, 512);
});

test("interop with PyCA: DSA signatures and DH secrets both ways", (t) => {
  const n = dsaKey.privateNumbers();
  const pp = n.publicNumbers.parameterNumbers;
  const group = new dh.DHParameterNumbers(MODP_1536, 2n).parameters();
  const mine = group.generatePrivateKey();
  const hex = (v: bigint) => v.toString(16);
  const result = spawnSync("python3", [path.join(__dirname, "fixtures", "pyca_dsa_dh.py")], {
    input: JSON.stringify({
      dsa: {
        p: hex(pp.p),
        q: hex(pp.q),
        g: hex(pp.g),
        x: hex(n.x),
        y: hex(n.publicNumbers.y),
        data: message.toString("hex"),
        sig: dsaKey.sign(message, new SHA256()).toString("hex"),
      },
      dh: { p: hex(MODP_1536), g: "2", y: hex(mine.publicKey().publicNumbers().y) },
    }),
    encoding: "utf8",
    timeout: 60_000,
  });
  t.is(result.status, 0, result.stderr);
  const answer = JSON.parse(result.stdout) as Record<string, string | boolean>;
  t.true(answer.dsa_valid === true);
  t.notThrows(() =>
    dsaKey.publicKey().verify(Buffer.from(String(answer.dsa_sig), "hex"), message, new SHA256()),
  );
  const peer = new dh.DHPublicNumbers(
    BigInt(`0x${answer.dh_y}`),
    new dh.DHParameterNumbers(MODP_1536, 2n),
  ).publicKey();
  t.is(mine.exchange(peer).toString("hex"), String(answer.dh_secret));
});
