import test from "ava";
import { backend } from "hazmat/backends/openssl";
import { ERR_HAZMAT_INVALID_TYPE, ValueError } from "hazmat/exceptions";
import {
  MAX_RANDOM_BYTES,
  randomBytes,
  randomBytesAsync,
  randomFill,
  randomFillAsync,
} from "hazmat/random";

test.serial.afterEach.always(() => {
  backend.activateOsrandomEngine();
});

test("500 random bytes are not all zero and two draws differ", (t) => {
  const first = randomBytes(500);
  const second = randomBytes(500);
  t.true(Buffer.isBuffer(first));
  t.is(first.length, 500);
  t.true(first.some((b) => b !== 0));
  t.notDeepEqual(first, second);
});

test("randomBytes(0) is an empty Buffer; 1 MiB is full-length and not constant", (t) => {
  t.is(randomBytes(0).length, 0);
  const large = randomBytes(1 << 20);
  t.is(large.length, 1 << 20);
  t.true(new Set(large.subarray(0, 4096)).size > 200);
});

test("byte values are spread over the whole range", (t) => {
  const counts = new Array<number>(256).fill(0);
  for (const b of randomBytes(256 * 256)) counts[b] = (counts[b] ?? 0) + 1;
  // Expected 256 per value; a working source never lands outside [150, 370] (p < 1e-9 each).
  t.true(
    counts.every((c) => c > 150 && c < 370),
    `min ${Math.min(...counts)} max ${Math.max(...counts)}`,
  );
});

test.serial("the built-in DRBG also serves randomBytes", (t) => {
  backend.activateBuiltinRandom();
  const a = randomBytes(64);
  const b = randomBytes(64);
  t.true(a.some((x) => x !== 0));
  t.notDeepEqual(a, b);
});

test("randomFill fills in place and returns its argument", (t) => {
  const buf = Buffer.alloc(64);
  t.is(randomFill(buf), buf);
  t.true(buf.some((b) => b !== 0));
});

test("randomFill offset and size count elements of the view and touch only that range", (t) => {
  const words = new Uint32Array(8);
  randomFill(words, 2, 3);
  t.deepEqual([words[0], words[1], words[5], words[6], words[7]], [0, 0, 0, 0, 0]);
  t.true(words[2] !== 0 || words[3] !== 0 || words[4] !== 0);

  const bytes = new Uint8Array(32);
  randomFill(bytes, 16);
  t.true(bytes.subarray(0, 16).every((b) => b === 0));
  t.true(bytes.subarray(16).some((b) => b !== 0));
});

test("randomFill accepts DataView, ArrayBuffer and other typed arrays", (t) => {
  const arrayBuffer = new ArrayBuffer(32);
  randomFill(arrayBuffer);
  t.true(new Uint8Array(arrayBuffer).some((b) => b !== 0));
  const view = new DataView(new ArrayBuffer(32), 8, 16);
  randomFill(view);
  t.true(new Uint8Array(view.buffer, 0, 8).every((b) => b === 0));
  t.true(new Uint8Array(view.buffer, 8, 16).some((b) => b !== 0));
  const floats = randomFill(new Float64Array(4));
  t.true(new Uint8Array(floats.buffer).some((b) => b !== 0));
});

test("randomBytesAsync and randomFillAsync resolve with random bytes", async (t) => {
  const bytes = await randomBytesAsync(48);
  t.true(Buffer.isBuffer(bytes));
  t.is(bytes.length, 48);
  t.true(bytes.some((b) => b !== 0));
  const target = new Uint8Array(40);
  t.is(await randomFillAsync(target, 8, 16), target);
  t.true(target.subarray(0, 8).every((b) => b === 0));
  t.true(target.subarray(24).every((b) => b === 0));
  t.true(target.subarray(8, 24).some((b) => b !== 0));
});

