/**
 * OIDs, names and general names of `hazmat/x509`, checked against PyCA `cryptography` run in
 * python3 (`__test__/fixtures/pyca_x509_names.py`): OID tables and validation, RFC 4514
 * formatting and parsing, DER of names, IP address text and bytes, and every documented error.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import test from "ava";
import { ValueError } from "hazmat/exceptions";
import {
  _ASN1Type,
  DirectoryName,
  DNSName,
  GeneralName,
  generalNameFromModel,
  generalNameToModel,
  IPAddress,
  IPv4Address,
  IPv4Network,
  IPv6Address,
  IPv6Network,
  Name,
  NameAttribute,
  nameFromModel,
  nameToModel,
  OtherName,
  RegisteredID,
  RelativeDistinguishedName,
  RFC822Name,
  rdnFromModel,
  rdnToModel,
  UniformResourceIdentifier,
  UnsupportedGeneralNameType,
} from "hazmat/x509";
import * as oids from "hazmat/x509/oid";
import { NameOID, ObjectIdentifier } from "hazmat/x509/oid";

const ORACLE = path.join(__dirname, "fixtures", "pyca_x509_names.py");

type Answer =
  | {
      ok: true;
      rfc4514: string;
      der: string;
      length: number;
      rdns: [string, string, number][][];
      dotted: string;
      name: string;
      text: string;
      packed: string;
      tag: number;
      sets: Record<string, Record<string, string>>;
    }
  | { ok: false; error: string; valueError: boolean; message: string };

function askPyca(requests: readonly Record<string, unknown>[]): Answer[] {
  const result = spawnSync("python3", [ORACLE], {
    input: JSON.stringify(requests),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`pyca_x509_names.py failed: ${result.stderr || result.error?.message}`);
  }
  const answers = JSON.parse(result.stdout) as Answer[];
  if (answers.length !== requests.length) throw new Error("oracle answer count mismatch");
  return answers;
}

/** An attribute spec as the oracle takes it: [dotted oid, value (hex for tag 3), tag|null]. */
type AttrSpec = [string, string, number | null];

function buildName(rdns: AttrSpec[][]): Name {
  return new Name(
    rdns.map(
      (rdn) =>
        new RelativeDistinguishedName(
          rdn.map(([oid, value, tag]) =>
            tag === 3
              ? new NameAttribute(new ObjectIdentifier(oid), Buffer.from(value, "hex"), tag)
              : new NameAttribute(new ObjectIdentifier(oid), value, tag),
          ),
        ),
    ),
  );
}

function describeName(name: Name): [string, string, number][][] {
  return name.rdns.map((rdn) =>
    [...rdn].map((a): [string, string, number] => {
      const v = a.value;
      return [a.oid.dottedString, typeof v === "string" ? v : v.toString("hex"), a._type];
    }),
  );
}

// ------------------------------------------------------------------------------------ OIDs

const OID_SETS = [
  "NameOID",
  "ExtensionOID",
  "CRLEntryExtensionOID",
  "ExtendedKeyUsageOID",
  "SignatureAlgorithmOID",
  "PublicKeyAlgorithmOID",
  "AuthorityInformationAccessOID",
  "SubjectInformationAccessOID",
  "CertificatePoliciesOID",
  "AttributeOID",
  "OCSPExtensionOID",
  "OtherNameFormOID",
] as const;

test("every OID set has exactly PyCA's members, and every member PyCA's _name", (t) => {
  const [sets] = askPyca([{ op: "oid_sets", classes: OID_SETS }]);
  if (!sets?.ok) throw new Error("oracle failed");
  const expected = sets.sets;
  const names: Record<string, unknown>[] = [];
  for (const setName of OID_SETS) {
    const ours = (oids as unknown as Record<string, Record<string, ObjectIdentifier>>)[setName];
    if (ours === undefined) throw new Error(`missing ${setName}`);
    const mine = Object.fromEntries(Object.entries(ours).map(([k, v]) => [k, v.dottedString]));
    t.deepEqual(mine, expected[setName], setName);
    for (const o of Object.values(ours)) names.push({ op: "oid", dotted: o.dottedString });
  }
  const answers = askPyca(names);
  answers.forEach((answer, i) => {
    const dotted = names[i]?.dotted as string;
    t.true(answer.ok);
    if (answer.ok) t.is(new ObjectIdentifier(dotted)._name, answer.name, dotted);
  });
});

