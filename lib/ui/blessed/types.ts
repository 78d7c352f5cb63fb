/** The small part of blessed's API this folder uses (blessed ships no types; @types/blessed is not cached). */

import type { Readable, Writable } from "node:stream";

/** A cell: [attribute, character]. A row carries `dirty` when it must be redrawn. */
export type Cell = [number, string];
export type Row = Cell[] & { dirty?: boolean };

export interface BlessedKey {
  readonly name?: string;
  readonly full?: string;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly shift?: boolean;
  readonly sequence?: string;
}

export interface BlessedProgram {
  cols: number;
  rows: number;
  readonly output: Writable & { columns?: number; rows?: number };
  /** Writes what blessed has buffered for the terminal now (else it does on the next tick). */
  flush(): void;
}

/** blessed's terminfo: what the alternate character set and ASCII stand-ins need. */
export interface BlessedTput {
  brokenACS: boolean;
  readonly unicode: boolean;
  readonly strings: { readonly enter_alt_charset_mode?: string };
  readonly numbers: { readonly U8?: number };
  /** Unicode character -> the alternate character set's letter for it. */
  readonly acscr: Readonly<Record<string, string>>;
  /** Unicode character -> an ASCII stand-in. */
  readonly utoa: Readonly<Record<string, string>>;
  smacs(): string;
  rmacs(): string;
}

export interface BlessedScreen {
  lines: Row[];
  /** What blessed believes the terminal shows; a render writes the cells of `lines` that differ. */
  olines: Cell[][];
  readonly width: number;
  readonly height: number;
  readonly program: BlessedProgram;
  readonly tput: BlessedTput;
  title: string;
  destroyed?: boolean;
  render(): void;
  destroy(): void;
  alloc(dirty?: boolean): void;
  on(event: "keypress", fn: (ch: string | undefined, key: BlessedKey | undefined) => void): void;
  on(event: "resize", fn: () => void): void;
  removeAllListeners(event?: string): void;
}

export interface BlessedScreenOptions {
  input?: Readable;
  output?: Writable;
  terminal: string;
  forceUnicode?: boolean;
  fullUnicode?: boolean;
  warnings?: boolean;
  smartCSR?: boolean;
  autoPadding?: boolean;
  useBCE?: boolean;
  resizeTimeout?: number;
}

export interface BlessedModule {
  screen(options: BlessedScreenOptions): BlessedScreen;
}
