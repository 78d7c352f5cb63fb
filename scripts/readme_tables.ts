/**
 * The README tables that come from the venue descriptors: the exchanges table and the venue sections of the
 * config table. `deno task readme` rewrites them in README.md (then formats it); tests/readme_test.ts fails
 * when they drift.
 */
import type { ConfigSection } from "../lib/core/mod.ts";
import { PAPER, VENUES } from "../exchanges/mod.ts";

/** Cells of the exchanges table: name, what works and how it is verified. */
export function exchangeRows(): string[][] {
  return VENUES.map((v) => [`\`${v.name}\``, v.summary]);
}

/** Cells of the venue-sections config table: section, key, default, meaning. */
export function venueConfigRows(): string[][] {
  const sections: readonly ConfigSection[] = [...VENUES, PAPER];
  return sections.flatMap((s) =>
    Object.entries(s.settings).map(([key, spec], i) => [
      i === 0 ? `\`[${s.name}]\`` : "",
      `\`${key}\``,
      spec.default === "" ? "(empty)" : `\`${spec.default}\``,
      spec.doc,
    ])
  );
}

export const TABLES = {
  exchanges: { head: ["name", "status"], rows: exchangeRows },
  "venue-config": { head: ["section", "key", "default", "meaning"], rows: venueConfigRows },
} as const;

function table(head: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** README text with every generated table replaced between its markers. */
export function rewrite(readme: string): string {
  let out = readme;
  for (const [name, t] of Object.entries(TABLES)) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const a = out.indexOf(start);
    const b = out.indexOf(end);
    if (a < 0 || b < a) throw new Error(`README.md has no ${name} markers`);
    out = `${out.slice(0, a + start.length)}\n\n${table(t.head, t.rows())}\n\n${out.slice(b)}`;
  }
  return out;
}

if (import.meta.main) {
  const path = new URL("../README.md", import.meta.url);
  await Deno.writeTextFile(path, rewrite(await Deno.readTextFile(path)));
  const fmt = await new Deno.Command(Deno.execPath(), { args: ["fmt", "-q", path.pathname] }).output();
  if (!fmt.success) throw new Error("Cannot format README.md");
}