const OID_CASES = [
  "1.39",
  "2.999",
  "0.0",
  "01.2",
  "1.02",
  "2.5.4.3.18446744073709551616",
  "1",
  "3.1",
  "1.40",
  "0.40",
  "1.2.a",
  "",
  "1..2",
  "1.2.",
  ".1.2",
  "1.2.3 ",
  "1.-2",
  "1.2.340282366920938463463374607431768211456",
];

test("ObjectIdentifier accepts and rejects dotted strings as PyCA does", (t) => {
  const answers = askPyca(OID_CASES.map((dotted) => ({ op: "oid", dotted })));
  OID_CASES.forEach((dotted, i) => {
    const answer = answers[i];
    if (answer?.ok) {
      const o = new ObjectIdentifier(dotted);
      t.is(o.dottedString, answer.dotted, dotted);
      t.is(o._name, answer.name);
    } else {
      t.true(answer?.valueError, dotted);
      t.throws(() => new ObjectIdentifier(dotted), { instanceOf: ValueError }, dotted);
    }
  });
});

test("ObjectIdentifier: interned, usable as Map keys, equality, repr, wrong types", (t) => {
  const a = new ObjectIdentifier("2.5.4.3");
  t.is(a, NameOID.COMMON_NAME);
  t.is(new ObjectIdentifier("02.5.4.3"), a);
  const map = new Map([[a, "x"]]);
  t.is(map.get(new ObjectIdentifier("2.5.4.3")), "x");
  t.true(a.equals(NameOID.COMMON_NAME));
  t.false(a.equals(NameOID.COUNTRY_NAME));
  t.false(a.equals("2.5.4.3"));
  t.is(String(a), "<ObjectIdentifier(oid=2.5.4.3, name=commonName)>");
  t.is(String(new ObjectIdentifier("1.2.3")), "<ObjectIdentifier(oid=1.2.3, name=Unknown OID)>");
  t.true(Object.isFrozen(a));
  t.throws(() => new ObjectIdentifier(123 as unknown as string), { instanceOf: TypeError });
});

// ------------------------------------------------------------------------------- attributes

test("NameAttribute default string types match PyCA for every NameOID", (t) => {
  const requests = Object.values(NameOID).map((o) => ({
    op: "attr",
    oid: o.dottedString,
    value: "AB",
    tag: null,
  }));
  const answers = askPyca(requests);
  Object.values(NameOID).forEach((o, i) => {
    const answer = answers[i];
    if (!answer?.ok) throw new Error(`oracle refused ${o.dottedString}`);
    const attr = new NameAttribute(o, "AB");
    t.is(attr._type, answer.tag, o.dottedString);
    t.is(attr.rfc4514String(), answer.rfc4514);
  });
});

test("NameAttribute: PyCA's type and length checks", (t) => {
  t.throws(() => new NameAttribute("2.5.4.3" as unknown as ObjectIdentifier, "x"), {
    instanceOf: TypeError,
  });
  t.throws(() => new NameAttribute(NameOID.COMMON_NAME, Buffer.from("x")), {
    instanceOf: TypeError,
  });
  t.throws(() => new NameAttribute(NameOID.COMMON_NAME, Buffer.from("x"), _ASN1Type.BitString), {
    instanceOf: TypeError,
    message: /X500_UNIQUE_IDENTIFIER/,
  });
  t.throws(() => new NameAttribute(NameOID.X500_UNIQUE_IDENTIFIER, "x", _ASN1Type.BitString), {
    instanceOf: TypeError,
  });
  t.throws(() => new NameAttribute(NameOID.COMMON_NAME, "x", 99 as _ASN1Type), {
    instanceOf: TypeError,
  });
  for (const bad of ["U", "USA", ""]) {
    t.throws(() => new NameAttribute(NameOID.COUNTRY_NAME, bad), { instanceOf: ValueError });
    t.throws(() => new NameAttribute(NameOID.JURISDICTION_COUNTRY_NAME, bad), {
      instanceOf: ValueError,
    });
  }
  t.throws(() => new NameAttribute(NameOID.COMMON_NAME, ""), { instanceOf: ValueError });
  t.throws(() => new NameAttribute(NameOID.COMMON_NAME, "x".repeat(65)), {
    instanceOf: ValueError,
  });
  // 64 UTF-8 bytes is the limit, counted in bytes: 32 two-byte characters pass, 33 do not.
  t.notThrows(() => new NameAttribute(NameOID.COMMON_NAME, "é".repeat(32)));
  t.throws(() => new NameAttribute(NameOID.COMMON_NAME, "é".repeat(33)), {
    instanceOf: ValueError,
  });
  const bits = new NameAttribute(NameOID.X500_UNIQUE_IDENTIFIER, Buffer.from([1, 2]), 3);
  t.deepEqual(bits.value, Buffer.from([1, 2]));
  t.is(bits.rfc4514String(), "2.5.4.45=#0102");
  // Equality ignores the string type, as PyCA's __eq__ does.
  t.true(
    new NameAttribute(NameOID.COMMON_NAME, "a").equals(
      new NameAttribute(NameOID.COMMON_NAME, "a", _ASN1Type.PrintableString),
    ),
  );
  t.false(
    new NameAttribute(NameOID.COMMON_NAME, "a").equals(new NameAttribute(NameOID.TITLE, "a")),
  );
  t.is(NameOID.COMMON_NAME, new NameAttribute(NameOID.COMMON_NAME, "a").oid);
  t.is(new NameAttribute(NameOID.TITLE, "a").rfc4514AttributeName, "2.5.4.12");
});

