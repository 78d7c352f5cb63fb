/**
 * A text file in runs of whole lines, read in fixed-size chunks: each string yielded ends with a line break,
 * except a last line without one. One await per chunk, not per line; memory stays at one chunk (grown only
 * for a line longer than a chunk). Decoding stops at a line break, so a character is never split.
 */
export async function* readLineChunks(path: string, chunkSize = 1 << 20): AsyncGenerator<string> {
  const file = await Deno.open(path, { read: true });
  let buf = new Uint8Array(chunkSize);
  let filled = 0;
  const decoder = new TextDecoder();
  // The next read is started before a chunk is handed out, so the disk works while the caller does.
  let reading: Promise<number | null> | null = null;
  try {
    reading = file.read(buf);
    for (;;) {
      const n = await reading;
      if (n === null) break;
      const from = filled;
      filled += n;
      const nl = buf.subarray(from, filled).lastIndexOf(10);
      let text: string | null = null;
      if (nl >= 0) {
        const cut = from + nl + 1;
        text = decoder.decode(buf.subarray(0, cut));
        buf.copyWithin(0, cut, filled);
        filled -= cut;
      }
      if (filled === buf.length) {
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      reading = file.read(buf.subarray(filled));
      if (text !== null) yield text;
    }
    reading = null;
    if (filled > 0) yield decoder.decode(buf.subarray(0, filled));
  } finally {
    // A caller that stopped early leaves a read running: let it end before the file is closed.
    await reading?.catch(() => null);
    file.close();
  }
}

/** Calls `line(text, start, end)` for each line of `text` ("\n" or "\r\n" endings, not included). */
export function eachLine(text: string, line: (text: string, start: number, end: number) => void): void {
  const n = text.length;
  let start = 0;
  while (start < n) {
    let nl = text.indexOf("\n", start);
    if (nl < 0) nl = n;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    line(text, start, end);
    start = nl + 1;
  }
}

/**
 * The lines of a text file, read in fixed-size chunks: memory stays at one chunk plus one line however
 * long the file is. A final line without a newline is still returned; "\r\n" endings are accepted.
 */
export async function* readLines(path: string, chunkSize = 1 << 20): AsyncGenerator<string> {
  for await (const text of readLineChunks(path, chunkSize)) {
    const lines: string[] = [];
    eachLine(text, (t, s, e) => lines.push(t.slice(s, e)));
    yield* lines;
  }
}
