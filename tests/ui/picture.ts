import type { Line, Role } from "../../lib/ui/style.ts";

/** Line text with the cells of some roles drawn as a letter (candle bodies and bars are coloured blanks). */
export function picture(lines: readonly Line[], letters: Partial<Record<Role, string>>): string[] {
  return lines.map((l) =>
    l.map((sp) => {
      const ch = letters[sp.role];
      return ch === undefined ? sp.text : ch.repeat(sp.text.length);
    }).join("").trimEnd()
  );
}

/** The role of the cell at column x of a line. */
export function roleAt(line: Line, x: number): Role | undefined {
  let n = 0;
  for (const sp of line) {
    if (x < n + sp.text.length) return sp.role;
    n += sp.text.length;
  }
  return undefined;
}
