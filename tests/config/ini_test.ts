import assert from "node:assert/strict";
import { ConfigError } from "../../lib/core/errors.ts";
import {
  addMissing,
  getValue,
  keys,
  lineOf,
  parseIni,
  sections,
  serializeIni,
  setValue,
} from "../../lib/config/ini.ts";

const HAND_WRITTEN = [
  "\uFEFF; my settings\r\n",
  "# hash comment\r\n",
  "\r\n",
  "[pytrader]\r\n",
  "exchange=kraken\r\n",
  "   pair   =   ETH/BTC   \r\n",
  "my_own_key = keep me\r\n",
  'quoted = "a ; b"\r\n',
  "\r\n",
  "  [strategy.x]  ; inline comment after a header\r\n",
  "threshold = 0.5\r\n",
  "empty =\r\n",
  "\t\r\n",
  "[unknown]\r\n",
  "k = v = w",
].join("");

Deno.test("parse -> serialize round-trips a hand-written file byte for byte", () => {
  for (
    const text of [
      HAND_WRITTEN,
      HAND_WRITTEN.replaceAll("\r\n", "\n"),
      HAND_WRITTEN + "\n",
      "",
      "\n",
      "\r\n\r\n",
      "; only a comment",
      "[a]\nx = 1\r\ny = 2\n",
    ]
  ) {
    assert.equal(serializeIni(parseIni(text, "t.ini")), text);
  }
});

Deno.test("values, keys, sections and lines read as written", () => {
  const doc = parseIni(HAND_WRITTEN, "t.ini");
  assert.deepEqual(sections(doc), ["pytrader", "strategy.x", "unknown"]);
  assert.deepEqual(keys(doc, "pytrader"), ["exchange", "pair", "my_own_key", "quoted"]);
  assert.deepEqual(keys(doc, "nope"), []);
  assert.equal(getValue(doc, "pytrader", "exchange"), "kraken");
  assert.equal(getValue(doc, "pytrader", "pair"), "ETH/BTC");
  assert.equal(getValue(doc, "pytrader", "quoted"), '"a ; b"');
  assert.equal(getValue(doc, "strategy.x", "empty"), "");
  assert.equal(getValue(doc, "unknown", "k"), "v = w");
  assert.equal(getValue(doc, "pytrader", "threshold"), undefined);
  assert.equal(lineOf(doc, "pytrader", "exchange"), 5);
  assert.equal(lineOf(doc, "unknown", "k"), 15);
  assert.equal(lineOf(doc, "pytrader", "missing"), undefined);
});

Deno.test("setValue changes exactly one line and keeps its formatting", () => {
  const doc = parseIni(HAND_WRITTEN, "t.ini");
  const before = serializeIni(doc).split("\n");
  const after = serializeIni(setValue(doc, "pytrader", "pair", "XMR/BTC")).split("\n");
  assert.equal(after.length, before.length);
  const changed = after.flatMap((l, i) => l === before[i] ? [] : [i]);
  assert.deepEqual(changed, [5]);
  assert.equal(after[5], "   pair   =   XMR/BTC   \r");
  assert.equal(getValue(doc, "pytrader", "pair"), "ETH/BTC", "the original document is unchanged");

  const tight = serializeIni(setValue(doc, "pytrader", "exchange", "sim"));
  assert.equal(tight, HAND_WRITTEN.replace("exchange=kraken", "exchange=sim"));
});

Deno.test("setValue of the current value returns the same document", () => {
  const doc = parseIni(HAND_WRITTEN, "t.ini");
  assert.equal(setValue(doc, "pytrader", "exchange", "kraken"), doc);
});

Deno.test("setValue on an empty value writes `key = value` and back to `key =`", () => {
  const doc = parseIni("[a]\nx =\ny=\nz = \n", "t.ini");
  const set = setValue(setValue(setValue(doc, "a", "x", "1"), "a", "y", "2"), "a", "z", "3");
  assert.equal(serializeIni(set), "[a]\nx = 1\ny=2\nz = 3\n");
  assert.equal(serializeIni(setValue(set, "a", "x", "")), "[a]\nx =\ny=2\nz = 3\n");
});