// ------------------------------------------------------------------------- RFC 4514 and DER

const CN = NameOID.COMMON_NAME.dottedString;
const NAMES: AttrSpec[][][] = [
  [[["2.5.4.6", "US", null]], [["2.5.4.10", "Example, Inc.", null]], [[CN, "example.com", null]]],
  [[[CN, "#hash", null]], [[CN, " leading", null]], [[CN, "trailing ", null]]],
  [[[CN, " ", null]], [[CN, 'a\\b"c+d;e<f>g=h', null]], [[CN, "nul\u0000byte", null]]],
  [
    [
      [CN, "multi", null],
      ["2.5.4.10", "valued", null],
      ["0.9.2342.19200300.100.1.1", "u", null],
    ],
  ],
  [[["0.9.2342.19200300.100.1.25", "com", null]], [["1.2.840.113549.1.9.1", "a@b.c", null]]],
  [[["2.5.4.12", "ünïcödé ✓ 😀", null]], [["1.2.3.4.5", "custom oid", null]]],
  [[[CN, "printable", 19]], [["2.5.4.11", "bmp", 30]], [["2.5.4.7", "univ", 28]]],
  [[["2.5.4.8", "t61", 20]], [["2.5.4.5", "12345", 18]], [["2.5.4.9", "visible", 26]]],
  [[["2.5.4.45", "00ff10", 3]], [[CN, "ia5", 22]]],
  [],
];

test("rfc4514String, length and publicBytes match PyCA", (t) => {
  const answers = askPyca(NAMES.map((rdns) => ({ op: "name", rdns })));
  NAMES.forEach((rdns, i) => {
    const answer = answers[i];
    if (!answer?.ok) throw new Error(`oracle refused ${JSON.stringify(rdns)}: ${answer?.message}`);
    const name = buildName(rdns);
    t.is(name.rfc4514String(), answer.rfc4514);
    t.is(name.length, answer.length);
    t.is(name.publicBytes().toString("hex"), answer.der, answer.rfc4514);
  });
});

test("a lone UTF-16 surrogate cannot be encoded, in PyCA or here", (t) => {
  const rdns: AttrSpec[][] = [[[CN, "a\uDC00b", null]]];
  const [answer] = askPyca([{ op: "name", rdns }]);
  t.false(answer?.ok);
  if (answer?.ok === false) t.true(answer.valueError, answer.error);
  t.throws(() => buildName(rdns).publicBytes(), { instanceOf: ValueError, message: /surrogate/ });
  t.throws(() => nameToModel(buildName(rdns)), { instanceOf: ValueError });
});

