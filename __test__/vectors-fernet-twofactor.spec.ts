/**
 * Known answers and interop for hazmat/fernet and hazmat/primitives/twofactor:
 *
 * - the Fernet spec vectors shipped in `cryptography-vectors` (fernet/generate.json, verify.json,
 *   invalid.json), RFC 4226 (HOTP) and RFC 6238 (TOTP) from twofactor/;
 * - PyCA `cryptography` in Python, both directions: Fernet and MultiFernet tokens (rotation and
 *   TTL included), tokens altered in ways PyCA's lenient base64 may or may not accept (both must
 *   agree on every one), TOTP/HOTP codes for the same time and counter, provisioning URIs.
 */
import { createHash } from "node:crypto";
import test from "ava";
import { InvalidToken } from "hazmat/exceptions";
import { Fernet, MultiFernet } from "hazmat/fernet";
import { SHA1, SHA256, SHA512 } from "hazmat/primitives/hashes";
import { HOTP } from "hazmat/primitives/twofactor/hotp";
import { TOTP } from "hazmat/primitives/twofactor/totp";
import { askPyca, type PycaAnswer, type PycaRequest, pycaVersion, toHex } from "./helpers/pyca";
import { field, parseNist, readVectorFile } from "./helpers/vectors";

interface FernetVector {
  desc?: string;
  token: string;
  now: string;
  iv?: number[];
  src?: string;
  ttl_sec?: number;
  secret: string;
}

