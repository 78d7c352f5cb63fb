/** The renderer's output on a real terminal emulator (@xterm/headless): what changed is written, nothing else. */

import xterm from "@xterm/headless";
import { assert, assertEquals } from "../assert.ts";
import { palette } from "../../lib/ui/blessed/palette.ts";
import { Renderer } from "../../lib/ui/blessed/renderer.ts";
import { type Line, lineText, type Role } from "../../lib/ui/style.ts";

const W = 30;
const H = 6;
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
/** The cursor moves (CSI row;col H) in some output, without the ESC. */
const cursorMoves = (out: string) =>
  out.split("\x1b").filter((p) => /^\[\d+;\d+H/.test(p)).map((p) => /^\[\d+;\d+H/.exec(p)![0]);

function terminal(): {
  write(b: Uint8Array): Promise<void>;
  rows(): string[];
  fg(x: number, y: number): number;
} {
  const term = new xterm.Terminal({ cols: W, rows: H, allowProposedApi: true });
  const buf = () => term.buffer.active;
  return {
    write: (b) => new Promise<void>((r) => term.write(b, r)),
    rows: () => Array.from({ length: H }, (_, y) => buf().getLine(y)!.translateToString(false)),
    fg: (x, y) => {
      const cell = buf().getLine(y)!.getCell(x)!;
      return cell.isFgDefault() ? -1 : cell.getFgColor();
    },
  };
}

/** A screen of H rows of W cells from row texts, in one role per row (or the given spans). */
function frame(rows: Array<string | Line>, role: Role = "text"): Line[] {
  return rows.map((r) => typeof r === "string" ? [{ text: r.padEnd(W).slice(0, W), role }] : r);
}

const COLOURS = palette(true);

/** The foreground of every cell of a line as the palette gives it (-1: the terminal's default). */
function expectedColours(line: Line): number[] {
  const out: number[] = [];
  for (const sp of line) {
    const fg = (COLOURS[sp.role] >> 9) & 0x1ff;
    for (let i = 0; i < sp.text.length; i++) out.push(fg === 0x1ff ? -1 : fg);
  }
  return out;
}

function colours(t: ReturnType<typeof terminal>): number[][] {
  return Array.from({ length: H }, (_, y) => Array.from({ length: W }, (_, x) => t.fg(x, y)));
}

const BASE = ["first row", "second row", "│ box ─ chars ┼", "", "fourth", "last row"];

Deno.test("renderer: the first frame writes every cell; the terminal shows exactly the lines", async () => {
  const t = terminal();
  const r = new Renderer(palette(true));
  const lines = frame(BASE);
  await t.write(r.frame(lines, W, H));
  assertEquals(t.rows(), lines.map(lineText));
});

Deno.test("renderer: an unchanged frame writes nothing, also when its lines are new objects", () => {
  const r = new Renderer(palette(true));
  r.frame(frame(BASE), W, H);
  const same = frame(BASE);
  assertEquals(r.frame(same, W, H).length, 0);
  assertEquals(r.frame(frame(BASE), W, H).length, 0);
  // The same cells split into spans differently are the same cells: nothing to write either.
  const split = frame(BASE);
  split[0] = [{ text: "first", role: "text" }, { text: " row".padEnd(W - 5), role: "text" }];
  assertEquals(r.frame(split, W, H).length, 0);
});

Deno.test("renderer: a change in one row writes that row only, from its first to its last changed cell", async () => {
  const t = terminal();
  const r = new Renderer(palette(true));
  await t.write(r.frame(frame(BASE), W, H));
  const next = frame(BASE);
  next[4] = frame(["fourth, then more"])[0]!;
  const out = decode(r.frame(next, W, H));
  // Row 5 (1-based), column 7: "fourth" stays, ", then more" is new.
  assert(out.startsWith("\x1b[5;7H"), JSON.stringify(out));
  assertEquals(cursorMoves(out).length, 1, "one cursor move: one row written");
  assert(out.includes(", then more") && !out.includes("fourth"), JSON.stringify(out));
  await t.write(new TextEncoder().encode(out));
  assertEquals(t.rows(), next.map(lineText));
});

Deno.test("renderer: a colour change alone is written and shows", async () => {
  const t = terminal();
  const r = new Renderer(palette(true));
  await t.write(r.frame(frame(BASE), W, H));
  const next = frame(BASE);
  next[1] = [{ text: "second", role: "book_bid" }, { text: " row".padEnd(W - 6), role: "text" }];
  const out = decode(r.frame(next, W, H));
  assert(out.startsWith("\x1b[2;1H"), JSON.stringify(out));
  await t.write(new TextEncoder().encode(out));
  assertEquals(t.rows(), next.map(lineText));
  assertEquals(t.fg(0, 1), 2, "green");
  assertEquals(t.fg(7, 1), -1, "the rest of the row keeps the default colour");
});

Deno.test("renderer: after forget (the terminal was cleared) every row is written again", async () => {
  const r = new Renderer(palette(true));
  r.frame(frame(BASE), W, H);
  r.forget();
  const t = terminal();
  const out = r.frame(frame(BASE), W, H);
  assertEquals(cursorMoves(decode(out)).filter((m) => m.endsWith(";1H")).length, H);
  await t.write(out);
  assertEquals(t.rows(), frame(BASE).map(lineText));
});

Deno.test("renderer: any sequence of frames leaves the terminal showing the last one", async () => {
  const t = terminal();
  const r = new Renderer(palette(true));
  const roles: Role[] = ["text", "book_bid", "book_ask", "chart_up_body", "status_value"];
  const chars = "ab │─┼░█0123456789.";
  let seed = 7;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  let rows: Line[] = frame(BASE);
  for (let step = 0; step < 200; step++) {
    rows = rows.map((line) => {
      if (rand(3) !== 0) return line;
      const spans = [];
      for (let x = 0; x < W;) {
        const n = Math.min(1 + rand(8), W - x);
        let text = "";
        for (let i = 0; i < n; i++) text += chars[rand(chars.length)];
        spans.push({ text, role: roles[rand(roles.length)]! });
        x += n;
      }
      return spans;
    });
    await t.write(r.frame(rows, W, H));
    assertEquals(t.rows(), rows.map(lineText), `after frame ${step}`);
    assertEquals(colours(t), rows.map(expectedColours), `colours after frame ${step}`);
  }
});
