/**
 * Known answers for hazmat/primitives/keywrap from PyCA's cryptography-vectors: NIST SP 800-38F
 * AES key wrap (KW, RFC 3394's algorithm) and key wrap with padding (KWP, RFC 5649's), for
 * AES-128/192/256 — every record of the forward-cipher files, wrapping (AE) and unwrapping (AD),
 * where a fifth of the AD records must fail with `InvalidUnwrap` — plus the RFC 5649 and OpenSSL
 * KWP vectors PyCA collected from Botan. (The `_inv` files use the AES inverse cipher, and TKW
 * is TDEA key wrap; PyCA has neither.)
 */
import test from "ava";
import { InvalidUnwrap } from "hazmat/exceptions";
import {
  aesKeyUnwrap,
  aesKeyUnwrapWithPadding,
  aesKeyWrap,
  aesKeyWrapWithPadding,
} from "hazmat/primitives/keywrap";
import { bytes, field, loadNist, where } from "./helpers/vectors";

const hex = (data: Uint8Array) => Buffer.from(data).toString("hex");

const variants = [
  { name: "KW", wrap: aesKeyWrap, unwrap: aesKeyUnwrap },
  { name: "KWP", wrap: aesKeyWrapWithPadding, unwrap: aesKeyUnwrapWithPadding },
] as const;

for (const { name, wrap, unwrap } of variants) {
  for (const bits of ["128", "192", "256"]) {
    const wrapFile = `keywrap/kwtestvectors/${name}_AE_${bits}.txt`;
    const wrapRecords = loadNist(wrapFile);
    test(`${name} wrap, AES-${bits}: ${wrapRecords.length} records of ${wrapFile}`, (t) => {
      t.true(wrapRecords.length > 0);
      for (const record of wrapRecords) {
        const wrappingKey = bytes(field(record, "k"));
        const plaintext = bytes(field(record, "p"));
        const wrapped = bytes(field(record, "c"));
        const label = where(record);
        t.is(wrappingKey.length * 8, Number(bits), label);
        t.is(hex(wrap(wrappingKey, plaintext)), hex(wrapped), `${label} wrap`);
        t.is(hex(unwrap(wrappingKey, wrapped)), hex(plaintext), `${label} unwrap`);
      }
    });

    const unwrapFile = `keywrap/kwtestvectors/${name}_AD_${bits}.txt`;
    const unwrapRecords = loadNist(unwrapFile);
    const failing = unwrapRecords.filter((r) => r.fail).length;
    test(`${name} unwrap, AES-${bits}: ${unwrapRecords.length} records (${failing} failing) of ${unwrapFile}`, (t) => {
      t.true(failing > 0 && failing < unwrapRecords.length);
      for (const record of unwrapRecords) {
        const wrappingKey = bytes(field(record, "k"));
        const wrapped = bytes(field(record, "c"));
        const label = where(record);
        if (record.fail) {
          t.throws(() => unwrap(wrappingKey, wrapped), { instanceOf: InvalidUnwrap }, label);
        } else {
          t.is(hex(unwrap(wrappingKey, wrapped)), hex(bytes(field(record, "p"))), label);
        }
      }
    });
  }
}

{
  const file = "keywrap/kwp_botan.txt";
  const records = loadNist(file);
  test(`KWP, RFC 5649 and OpenSSL vectors: ${records.length} records of ${file}`, (t) => {
    t.true(records.length > 0);
    for (const record of records) {
      const wrappingKey = bytes(field(record, "key"));
      const input = bytes(field(record, "input"));
      const output = bytes(field(record, "output"));
      const label = where(record);
      t.is(hex(aesKeyWrapWithPadding(wrappingKey, input)), hex(output), `${label} wrap`);
      t.is(hex(aesKeyUnwrapWithPadding(wrappingKey, output)), hex(input), `${label} unwrap`);
    }
  });
}
