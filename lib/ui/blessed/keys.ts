import type { BlessedKey } from "./types.ts";

/**
 * A key as the keymap names it: a printable character as itself ("q", "S", "+", "?"), control keys as
 * "C-x", everything else by blessed's name ("f1", "escape", "up", "enter", "tab", "insert", "backspace").
 * undefined for keys without a name.
 */
export function keyName(ch: string | undefined, key: BlessedKey | undefined): string | undefined {
  // For "\r" blessed reports "enter" and then "return": one Enter press is "enter" only. "\n" is "linefeed".
  if (key?.name === "return") return undefined;
  if (key?.name === "linefeed") return "enter";
  if (key?.ctrl && key.name) return `C-${key.name}`;
  if (ch !== undefined && ch.length === 1 && ch >= " " && ch !== "\x7f" && !key?.meta) return ch;
  return key?.name;
}
