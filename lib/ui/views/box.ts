/** Dialog boxes: bordered lines placed over the screen. */

import { blank, fit, type Line, overlay, type Role } from "../style.ts";

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly lines: Line[];
}

/** A line of `width` cells in `role` with `parts` placed at their columns (cut at the width). */
export function place(width: number, role: Role, parts: ReadonlyArray<readonly [number, Line]>): Line {
  let line = blank(width, role);
  for (const [x, part] of parts) {
    if (x < width) line = overlay(line, x, fit(part, Math.min(lineWidthOf(part), width - x), role));
  }
  return line;
}

function lineWidthOf(l: Line): number {
  return l.reduce((n, s) => n + s.text.length, 0);
}

/**
 * A bordered box `width` wide: the top border with `title` at column 1 (as the original's dialogs), then
 * `body` rows between side borders, then the bottom border. Body rows are cut or padded to the inside.
 */
export function bordered(width: number, role: Role, title: string, body: readonly Line[]): Line[] {
  const inner = Math.max(width - 2, 0);
  const top = place(width, role, [[0, [{ text: "┌" + "─".repeat(inner) + "┐", role }]], [1, [{
    text: title,
    role,
  }]]]);
  const side: Line = [{ text: "│", role }];
  const rows = body.map((l) => [...side, ...fit(l, inner, role), ...side]);
  return [top, ...rows, [{ text: "└" + "─".repeat(inner) + "┘", role }]].map((l) => fit(l, width, role));
}

/** A box of `w` × `h` centred on a screen of `width` × `height`. */
export function centred(lines: Line[], w: number, width: number, height: number): Box {
  return {
    x: Math.max(Math.floor((width - w) / 2), 0),
    y: Math.max(Math.floor((height - lines.length) / 2), 0),
    lines,
  };
}

/** Draws a box over screen lines (each exactly the screen width); what falls off the screen is cut. */
export function drawBox(screen: Line[], box: Box): void {
  box.lines.forEach((l, i) => {
    const y = box.y + i;
    if (y >= screen.length) return;
    const room = lineWidthOf(screen[y]!) - box.x;
    if (room > 0) screen[y] = overlay(screen[y]!, box.x, fit(l, Math.min(lineWidthOf(l), room)));
  });
}
