import { assertEquals, assertRejects } from "../assert.ts";
import { PromptAborted, type TerminalInput, terminalIo } from "../../lib/secrets/mod.ts";

/** A terminal that hands out the given chunks one read at a time and records raw-mode switches. */
class FakeTerminal implements TerminalInput {
  readonly modes: boolean[] = [];
  raw = false;
  reads = 0;
  #chunks: Uint8Array[];

  constructor(readonly tty: boolean, chunks: string[]) {
    this.#chunks = chunks.map((c) => new TextEncoder().encode(c));
  }

  read(buffer: Uint8Array): Promise<number | null> {
    this.reads++;
    const chunk = this.#chunks.shift();
    if (chunk === undefined) return Promise.resolve(null);
    buffer.set(chunk);
    return Promise.resolve(chunk.length);
  }

  isTerminal(): boolean {
    return this.tty;
  }

  setRaw(mode: boolean): void {
    this.modes.push(mode);
    this.raw = mode;
  }
}

class Capture {
  text = "";
  writeSync(bytes: Uint8Array): number {
    this.text += new TextDecoder().decode(bytes);
    return bytes.length;
  }
}

function setup(tty: boolean, chunks: string[]) {
  const term = new FakeTerminal(tty, chunks);
  const err = new Capture();
  const out = new Capture();
  return { term, err, out, io: terminalIo(term, err, out) };
}

Deno.test("terminal io: hidden input runs in raw mode, shows nothing, and restores the terminal", async () => {
  const { term, err, io } = setup(true, ["hunter2-pass", "word\x7f\x7frd\r"]);
  assertEquals(await io.readHidden("passphrase: "), "hunter2-password");
  assertEquals(term.modes, [true, false]);
  assertEquals(err.text, "passphrase: \n");
});

Deno.test("terminal io: Ctrl-C at a hidden prompt aborts with the terminal back in normal mode", async () => {
  const { term, io } = setup(true, ["abc\x03"]);
  await assertRejects(
    () => io.readHidden("passphrase: "),
    PromptAborted,
    "Cannot read the passphrase: interrupted",
  );
  assertEquals(term.raw, false);
  assertEquals(term.modes, [true, false]);
});

Deno.test("terminal io: lines typed ahead in one chunk go to the prompts that follow", async () => {
  const { term, io } = setup(true, ["KEY-1234\nSECRET-5678\n", "pass\rpass\r"]);
  assertEquals(await io.readLine("key: "), "KEY-1234");
  assertEquals(await io.readLine("secret: "), "SECRET-5678");
  assertEquals(await io.readHidden("passphrase: "), "pass");
  assertEquals(await io.readHidden("passphrase (again): "), "pass");
  assertEquals(term.reads, 2);
  assertEquals(await io.readLine("more: "), undefined);
});

Deno.test("terminal io: without a terminal, hidden prompts read plain lines and never touch raw mode", async () => {
  const { term, io } = setup(false, ["KEY-1234\r\nSECRET", "-5678\npassphrase"]);
  assertEquals(io.isTerminal, false);
  assertEquals(await io.readLine(""), "KEY-1234");
  assertEquals(await io.readLine(""), "SECRET-5678");
  assertEquals(await io.readHidden(""), "passphrase");
  assertEquals(await io.readHidden(""), undefined);
  assertEquals(term.modes, []);
});

Deno.test("terminal io: results go to stdout, prompts and notes to stderr", () => {
  const { err, out, io } = setup(false, []);
  io.write("warning: x\n");
  io.out("encrypted secret has been saved in pytrader.ini");
  assertEquals(err.text, "warning: x\n");
  assertEquals(out.text, "encrypted secret has been saved in pytrader.ini\n");
});
