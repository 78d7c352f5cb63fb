/** Screen geometry, after the original (seed/inventory.md §1.1), with consoles that shrink on small screens. */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly status: Rect;
  readonly book: Rect;
  readonly chart: Rect;
  readonly mainConsole: Rect;
  /** Its first column is the separator cell. */
  readonly strategyConsole: Rect;
}

export const STATUS_HEIGHT = 2;
export const BOOK_WIDTH = 40;
/** The original's console height; smaller screens get a third of the rows below the status lines. */
export const CONSOLE_HEIGHT = 20;
const MIN_CONSOLE = 3;

export function consoleHeight(height: number): number {
  const rest = height - STATUS_HEIGHT;
  return Math.max(Math.min(CONSOLE_HEIGHT, Math.floor(rest / 3)), Math.min(MIN_CONSOLE, Math.max(rest, 0)));
}

export function computeLayout(width: number, height: number): Layout {
  const w = Math.max(width, 0);
  const h = Math.max(height, 0);
  const status = { x: 0, y: 0, width: w, height: Math.min(STATUS_HEIGHT, h) };
  const con = consoleHeight(h);
  const midH = Math.max(h - STATUS_HEIGHT - con, 0);
  const bookW = Math.min(BOOK_WIDTH, w);
  const book = { x: 0, y: STATUS_HEIGHT, width: bookW, height: midH };
  const chart = { x: bookW, y: STATUS_HEIGHT, width: w - bookW, height: midH };
  const half = Math.floor(w / 2);
  const conY = h - con;
  const mainW = Math.max(w - half - 2, 0);
  const stratX = Math.min(w - half + 1, w);
  return {
    width: w,
    height: h,
    status,
    book,
    chart,
    mainConsole: { x: 0, y: conY, width: mainW, height: con },
    strategyConsole: { x: stratX, y: conY, width: w - stratX, height: con },
  };
}
