/** The help dialog: the key table from the keymap, in a box centred over the screen. */

import { helpRows } from "../keymap.ts";
import { fit, type Line, type Span } from "../style.ts";
import type { Box } from "./box.ts";

export { drawBox } from "./box.ts";

export type HelpBox = Box;

/**
 * The dialog box for a screen of `width` × `height`; `scroll` is clamped to the rows there are. Keys that
 * need an order engine are marked unavailable unless `trading`.
 */
export function helpBox(width: number, height: number, scroll: number, trading = false): HelpBox {
  const rows = helpRows(trading);
  const keyW = Math.max(...rows.map(([k]) => k.length));
  const textW = Math.max(...rows.map(([, d]) => d.length));
  const boxW = Math.max(Math.min(keyW + textW + 7, width), 0);
  const inner = Math.max(boxW - 2, 0);
  const visible = Math.max(Math.min(rows.length, height - 4), 0);
  const top = Math.max(0, Math.min(scroll, rows.length - visible));
  const title = " Keys ";
  const left = Math.floor((inner - title.length) / 2);
  const lines: Line[] = [
    [
      { text: "┌" + "─".repeat(Math.max(left, 0)), role: "dialog_text" },
      { text: title, role: "dialog_title" },
      { text: "─".repeat(Math.max(inner - left - title.length, 0)) + "┐", role: "dialog_text" },
    ],
  ];
  for (const [key, text, disabled] of rows.slice(top, top + visible)) {
    const body: Span[] = [
      { text: " ", role: "dialog_text" },
      { text: key.padEnd(keyW), role: "dialog_key" },
      { text: "  " + text, role: disabled ? "dialog_disabled" : "dialog_text" },
    ];
    lines.push([{ text: "│", role: "dialog_text" }, ...fit(body, inner, "dialog_text"), {
      text: "│",
      role: "dialog_text",
    }]);
  }
  const more = visible < rows.length ? " Up/Down scroll " : "";
  const foot = " Esc/F10 close" + (more ? " ·" + more : " ");
  lines.push([
    { text: "│", role: "dialog_text" },
    ...fit([{ text: foot, role: "dialog_key" }], inner, "dialog_text"),
    {
      text: "│",
      role: "dialog_text",
    },
  ]);
  lines.push([{ text: "└" + "─".repeat(inner) + "┘", role: "dialog_text" }]);
  const boxLines = lines.map((l) => fit(l, boxW, "dialog_text"));
  return {
    x: Math.max(Math.floor((width - boxW) / 2), 0),
    y: Math.max(Math.floor((height - boxLines.length) / 2), 0),
    lines: boxLines,
  };
}