test("large and hostile inputs end in a result or a ValueError", (t) => {
  const many = Array.from({ length: 30_000 }, (_, i) => `O=v${i}`).join("+");
  t.is(Name.fromRfc4514String(many).length, 30_000);
  const model = [
    Array.from({ length: 30_000 }, (_, i) => ({ oid: "2.5.4.10", tag: 12, value: `${i}` })),
  ];
  t.is(nameFromModel(model).length, 30_000);
  t.throws(() => nameFromModel([[...(model[0] ?? []), { oid: "2.5.4.10", tag: 19, value: "7" }]]), {
    instanceOf: ValueError,
    message: /duplicate/,
  });
  t.throws(() => new ObjectIdentifier(`1.2.${"9".repeat(1_000_000)}`), { instanceOf: ValueError });
  const error = t.throws(() => Name.fromRfc4514String(`O=${"\\20".repeat(50_000)}\\`), {
    instanceOf: ValueError,
  });
  t.true((error?.message.length ?? 0) < 200);
  t.throws(() => Name.fromRfc4514String(`${"x".repeat(100_000)}=y`), { instanceOf: ValueError });
});

test("rfc4514String with attrNameOverrides (Map or object)", (t) => {
  const name = buildName([[["1.2.840.113549.1.9.1", "a@b.c", null]], [[CN, "x", null]]]);
  const map = new Map([[NameOID.EMAIL_ADDRESS, "E"]]);
  t.is(name.rfc4514String(map), "CN=x,E=a@b.c");
  t.is(name.rfc4514String({ "2.5.4.3": "commonName" }), "commonName=x,1.2.840.113549.1.9.1=a@b.c");
  t.throws(() => name.rfc4514String("x" as never), { instanceOf: TypeError });
});

const PARSE_CASES = [
  "CN=example.com,O=Example\\, Inc.,C=US",
  "CN=a+O=b,C=US",
  "CN=\\#hash,OU=\\ lead,L=trail\\ ",
  "CN=\\41\\42,O=\\c3\\bc",
  "CN=#616263",
  "1.2.3.4=value,2.5.4.3=x",
  "DC=example,DC=com,UID=jsmith",
  "STREET=1 Main,ST=CA",
  "CN=",
  "CN=a=b",
  "",
  "CN=\\zz",
  "CN=\\c3",
  "CN=#zz",
  "CN=#6",
  "FOO=bar",
  "CN",
  "CN=a,",
  ",CN=a",
  "CN=a;O=b",
  "C=USA",
  "CN=x\\",
  'CN=a"b',
  "CN=a\u00e9b",
  "CN=😀",
  "CN=\\+\\;\\<\\>\\=\\\\",
  "0.9.2342.19200300.100.1.1=x+CN=y",
  "CN=a+CN=a",
  "CN=a+",
  "emailAddress=x@y",
];

test("Name.fromRfc4514String parses and rejects as PyCA does", (t) => {
  const answers = askPyca(PARSE_CASES.map((data) => ({ op: "parse", data, overrides: null })));
  PARSE_CASES.forEach((data, i) => {
    const answer = answers[i];
    if (answer?.ok) {
      const name = Name.fromRfc4514String(data);
      t.deepEqual(describeName(name), answer.rdns, data);
      t.is(name.rfc4514String(), answer.rfc4514);
    } else {
      t.true(answer?.valueError, data);
      t.throws(() => Name.fromRfc4514String(data), { instanceOf: ValueError }, data);
    }
  });
});

test("fromRfc4514String with attrNameOverrides, and wrong types", (t) => {
  const data = "E=a@b.c,CN=x";
  const [answer] = askPyca([{ op: "parse", data, overrides: { E: "1.2.840.113549.1.9.1" } }]);
  if (!answer?.ok) throw new Error("oracle refused");
  const viaMap = Name.fromRfc4514String(data, new Map([["E", NameOID.EMAIL_ADDRESS]]));
  const viaObject = Name.fromRfc4514String(data, { E: NameOID.EMAIL_ADDRESS });
  t.deepEqual(describeName(viaMap), answer.rdns);
  t.true(viaObject.equals(viaMap));
  t.throws(() => Name.fromRfc4514String(data), { instanceOf: ValueError });
  t.throws(() => Name.fromRfc4514String(data, { E: "1.2.3" as never }), { instanceOf: TypeError });
  t.throws(() => Name.fromRfc4514String(Buffer.from("CN=x") as never), { instanceOf: TypeError });
});