const loadFernet = (name: string) =>
  JSON.parse(readVectorFile(`fernet/${name}.json`)) as FernetVector[];
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** Deterministic bytes (SHA-256 in counter mode over a label), so failures reproduce. */
function detBytes(label: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++) {
    blocks.push(createHash("sha256").update(`${label}/${i}`).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

const hashes = { SHA1: () => new SHA1(), SHA256: () => new SHA256(), SHA512: () => new SHA512() };

test("Fernet spec: generate.json", (t) => {
  const vectors = loadFernet("generate");
  t.true(vectors.length > 0);
  for (const v of vectors) {
    const f = new Fernet(v.secret);
    const token = f._encryptFromParts(
      Buffer.from(v.src ?? ""),
      seconds(v.now),
      Buffer.from(v.iv ?? []),
    );
    t.is(token.toString(), v.token);
  }
});

test("Fernet spec: verify.json", (t) => {
  const vectors = loadFernet("verify");
  t.true(vectors.length > 0);
  for (const v of vectors) {
    const f = new Fernet(Buffer.from(v.secret));
    t.is(typeof v.src, "string");
    t.is(f.decryptAtTime(v.token, v.ttl_sec ?? 0, seconds(v.now)).toString(), v.src as string);
    t.is(
      new MultiFernet([new Fernet(Fernet.generateKey()), f])
        .decryptAtTime(v.token, v.ttl_sec ?? 0, seconds(v.now))
        .toString(),
      v.src as string,
    );
  }
});

test("Fernet spec: invalid.json, every case InvalidToken", (t) => {
  const vectors = loadFernet("invalid");
  t.true(vectors.length >= 8);
  for (const v of vectors) {
    const f = new Fernet(v.secret);
    t.throws(
      () => f.decryptAtTime(v.token, v.ttl_sec ?? 0, seconds(v.now)),
      {
        instanceOf: InvalidToken,
      },
      v.desc,
    );
    t.throws(
      () => f.decryptAtTime(Buffer.from(v.token), v.ttl_sec ?? 0, seconds(v.now)),
      {
        instanceOf: InvalidToken,
      },
      v.desc,
    );
  }
});

test("RFC 4226 HOTP vectors", (t) => {
  const records = parseNist(readVectorFile("twofactor/rfc-4226.txt"), "rfc-4226.txt");
  t.true(records.length >= 10);
  for (const record of records) {
    const hotp = new HOTP(Buffer.from(field(record, "secret")), 6, new SHA1());
    const counter = Number(field(record, "counter"));
    t.is(hotp.generate(counter).toString(), field(record, "hotp"));
    t.notThrows(() => hotp.verify(Buffer.from(field(record, "hotp")), counter));
  }
});

test("RFC 6238 TOTP vectors", (t) => {
  const records = parseNist(readVectorFile("twofactor/rfc-6238.txt"), "rfc-6238.txt");
  t.true(records.length >= 18);
  for (const record of records) {
    const mode = field(record, "mode") as keyof typeof hashes;
    const totp = new TOTP(Buffer.from(field(record, "secret")), 8, hashes[mode](), 30);
    const time = Number(field(record, "time"));
    t.is(totp.generate(time).toString(), field(record, "totp"));
    t.notThrows(() => totp.verify(Buffer.from(field(record, "totp")), time));
  }
});

/** Token text variants: what PyCA's decoder does with them decides what hazmat must do. */
function tokenVariants(token: string): string[] {
  const stripped = token.replace(/=+$/, "");
  const variants = [
    token,
    stripped,
    `${stripped}=`,
    `${token}=`,
    `${token}AAAA`,
    `A${token}`,
    token.replace(/-/g, "+").replace(/_/g, "/"),
    `${token.slice(0, 20)}=${token.slice(20)}`,
    `${token.slice(0, 22)}==${token.slice(22)}`,
    `${token.slice(0, 23)}=${token.slice(23)}`,
    `${token.slice(0, 30)} \n\t.${token.slice(30)}`,
    token.slice(1),
    token.slice(0, -5),
    `${token.slice(0, 40)}${token.slice(41)}`,
    token.slice(0, 12),
    "",
    "====",
  ];
  for (let i = 0; i < 12; i++) {
    const at = detBytes(`pos ${token.length} ${i}`, 1)[0] as number;
    const index = at % token.length;
    const ch = "AQgw-_+/="[i % 9] as string;
    variants.push(token.slice(0, index) + ch + token.slice(index + 1));
  }
  return variants;
}

test(`interop: hazmat ⇄ PyCA ${pycaVersion()} Fernet, MultiFernet, rotation, TTL and odd tokens`, (t) => {
  const keys = [0, 1, 2].map((i) => {
    const raw = detBytes(`fernet key ${i}`, 32);
    return raw.toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  });
  const [k0, k1] = keys as [string, string, string];
  const ours = keys.map((k) => new Fernet(k));
  const messages = [0, 1, 16, 100, 1000].map((n) => detBytes(`message ${n}`, n));
  const requests: PycaRequest[] = [];
  const checks: ((answer: PycaAnswer) => void)[] = [];
  const ask = (request: PycaRequest, check: (answer: PycaAnswer) => void) => {
    requests.push(request);
    checks.push(check);
  };
  const okOut = (answer: PycaAnswer) => {
    if (!answer.ok) throw new Error(`PyCA failed: ${answer.error} ${answer.message}`);
    return Buffer.from(answer.out, "hex");
  };

  for (const message of messages) {
    const time = 1_600_000_000 + message.length;
    const iv = detBytes(`iv ${message.length}`, 16);
    // Same inputs, same token.
    const fixed = ours[0]?._encryptFromParts(message, time, iv) as Buffer;
    ask({ op: "fernet_encrypt", keys: [k0], data: toHex(message), time, iv: toHex(iv) }, (a) =>
      t.deepEqual(okOut(a), fixed),
    );
    // hazmat → PyCA, with a TTL window on both sides of the edge.
    const token = (ours[0] as Fernet).encryptAtTime(message, time).toString();
    ask({ op: "fernet_decrypt", keys: [k0], token, ttl: 100, time: time + 100 }, (a) =>
      t.deepEqual(okOut(a), message),
    );
    ask({ op: "fernet_decrypt", keys: [k0], token, ttl: 100, time: time + 101 }, (a) =>
      t.is(a.ok ? "ok" : a.error, "InvalidToken"),
    );
    ask({ op: "fernet_timestamp", keys: [k0], token }, (a) => t.is(a.ok ? a.value : a.error, time));
    // PyCA → hazmat, single key and MultiFernet.
    ask({ op: "fernet_encrypt", keys: [k1], data: toHex(message), time }, (a) => {
      const theirs = okOut(a);
      t.deepEqual((ours[1] as Fernet).decryptAtTime(theirs, 60, time + 60), message);
      t.throws(() => (ours[1] as Fernet).decryptAtTime(theirs, 60, time + 61), {
        instanceOf: InvalidToken,
      });
      t.throws(() => (ours[1] as Fernet).decryptAtTime(theirs, 60, time - 61), {
        instanceOf: InvalidToken,
      });
      const multi = new MultiFernet([ours[2] as Fernet, ours[1] as Fernet]);
      t.deepEqual(multi.decrypt(theirs.toString()), message);
      t.is(multi.extractTimestamp(theirs), time);
      // Our rotation of PyCA's token, read back by PyCA under the new key only.
      const rotated = multi.rotate(theirs);
      t.is((ours[2] as Fernet).extractTimestamp(rotated), time);
      ask({ op: "fernet_decrypt", keys: [keys[2] as string], token: rotated.toString() }, (b) =>
        t.deepEqual(okOut(b), message),
      );
    });
    // PyCA's MultiFernet rotation of our token.
    ask({ op: "fernet_rotate", keys: [k1, k0], token }, (a) => {
      const rotated = okOut(a);
      t.deepEqual((ours[1] as Fernet).decrypt(rotated), message);
      t.is((ours[1] as Fernet).extractTimestamp(rotated), time);
      t.throws(() => (ours[0] as Fernet).decrypt(rotated), { instanceOf: InvalidToken });
    });
  }

  // Odd token texts: accepted or refused exactly as PyCA does, with the same plaintext.
  const token = (ours[0] as Fernet).encryptAtTime(Buffer.from("lenient base64"), 42).toString();
  for (const variant of tokenVariants(token)) {
    ask({ op: "fernet_decrypt", keys: [k0], token: variant }, (a) => {
      let mine: string;
      try {
        mine = (ours[0] as Fernet).decrypt(variant).toString("hex");
      } catch (error) {
        t.true(error instanceof InvalidToken, JSON.stringify(variant));
        mine = "InvalidToken";
      }
      // PyCA raises InvalidToken for every bad token but a few a key holder must craft.
      t.is(mine, a.ok ? a.out : a.error, JSON.stringify(variant));
    });
  }

  // Process answers; checks may enqueue follow-up requests, so run until none are left.
  let done = 0;
  while (done < requests.length) {
    const batch = requests.slice(done);
    const batchChecks = checks.slice(done);
    const answers = askPyca(batch);
    done += batch.length;
    for (const [i, answer] of answers.entries()) batchChecks[i]?.(answer);
  }
});

test(`interop: hazmat ⇄ PyCA ${pycaVersion()} TOTP and HOTP codes and URIs`, (t) => {
  const requests: PycaRequest[] = [];
  const expected: string[] = [];
  for (const [name, make] of Object.entries(hashes)) {
    for (const length of [6, 7, 8]) {
      const key = detBytes(`otp ${name} ${length}`, 20 + length);
      const totp = new TOTP(key, length, make(), 30);
      for (const time of [0, 59, 1_111_111_109.25, 1_700_000_000, 4_000_000_000]) {
        requests.push({
          op: "totp",
          key: toHex(key),
          length,
          hash: name,
          time_step: 30,
          time,
        });
        expected.push(toHex(totp.generate(time)));
      }
      const hotp = new HOTP(key, length, make());
      for (const counter of [0, 1, 2 ** 40 + 3]) {
        requests.push({ op: "hotp", key: toHex(key), length, hash: name, counter });
        expected.push(toHex(hotp.generate(counter)));
      }
      requests.push({
        op: "hotp_uri",
        key: toHex(key),
        length,
        hash: name,
        counter: 7,
        account: "Ann O'Neil (dev)/ops é",
        issuer: "ACME & Sons*",
      });
      expected.push(hotp.getProvisioningUri("Ann O'Neil (dev)/ops é", 7, "ACME & Sons*"));
      requests.push({
        op: "totp_uri",
        key: toHex(key),
        length,
        hash: name,
        time_step: 30,
        account: "a+b@example.com ~x",
        issuer: null,
      });
      expected.push(totp.getProvisioningUri("a+b@example.com ~x", null));
    }
  }
  // A short key with enforcement off, both sides.
  const short = detBytes("short", 10);
  requests.push({
    op: "totp",
    key: toHex(short),
    length: 6,
    hash: "SHA1",
    time_step: 30,
    time: 1234,
    enforce_key_length: false,
  });
  expected.push(toHex(new TOTP(short, 6, new SHA1(), 30, false).generate(1234)));
  const answers = askPyca(requests);
  answers.forEach((answer, i) => {
    if (!answer.ok) throw new Error(`PyCA failed: ${answer.error} ${answer.message}`);
    t.is(answer.value ?? answer.out, expected[i] as string, JSON.stringify(requests[i]));
  });
});
