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
}

export interface BlessedScreen {
  lines: Row[];
  /** What blessed believes the terminal shows; a render writes the cells of `lines` that differ. */
  olines: Cell[][];
  readonly width: number;
  readonly height: number;
  readonly program: BlessedProgram;
  readonly tput: { brokenACS: boolean };
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