test("64 concurrent async draws all succeed and all differ", async (t) => {
  const draws = await Promise.all(Array.from({ length: 64 }, () => randomBytesAsync(32)));
  t.is(new Set(draws.map((d) => d.toString("hex"))).size, 64);
  const large = await randomBytesAsync(4 << 20);
  t.is(large.length, 4 << 20);
});

const badSizes: [string, unknown, "type" | "value"][] = [
  ["-1", -1, "value"],
  ["1.5", 1.5, "value"],
  ['"32"', "32", "type"],
  ["2**32", 2 ** 32, "value"],
  ["2**31", 2 ** 31, "value"],
  ["NaN", Number.NaN, "value"],
  ["Infinity", Number.POSITIVE_INFINITY, "value"],
  ["undefined", undefined, "type"],
  ["null", null, "type"],
  ["32n", 32n, "type"],
  ["an object", { valueOf: () => 32 }, "type"],
];

for (const [label, size, kind] of badSizes) {
  test(`randomBytes(${label}) is a ${kind} error with a clear message`, async (t) => {
    const expectation: {
      instanceOf: new (...args: never[]) => Error;
      code: string;
      message: RegExp;
    } =
      kind === "type"
        ? { instanceOf: TypeError, code: ERR_HAZMAT_INVALID_TYPE, message: /size must be a number/ }
        : {
            instanceOf: ValueError,
            code: "ERR_HAZMAT_VALUE",
            message: /size must be an integer from 0 to 2147483647/,
          };
    t.throws(() => randomBytes(size as number), expectation);
    await t.throwsAsync(randomBytesAsync(size as number), expectation);
  });
}

test("MAX_RANDOM_BYTES is node:crypto's limit", (t) => {
  t.is(MAX_RANDOM_BYTES, 2 ** 31 - 1);
});

for (const [label, value] of [
  ["a string", "abc"],
  ["a number", 16],
  ["an Array", [0, 0, 0]],
  ["null", null],
  ["undefined", undefined],
  ["a plain object", { length: 4 }],
] as [string, unknown][]) {
  test(`randomFill on ${label} is a TypeError`, async (t) => {
    const expectation = {
      instanceOf: TypeError,
      code: ERR_HAZMAT_INVALID_TYPE,
      message: /buf must be a TypedArray, DataView or ArrayBuffer/,
    };
    t.throws(() => randomFill(value as Uint8Array), expectation);
    await t.throwsAsync(randomFillAsync(value as Uint8Array), expectation);
  });
}

for (const [label, offset, size, pattern] of [
  ["offset past the end", 17, undefined, /offset must be an integer from 0 to 16, got 17/],
  ["negative offset", -1, undefined, /offset must be an integer from 0 to 16, got -1/],
  ["fractional offset", 0.5, undefined, /offset must be an integer/],
  ["size past the end", 0, 17, /size must be an integer from 0 to 16, got 17/],
  ["offset + size past the end", 10, 7, /size must be an integer from 0 to 6, got 7/],
  ["negative size", 0, -2, /size must be an integer from 0 to 16, got -2/],
] as [string, number, number | undefined, RegExp][]) {
  test(`randomFill with ${label} is a ValueError and leaves the buffer untouched`, async (t) => {
    const buf = new Uint8Array(16);
    t.throws(() => randomFill(buf, offset, size), { instanceOf: ValueError, message: pattern });
    await t.throwsAsync(randomFillAsync(buf, offset, size), {
      instanceOf: ValueError,
      message: pattern,
    });
    t.true(buf.every((b) => b === 0));
  });
}

test("randomFill with a non-number offset or size is a TypeError", (t) => {
  const buf = new Uint8Array(16);
  t.throws(() => randomFill(buf, "1" as unknown as number), {
    instanceOf: TypeError,
    message: /offset must be a number/,
  });
  t.throws(() => randomFill(buf, 0, "1" as unknown as number), {
    instanceOf: TypeError,
    message: /size must be a number/,
  });
});