test("formatting then parsing gives the same name back", (t) => {
  for (const rdns of NAMES.slice(0, 6)) {
    const name = buildName(rdns);
    t.true(Name.fromRfc4514String(name.rfc4514String()).equals(name), name.rfc4514String());
  }
});

// --------------------------------------------------------------------------- RDNs and Names

test("RelativeDistinguishedName: empty, duplicates, types, set equality", (t) => {
  const a = new NameAttribute(NameOID.COMMON_NAME, "a");
  const b = new NameAttribute(NameOID.ORGANIZATION_NAME, "b");
  t.throws(() => new RelativeDistinguishedName([]), { instanceOf: ValueError });
  t.throws(() => new RelativeDistinguishedName([a, new NameAttribute(NameOID.COMMON_NAME, "a")]), {
    instanceOf: ValueError,
  });
  t.throws(() => new RelativeDistinguishedName(["CN=a"] as never), { instanceOf: TypeError });
  t.throws(() => new RelativeDistinguishedName(a as never), { instanceOf: TypeError });
  const rdn = new RelativeDistinguishedName([a, b]);
  t.is(rdn.length, 2);
  t.deepEqual([...rdn], [a, b]);
  t.true(rdn.equals(new RelativeDistinguishedName([b, a])));
  t.false(rdn.equals(new RelativeDistinguishedName([a])));
  t.deepEqual(rdn.getAttributesForOid(NameOID.ORGANIZATION_NAME), [b]);
  t.is(rdn.rfc4514String(), "CN=a+O=b");
  t.is(String(rdn), "<RelativeDistinguishedName(CN=a+O=b)>");
});

test("Name: attributes or RDNs, not a mix; iteration, rdns, equality", (t) => {
  const a = new NameAttribute(NameOID.COMMON_NAME, "a");
  const b = new NameAttribute(NameOID.ORGANIZATION_NAME, "b");
  const rdn = new RelativeDistinguishedName([a, b]);
  t.throws(() => new Name([a, rdn] as never), { instanceOf: TypeError });
  t.throws(() => new Name("CN=a" as never), { instanceOf: TypeError });
  const name = new Name([rdn, new RelativeDistinguishedName([b])]);
  t.is(name.length, 3);
  t.is(name.rdns.length, 2);
  t.deepEqual([...name], [a, b, b]);
  t.deepEqual(name.getAttributesForOid(NameOID.ORGANIZATION_NAME), [b, b]);
  t.true(new Name([a, b]).equals(new Name([a, b])));
  t.false(new Name([a, b]).equals(new Name([b, a])));
  t.false(new Name([a, b]).equals(new Name([rdn])));
  t.is(new Name([]).length, 0);
  t.is(new Name([]).rfc4514String(), "");
  t.is(String(new Name([a, b])), "<Name(O=b,CN=a)>");
});

test("name model round trips, and malformed models are ValueErrors", (t) => {
  for (const rdns of NAMES) {
    const name = buildName(rdns);
    const model = nameToModel(name);
    const back = nameFromModel(model);
    t.true(back.equals(name));
    t.deepEqual(describeName(back), describeName(name));
  }
  const rdn = new RelativeDistinguishedName([new NameAttribute(NameOID.COMMON_NAME, "x")]);
  t.true(rdnFromModel(rdnToModel(rdn)).equals(rdn));
  // Parsed names skip PyCA's length checks (PyCA only warns for them).
  t.is(nameFromModel([[{ oid: "2.5.4.6", tag: 19, value: "USA" }]]).rfc4514String(), "C=USA");
  t.throws(() => nameFromModel([[{ oid: "2.5.4.3", tag: 99, value: "x" }]]), {
    instanceOf: ValueError,
  });
  t.throws(() => nameFromModel([[{ oid: "1", tag: 12, value: "x" }]]), { instanceOf: ValueError });
  t.throws(() => nameFromModel([[{ oid: "2.5.4.45", tag: 3, value: "zz" }]]), {
    instanceOf: ValueError,
  });
  t.throws(() => nameFromModel([[]]), { instanceOf: ValueError });
  t.throws(() => nameFromModel("x" as never), { instanceOf: ValueError });
});

// --------------------------------------------------------------------------- general names

