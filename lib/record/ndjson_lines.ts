/**
 * The lines of a text file, read in fixed-size chunks: memory stays at one chunk plus one line however
 * long the file is. A final line without a newline is still returned; "\r\n" endings are accepted.
 */
export async function* readLines(path: string, chunkSize = 1 << 20): AsyncGenerator<string> {
  const file = await Deno.open(path, { read: true });
  const buf = new Uint8Array(chunkSize);
  const decoder = new TextDecoder();
  let rest = "";
  try {
    for (;;) {
      const n = await file.read(buf);
      if (n === null) break;
      const text = rest + decoder.decode(buf.subarray(0, n), { stream: true });
      let start = 0;
      for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        yield text.slice(start, end);
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.decode();
    if (rest.length > 0) yield rest.endsWith("\r") ? rest.slice(0, -1) : rest;
  } finally {
    file.close();
  }
}
