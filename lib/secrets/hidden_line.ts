/**
 * A line editor for raw-mode terminal input that shows nothing: Enter ends the line, Backspace deletes the
 * last character, Ctrl-U clears, Ctrl-C aborts, Ctrl-D on an empty line is end of input; escape sequences
 * (arrows, bracketed-paste markers) and other control characters are ignored. Pure: bytes in, outcome out.
 */

export type HiddenOutcome =
  | { readonly kind: "more" }
  | { readonly kind: "line"; readonly line: string; readonly rest: Uint8Array }
  | { readonly kind: "eof" }
  | { readonly kind: "abort" };

const MORE: HiddenOutcome = { kind: "more" };

export class HiddenLine {
  #bytes: number[] = [];
  /** 0 outside an escape sequence, 1 after ESC, 2 inside CSI (`ESC [`) or SS3 (`ESC O`). */
  #escape = 0;

  feed(chunk: Uint8Array): HiddenOutcome {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.#escape === 1) {
        this.#escape = b === 0x5b || b === 0x4f ? 2 : 0;
        continue;
      }
      if (this.#escape === 2) {
        if (b >= 0x40 && b <= 0x7e) this.#escape = 0;
        continue;
      }
      if (b === 0x03) return this.#finish({ kind: "abort" });
      if (b === 0x0d || b === 0x0a) {
        const skipLf = b === 0x0d && chunk[i + 1] === 0x0a ? 1 : 0;
        const line = new TextDecoder().decode(Uint8Array.from(this.#bytes));
        return this.#finish({ kind: "line", line, rest: chunk.slice(i + 1 + skipLf) });
      }
      if (b === 0x04) {
        if (this.#bytes.length === 0) return this.#finish({ kind: "eof" });
      } else if (b === 0x7f || b === 0x08) this.#deleteLast();
      else if (b === 0x15) this.#clear();
      else if (b === 0x1b) this.#escape = 1;
      else if (b >= 0x20) this.#bytes.push(b);
    }
    return MORE;
  }

  /** Removes the last UTF-8 character: continuation bytes (10xxxxxx), then the lead byte. */
  #deleteLast(): void {
    while (this.#bytes.length > 0 && (this.#bytes[this.#bytes.length - 1] & 0xc0) === 0x80) this.#bytes.pop();
    this.#bytes.pop();
  }

  #clear(): void {
    this.#bytes.fill(0);
    this.#bytes = [];
  }

  #finish(outcome: HiddenOutcome): HiddenOutcome {
    this.#clear();
    this.#escape = 0;
    return outcome;
  }
}