const IP_CASES: [string, boolean][] = [
  ["192.0.2.1", false],
  ["0.0.0.0", false],
  ["255.255.255.255", false],
  ["2001:db8::1", false],
  ["2001:DB8:0:0:1:0:0:1", false],
  ["::", false],
  ["::1", false],
  ["1::", false],
  ["1:0:1:1:1:1:1:1", false],
  ["::ffff:192.0.2.1", false],
  ["1:2:3:4:5:6:1.2.3.4", false],
  ["1.2.3", false],
  ["01.2.3.4", false],
  ["256.1.1.1", false],
  ["1:2:3:4:5:6:7:8:9", false],
  ["10.0.0.0/8", true],
  ["192.0.2.0/24", true],
  ["192.0.2.1", true],
  ["0.0.0.0/0", true],
  ["10.0.0.1/8", true],
  ["10.0.0.0/33", true],
  ["10.0.0.0/255.0.0.0", true],
  ["10.0.0.0/255.0.255.0", true],
  ["10.0.0.0/8.0", true],
  ["2001:db8::/32", true],
  ["2001:db8::1/128", true],
  ["2001:db8::1/64", true],
  ["::/0", true],
];

test("IP address and network classes match Python's ipaddress", (t) => {
  const answers = askPyca(IP_CASES.map(([text, network]) => ({ op: "ip", text, network })));
  IP_CASES.forEach(([text, network], i) => {
    const answer = answers[i];
    const make = () => {
      if (network) return text.includes(":") ? new IPv6Network(text) : new IPv4Network(text);
      return text.includes(":") ? new IPv6Address(text) : new IPv4Address(text);
    };
    if (!answer?.ok) {
      t.throws(make, { instanceOf: ValueError }, text);
      return;
    }
    const value = make();
    t.is(value.toString(), answer.text, text);
    t.is(new IPAddress(value)._packed().toString("hex"), answer.packed, text);
  });
});

test("IP classes: equality, properties, wrong types", (t) => {
  t.true(new IPv4Address("192.0.2.1").equals(new IPv4Address("192.0.2.1")));
  t.false(new IPv4Address("192.0.2.1").equals(new IPv4Network("192.0.2.1/32")));
  t.true(new IPv6Address("::1").equals(new IPv6Address("0:0::0:1")));
  t.deepEqual(new IPv4Address("1.2.3.4").packed, Buffer.from([1, 2, 3, 4]));
  const net = new IPv4Network("10.0.0.0/8");
  t.is(net.prefixlen, 8);
  t.is(net.netmask.toString(), "255.0.0.0");
  t.is(net.networkAddress.toString(), "10.0.0.0");
  t.is(new IPv6Network("2001:db8::/32").version, 6);
  t.throws(() => new IPv4Address(0x01020304 as never), { instanceOf: TypeError });
  t.throws(() => new IPv4Address("::1"), { instanceOf: ValueError });
  t.throws(() => new IPv6Address("1.2.3.4"), { instanceOf: ValueError });
});

test("general names: PyCA's checks", (t) => {
  for (const Cls of [DNSName, UniformResourceIdentifier, RFC822Name]) {
    t.throws(() => new Cls(Buffer.from("a") as never), { instanceOf: TypeError });
    t.throws(() => new Cls("bücher.example"), { instanceOf: ValueError, message: /A-label/ });
  }
  t.is(new DNSName("xn--bcher-kva.example").value, "xn--bcher-kva.example");
  t.is(new DNSName("").value, "");
  for (const bad of ["", "Name <a@b.c>", "a@b.c (comment)", "@"]) {
    t.throws(() => new RFC822Name(bad), { instanceOf: ValueError }, bad);
  }
  t.is(new RFC822Name("<a@b.c>").value, "<a@b.c>");
  t.is(new RFC822Name("user@example.com").value, "user@example.com");
  t.throws(() => new DirectoryName("CN=x" as never), { instanceOf: TypeError });
  t.throws(() => new RegisteredID("1.2.3" as never), { instanceOf: TypeError });
  t.throws(() => new IPAddress("192.0.2.1" as never), { instanceOf: TypeError });
  t.throws(() => new OtherName("1.2.3" as never, Buffer.alloc(0)), { instanceOf: TypeError });
  t.throws(() => new OtherName(new ObjectIdentifier("1.2.3"), "x" as never), {
    instanceOf: TypeError,
  });
});

