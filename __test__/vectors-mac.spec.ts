/**
 * Known answers for hazmat/primitives/hmac, cmac and poly1305 from PyCA's cryptography-vectors:
 * HMAC RFC 2202 (MD5, SHA-1) and RFC 4231 (SHA-224/256/384/512), CMAC NIST SP 800-38B
 * (AES-128/192/256 and three-key/two-key TDEA) and Poly1305 RFC 8439 (7539) — every record.
 *
 * Each record is computed in one `update` and in two, `verify` accepts the expected tag, and the
 * expected tag with one bit flipped is refused with `InvalidSignature`.
 */
import test from "ava";
import { TripleDES } from "hazmat/decrepit/ciphers/algorithms";
import { InvalidSignature } from "hazmat/exceptions";
import { AES } from "hazmat/primitives/ciphers/algorithms";
import { CMAC } from "hazmat/primitives/cmac";
import {
  type HashAlgorithm,
  MD5,
  SHA1,
  SHA224,
  SHA256,
  SHA384,
  SHA512,
} from "hazmat/primitives/hashes";
import { HMAC } from "hazmat/primitives/hmac";
import { Poly1305 } from "hazmat/primitives/poly1305";
import { bytes, field, loadNist, where } from "./helpers/vectors";

const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");

/** The tag with its lowest bit flipped. */
function flipped(tag: Uint8Array): Buffer {
  const copy = Buffer.from(tag);
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 1;
  return copy;
}

const hmacFiles: [string, () => HashAlgorithm][] = [
  ["HMAC/rfc-2202-md5.txt", () => new MD5()],
  ["HMAC/rfc-2202-sha1.txt", () => new SHA1()],
  ["HMAC/rfc-4231-sha224.txt", () => new SHA224()],
  ["HMAC/rfc-4231-sha256.txt", () => new SHA256()],
  ["HMAC/rfc-4231-sha384.txt", () => new SHA384()],
  ["HMAC/rfc-4231-sha512.txt", () => new SHA512()],
];

for (const [file, makeHash] of hmacFiles) {
  const records = loadNist(file);
  test(`HMAC ${makeHash().name}: ${records.length} records of ${file}`, (t) => {
    t.true(records.length > 0);
    for (const record of records) {
      const key = bytes(field(record, "key"));
      const message = bytes(field(record, "msg"));
      const expected = bytes(field(record, "md"));
      const label = where(record);
      t.is(message.length * 8, Number(field(record, "len")), label);

      const mac = new HMAC(key, makeHash());
      mac.update(message);
      t.is(hex(mac.finalize()), hex(expected), `${label} one update`);

      const cut = Math.floor(message.length / 2);
      const pieces = new HMAC(key, makeHash());
      pieces.update(message.subarray(0, cut));
      const copy = pieces.copy();
      pieces.update(message.subarray(cut));
      copy.update(message.subarray(cut));
      t.is(hex(pieces.finalize()), hex(expected), `${label} two updates`);
      t.is(hex(copy.finalize()), hex(expected), `${label} copy`);

      const verifier = new HMAC(key, makeHash());
      verifier.update(message);
      t.notThrows(() => verifier.verify(expected), label);
      const wrong = new HMAC(key, makeHash());
      wrong.update(message);
      t.throws(() => wrong.verify(flipped(expected)), { instanceOf: InvalidSignature }, label);
    }
  });
}

const cmacFiles: [string, string][] = [
  ["AES-128", "CMAC/nist-800-38b-aes128.txt"],
  ["AES-192", "CMAC/nist-800-38b-aes192.txt"],
  ["AES-256", "CMAC/nist-800-38b-aes256.txt"],
];

for (const [name, file] of cmacFiles) {
  const records = loadNist(file);
  test(`CMAC ${name}: ${records.length} records of ${file}`, (t) => {
    t.true(records.length > 0);
    for (const record of records) {
      const key = bytes(field(record, "key"));
      const message = bytes(field(record, "message"));
      const expected = hex(bytes(field(record, "output")));
      const label = where(record);
      t.is(key.length * 8, Number(name.slice(4)), label);

      const mac = new CMAC(new AES(key));
      mac.update(message);
      t.is(hex(mac.finalize()), expected, `${label} one update`);

      const pieces = new CMAC(new AES(key));
      const cut = Math.floor(message.length / 3);
      pieces.update(message.subarray(0, cut));
      const copy = pieces.copy();
      pieces.update(message.subarray(cut));
      copy.update(message.subarray(cut));
      t.is(hex(pieces.finalize()), expected, `${label} two updates`);
      t.is(hex(copy.finalize()), expected, `${label} copy`);

      const wrong = new CMAC(new AES(key));
      wrong.update(message);
      t.throws(
        () => wrong.verify(flipped(Buffer.from(expected, "hex"))),
        { instanceOf: InvalidSignature },
        label,
      );
    }
  });
}

{
  const file = "CMAC/nist-800-38b-3des.txt";
  const records = loadNist(file);
  test(`CMAC TDEA (three-key and two-key): ${records.length} records of ${file}`, (t) => {
    t.true(records.length > 0);
    for (const record of records) {
      const [k1, k2, k3] = ["key1", "key2", "key3"].map((k) => bytes(field(record, k))) as [
        Buffer,
        Buffer,
        Buffer,
      ];
      const message = bytes(field(record, "message"));
      const expected = bytes(field(record, "output"));
      const label = where(record);
      // Two-key records (K3 = K1) also go in as PyCA's 16-byte key form.
      const keys = [Buffer.concat([k1, k2, k3])];
      if (k1.equals(k3)) keys.push(Buffer.concat([k1, k2]));
      for (const key of keys) {
        const mac = new CMAC(new TripleDES(key));
        mac.update(message);
        t.is(hex(mac.finalize()), hex(expected), `${label} ${key.length}-byte key`);
        const verifier = new CMAC(new TripleDES(key));
        verifier.update(message);
        t.notThrows(() => verifier.verify(expected), label);
        const wrong = new CMAC(new TripleDES(key));
        wrong.update(message);
        t.throws(() => wrong.verify(flipped(expected)), { instanceOf: InvalidSignature }, label);
      }
    }
  });
}

{
  const file = "poly1305/rfc7539.txt";
  const records = loadNist(file);
  test(`Poly1305: ${records.length} records of ${file}`, (t) => {
    t.true(records.length > 0);
    for (const record of records) {
      const key = bytes(field(record, "key"));
      const message = bytes(field(record, "msg"));
      const expected = bytes(field(record, "tag"));
      const label = where(record);

      t.is(hex(Poly1305.generateTag(key, message)), hex(expected), `${label} generateTag`);
      const mac = new Poly1305(key);
      const cut = Math.floor(message.length / 2);
      mac.update(message.subarray(0, cut));
      mac.update(message.subarray(cut));
      t.is(hex(mac.finalize()), hex(expected), `${label} two updates`);

      t.notThrows(() => Poly1305.verifyTag(key, message, expected), label);
      t.throws(
        () => Poly1305.verifyTag(key, message, flipped(expected)),
        { instanceOf: InvalidSignature },
        label,
      );
      const verifier = new Poly1305(key);
      verifier.update(message);
      t.throws(() => verifier.verify(flipped(expected)), { instanceOf: InvalidSignature }, label);
    }
  });
}