Deno.test("a new key goes after the last key of its section, with the file's line ending", () => {
  const text = "[a]\r\nx = 1\r\n; about b\r\n\r\n[b]\r\ny = 2\r\n";
  const doc = setValue(parseIni(text, "t.ini"), "a", "new", "v");
  assert.equal(serializeIni(doc), "[a]\r\nx = 1\r\nnew = v\r\n; about b\r\n\r\n[b]\r\ny = 2\r\n");
  assert.equal(lineOf(doc, "a", "new"), 3);
  assert.equal(lineOf(doc, "b", "y"), 7);

  const empty = setValue(parseIni("[a]\n; nothing yet\n", "t.ini"), "a", "k", "v");
  assert.equal(serializeIni(empty), "[a]\nk = v\n; nothing yet\n");
});

Deno.test("a new section is appended after a blank line; a missing final newline stays missing", () => {
  assert.equal(
    serializeIni(setValue(parseIni("[a]\nx = 1\n", "t.ini"), "b", "y", "2")),
    "[a]\nx = 1\n\n[b]\ny = 2\n",
  );
  assert.equal(
    serializeIni(setValue(parseIni("[a]\nx = 1", "t.ini"), "b", "y", "2")),
    "[a]\nx = 1\n\n[b]\ny = 2",
  );
  assert.equal(serializeIni(setValue(parseIni("[a]\nx = 1", "t.ini"), "a", "y", "2")), "[a]\nx = 1\ny = 2");
  assert.equal(serializeIni(setValue(parseIni("[a]\n\n", "t.ini"), "b", "y", "2")), "[a]\n\n[b]\ny = 2\n");
  assert.equal(serializeIni(setValue(parseIni("", "t.ini"), "b", "y", "2")), "[b]\ny = 2\n");
});

Deno.test("addMissing adds only absent keys, in order", () => {
  const doc = parseIni("[s]\nb = mine\n", "t.ini");
  const out = addMissing(doc, "s", [["a", "1"], ["b", "2"], ["c", "3"]]);
  assert.equal(serializeIni(out), "[s]\nb = mine\na = 1\nc = 3\n");
  assert.equal(addMissing(out, "s", [["a", "9"]]), out);
});

Deno.test("setValue refuses text that could not be read back", () => {
  const doc = parseIni("[a]\n", "t.ini");
  assert.throws(() => setValue(doc, "a", "k", "two\nlines"), TypeError);
  assert.throws(() => setValue(doc, "a", "k", " padded"), TypeError);
  assert.throws(() => setValue(doc, "a", "k=v", "x"), TypeError);
  assert.throws(() => setValue(doc, "a", "", "x"), TypeError);
  assert.throws(() => setValue(doc, "a", ";k", "x"), TypeError);
  assert.throws(() => setValue(doc, "a]", "k", "x"), TypeError);
});

Deno.test("syntax errors name the file and the 1-based line", () => {
  const cases: Array<[string, number, string]> = [
    ["; c\n\n[a]\nx = 1\n[pytrader\n", 5, 'Cannot read my.ini line 5: "[pytrader" has no closing "]"'],
    [
      "[a]\ngarbage without equals\n",
      2,
      'Cannot read my.ini line 2: expected "key = value", a [section] or a ; comment, got "garbage without equals"',
    ],
    ["[a]\n = value\n", 2, 'Cannot read my.ini line 2: missing key before "=" in "= value"'],
    ["; c\nexchange = sim\n[a]\n", 2, "Cannot read my.ini line 2: exchange is set before any [section]"],
    ["[a]\nx = 1\ny = 2\nx = 3\n", 4, "Cannot read my.ini line 4: [a] x is already set on line 2"],
    ["[a]\n[b]\r\n[a]\r\n", 3, "Cannot read my.ini line 3: [a] already starts on line 1"],
    ["[a]\n[ ]\n", 2, 'Cannot read my.ini line 2: "[ ]" is not a valid [section] name'],
    ["[a] junk\n", 1, 'Cannot read my.ini line 1: unexpected text after "]" in "[a] junk"'],
  ];
  for (const [text, line, message] of cases) {
    const e = thrown(() => parseIni(text, "my.ini"));
    assert.ok(e instanceof ConfigError, text);
    assert.equal(e.message, message);
    assert.equal(e.file, "my.ini");
    assert.equal(e.line, line);
  }
});

Deno.test("a duplicate key in another section is fine", () => {
  const doc = parseIni("[a]\nx = 1\n[b]\nx = 2\n", "t.ini");
  assert.equal(getValue(doc, "b", "x"), "2");
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error");
}