const RFC822_CASES = [
  "",
  " ",
  "@",
  "a b",
  "a,b",
  '"q"@x',
  "<a@b.c>",
  "Name <a@b.c>",
  "a@b.c (comment)",
  "(c)",
  "a@b.c ()",
  "x <y>",
  "<>",
  "a@",
  "@b",
  "a <b> c",
  '"N" <a@b>',
  "a@b@c",
  "<a@b> x",
  "x<a@b>",
  "a(x)@b",
  '"a b"@c',
  "user@example.com",
];

test("RFC822Name accepts and rejects the addresses PyCA does", (t) => {
  const answers = askPyca(RFC822_CASES.map((value) => ({ op: "rfc822", value })));
  RFC822_CASES.forEach((value, i) => {
    if (answers[i]?.ok) {
      t.is(new RFC822Name(value).value, value);
    } else {
      t.true(answers[i]?.valueError, value);
      t.throws(() => new RFC822Name(value), { instanceOf: ValueError }, value);
    }
  });
});

test("general names: equality is by class and value", (t) => {
  t.true(new DNSName("a").equals(new DNSName("a")));
  t.false(new DNSName("a").equals(new UniformResourceIdentifier("a")));
  t.false(new DNSName("a").equals(new DNSName("b")));
  t.true(
    new RegisteredID(NameOID.TITLE).equals(new RegisteredID(new ObjectIdentifier("2.5.4.12"))),
  );
  const name = Name.fromRfc4514String("CN=x");
  t.true(new DirectoryName(name).equals(new DirectoryName(Name.fromRfc4514String("CN=x"))));
  const oid = new ObjectIdentifier("1.2.3");
  t.true(new OtherName(oid, Buffer.from([5, 0])).equals(new OtherName(oid, Buffer.from([5, 0]))));
  t.false(new OtherName(oid, Buffer.from([5, 0])).equals(new OtherName(oid, Buffer.from([4, 0]))));
  t.true(
    new IPAddress(new IPv4Address("1.2.3.4")).equals(new IPAddress(new IPv4Address("1.2.3.4"))),
  );
  t.true(new DNSName("a") instanceof GeneralName);
  t.is(String(new DNSName("a")), "<DNSName(value='a')>");
});

test("general name model round trips, and malformed models", (t) => {
  const names: GeneralName[] = [
    new DNSName("example.com"),
    new RFC822Name("a@example.com"),
    new UniformResourceIdentifier("https://example.com/x"),
    new IPAddress(new IPv4Address("192.0.2.1")),
    new IPAddress(new IPv6Address("2001:db8::1")),
    new IPAddress(new IPv4Network("10.0.0.0/8")),
    new IPAddress(new IPv6Network("2001:db8::/32")),
    new DirectoryName(Name.fromRfc4514String("CN=x,O=y")),
    new RegisteredID(new ObjectIdentifier("1.2.3.4")),
    new OtherName(new ObjectIdentifier("1.3.6.1.5.5.7.8.3"), Buffer.from("0c0161", "hex")),
  ];
  for (const name of names) {
    const model = generalNameToModel(name);
    t.true(generalNameFromModel(model).equals(name), String(name));
  }
  t.deepEqual(generalNameToModel(names[5] as GeneralName), {
    type: "ip",
    value: "0a000000ff000000",
  });
  // Parsed text is kept as decoded, even where the constructor would refuse it.
  t.is(generalNameFromModel({ type: "dns", value: "bücher" }).value, "bücher");
  t.throws(() => generalNameFromModel({ type: "ip", value: "0102" }), { instanceOf: ValueError });
  t.throws(() => generalNameFromModel({ type: "ip", value: "0a000000ff00ff00" }), {
    instanceOf: ValueError,
  });
  t.throws(() => generalNameFromModel({ type: "ip", value: "0a000001ff000000" }), {
    instanceOf: ValueError,
  });
  t.throws(() => generalNameFromModel({ type: "ip", value: "zz" }), { instanceOf: ValueError });
  t.throws(() => generalNameFromModel({ type: "rid", value: "9.9" }), { instanceOf: ValueError });
  t.throws(() => generalNameFromModel({ type: "x400" } as never), {
    instanceOf: UnsupportedGeneralNameType,
  });
  t.throws(() => generalNameToModel("example.com" as never), { instanceOf: TypeError });
});
