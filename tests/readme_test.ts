import { assertEquals } from "./assert.ts";
import { PYTRADER_DEFAULTS } from "../lib/config/mod.ts";
import { TABLES } from "../scripts/readme_tables.ts";

const readme = await Deno.readTextFile(new URL("../README.md", import.meta.url));

function section(name: string): string {
  const start = readme.indexOf(`<!-- ${name}:start -->`);
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`README.md has no ${name} section`);
  return readme.slice(start, end);
}

Deno.test("the README's config table names every [pytrader] setting with its default", () => {
  const table = section("config");
  const rows = table.split("\n").filter((l) => l.startsWith("|"));
  const missing: string[] = [];
  let current = "";
  const documented = new Map<string, string>();
  for (const row of rows.slice(2)) {
    const [sec, keys, defaults] = row.split("|").slice(1, 4).map((c) => c.trim());
    if (sec) current = sec.replace(/[`[\]]/g, "");
    const names = keys!.split(",").map((k) => k.trim().replace(/`/g, ""));
    const values = defaults!.split(",").map((v) => v.trim().replace(/`/g, ""));
    names.forEach((n, i) => documented.set(`${current}.${n}`, values[Math.min(i, values.length - 1)]!));
  }
  for (const { section: sec, entries } of [PYTRADER_DEFAULTS]) {
    for (const [key, value] of entries) {
      const doc = documented.get(`${sec}.${key}`);
      const expected = value === "" ? "(empty)" : value;
      if (doc !== expected) missing.push(`[${sec}] ${key} = ${expected} (README: ${doc ?? "missing"})`);
    }
  }
  assertEquals(missing, []);
});

/** The cells of the markdown table between `<!-- name:start -->` and `<!-- name:end -->`, header and rule dropped. */
function tableCells(name: string): string[][] {
  return section(name).split("\n").filter((l) => l.startsWith("|")).slice(2).map((row) =>
    row.split("|").slice(1, -1).map((c) => c.trim())
  );
}

Deno.test("the README's exchange and venue-settings tables are the venue descriptors' (deno task readme)", () => {
  for (const [name, t] of Object.entries(TABLES)) assertEquals(tableCells(name), t.rows(), name);
});
