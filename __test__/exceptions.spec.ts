import test from "ava";
import {
  _Reasons,
  AlreadyFinalized,
  AlreadyUpdated,
  HazmatError,
  InternalError,
  InvalidKey,
  InvalidSignature,
  InvalidTag,
  NotYetFinalized,
  UnsupportedAlgorithm,
  ValueError,
} from "hazmat/exceptions";

const classes = [
  [InvalidSignature, "ERR_HAZMAT_INVALID_SIGNATURE"],
  [InvalidTag, "ERR_HAZMAT_INVALID_TAG"],
  [InvalidKey, "ERR_HAZMAT_INVALID_KEY"],
  [AlreadyFinalized, "ERR_HAZMAT_ALREADY_FINALIZED"],
  [AlreadyUpdated, "ERR_HAZMAT_ALREADY_UPDATED"],
  [NotYetFinalized, "ERR_HAZMAT_NOT_YET_FINALIZED"],
  [ValueError, "ERR_HAZMAT_VALUE"],
  [InternalError, "ERR_HAZMAT_INTERNAL"],
  [UnsupportedAlgorithm, "ERR_HAZMAT_UNSUPPORTED_ALGORITHM"],
] as const;

for (const [ErrorClass, code] of classes) {
  test(`${ErrorClass.name} has code ${code}, its own name, and a stack`, (t) => {
    const error = new ErrorClass("what was wrong");
    t.true(error instanceof Error);
    t.true(error instanceof HazmatError);
    t.is(error.code, code);
    t.is(error.name, ErrorClass.name);
    t.is(error.message, "what was wrong");
    t.regex(String(error.stack), new RegExp(`^${ErrorClass.name}: what was wrong`));
  });
}

test("codes are unique", (t) => {
  t.is(new Set(classes.map(([, code]) => code)).size, classes.length);
});

test("UnsupportedAlgorithm carries PyCA's reason", (t) => {
  const error = new UnsupportedAlgorithm("no such hash", _Reasons.UNSUPPORTED_HASH);
  t.is(error.reason, _Reasons.UNSUPPORTED_HASH);
  t.is(new UnsupportedAlgorithm("x").reason, null);
});

test("InternalError carries OpenSSL's error queue", (t) => {
  const error = new InternalError("RAND_bytes failed", [
    { lib: "osrandom_engine", reasonText: "getrandom() syscall failed." },
  ]);
  t.is(error.errCode[0]?.lib, "osrandom_engine");
  t.deepEqual(new InternalError("x").errCode, []);
});
