/**
 * The fast parse of a command line (lib/cli/argv.ts) against commander built from the same table
 * (lib/cli/program.ts): on every line the fast parser accepts, commander must run the same command with the
 * same options and operands; the lines people run every day must be accepted, so they start without
 * commander; and what the one-shot path loads must not pull commander or Node compatibility back in.
 */
import { assert, assertEquals } from "../assert.ts";
import { parseLine } from "../../lib/cli/argv.ts";
import { COMMANDS } from "../../lib/cli/command_table.ts";
import { parseFlags } from "../../lib/cli/command_spec.ts";
import { buildProgram } from "../../lib/cli/program.ts";
import type { CliDeps } from "../../lib/cli/mod.ts";
import { VENUE_DEPS } from "../fixtures/venues.ts";
import { noTerminal } from "./helpers.ts";
import { prng } from "../fakes/common/prng.ts";

const DEPS: CliDeps = { ...VENUE_DEPS, promptIo: () => noTerminal };

interface Outcome {
  readonly command: string;
  readonly opts: Record<string, unknown>;
  readonly args: readonly string[];
}

/** What commander makes of `argv`: the command it would run, or the error code it stops with. */
async function commander(argv: readonly string[]): Promise<Outcome | string> {
  let seen: Outcome | undefined;
  const program = buildProgram(COMMANDS, DEPS, { out: () => {}, err: () => {} }, (spec, opts, args) => {
    seen = { command: spec.name, opts: { ...opts }, args: [...args] };
    return Promise.resolve();
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return seen ?? "no action";
}

function fast(argv: readonly string[]): Outcome | undefined {
  const line = parseLine(argv, COMMANDS);
  return line && { command: line.command.name, opts: line.opts, args: line.args };
}

/** Every way each option of the table can be written, with awkward values too. */
function optionForms(): string[][] {
  const forms: string[][] = [];
  const all = [COMMANDS.root, ...COMMANDS.commands].flatMap((c) => c.options);
  for (const o of new Set(all)) {
    const f = parseFlags(o.flags);
    if (!f.takesValue) {
      forms.push([f.long], [`${f.long}=1`]);
      if (f.short) forms.push([f.short]);
      continue;
    }
    for (const value of ["x.ini", "5", "-3", "--json", "BTC/USD", ""]) {
      forms.push([f.long, value], [`${f.long}=${value}`]);
      if (f.short) forms.push([f.short, value], [`${f.short}${value}`]);
    }
    forms.push([f.long]);
  }
  return forms;
}

const WORDS: string[][] = [
  ...COMMANDS.commands.map((c) => [c.name]),
  ["help"],
  ["nonsense"],
  ["a"],
  ["b"],
  ["-5"],
  ["-"],
  ["--"],
  ["-h"],
  ["--help"],
  ["-V"],
  ["--version"],
  ["--nope"],
  ["-z"],
  ["-jx"],
];

/** Lines a person or a script runs every day: the fast parser must take each of them. */
const EVERYDAY: string[][] = [
  [],
  ["--exchange", "kraken"],
  ["--strategy=balancer,buy,sell"],
  ["-s", "balancer", "--paper"],
  ["--add-secret", "--exchange", "kraken"],
  ["ticker"],
  ["ticker", "--json"],
  ["ticker", "--exchange", "sim", "--json"],
  ["--pair", "ETH/USD", "ticker", "--json"],
  ["ticker", "-pETH/USD", "-c", "bot.ini"],
  ["book", "--depth", "5", "--json"],
  ["book", "-d", "10", "-g", "1"],
  ["book", "--depth=5", "--group=0.5"],
  ["candles", "--timeframe", "60", "--limit", "24"],
  ["trades", "-n", "50", "--json"],
  ["record", "--out", "rec.ndjson", "--duration", "60"],
  ["replay", "rec.ndjson", "--json"],
  ["balance", "--json"],
  ["balance", "--paper", "--json"],
  ["orders", "--pair", "BTC/USD", "--json"],
  ["buy", "50000", "0.001", "--validate", "--json"],
  ["sell", "market", "0.5"],
  ["cancel", "OABC-123", "cli-1", "--json"],
  ["cancel", "OABC-123", "--json", "cli-1"],
  ["cancel-all", "--pair", "BTC/USD"],
  ["doctor", "--timeout", "10", "--passphrase-file", "pass.txt"],
  ["run", "--strategy", "balancer,buy,sell", "--paper"],
  ["--strategy", "balancer", "run"],
  ["book", "--depth", "-3"],
  ["candles", "--timeframe", "7"],
];

Deno.test("the fast parser takes the everyday lines, and commander reads each of them the same", async () => {
  for (const argv of EVERYDAY) {
    const mine = fast(argv);
    assert(mine, `the fast parser hands "${argv.join(" ")}" to commander`);
    assertEquals(mine, await commander(argv), argv.join(" "));
  }
});

Deno.test("on every line the fast parser accepts, commander runs the same command with the same values", async () => {
  const forms = optionForms();
  const pieces = [...forms, ...WORDS, ...WORDS];
  const next = prng(15);
  const lines: string[][] = [];
  for (const c of [COMMANDS.root, ...COMMANDS.commands]) {
    const name = c === COMMANDS.root ? [] : [c.name];
    for (const f of forms) lines.push([...name, ...f], [...f, ...name]);
  }
  for (let i = 0; i < 4000; i++) {
    const line: string[] = [];
    for (let n = Math.floor(next() * 6); n >= 0; n--) {
      line.push(...pieces[Math.floor(next() * pieces.length)]!);
    }
    lines.push(line);
  }
  let accepted = 0;
  for (const argv of lines) {
    const mine = fast(argv);
    if (!mine) continue;
    accepted++;
    assertEquals(mine, await commander(argv), JSON.stringify(argv));
  }
  // Most random lines are wrong (commander explains them); enough must be taken to mean something.
  assert(accepted > 1000, `only ${accepted} of ${lines.length} lines taken by the fast parser`);
});

Deno.test("help, the version and wrong lines go to commander", () => {
  for (
    const argv of [
      ["--help"],
      ["book", "-h"],
      ["-V"],
      ["ticker", "--version"],
      ["help", "book"],
      ["nonsense"],
      ["--json", "ticker"],
      ["book", "--dept", "3"],
      ["book", "--depth"],
      ["book", "--", "extra"],
      ["ticker", "extra"],
      ["replay"],
      ["buy", "1"],
      ["buy", "1", "2", "3"],
      ["record"],
      ["run", "--json"],
      ["buy", "-5", "1"],
    ]
  ) assertEquals(fast(argv), undefined, argv.join(" "));
});

/** The static imports of `modules` (dynamic imports not followed): every file and every outside specifier. */
async function staticClosure(
  modules: readonly string[],
): Promise<{ files: Set<string>; outside: Set<string> }> {
  const root = new URL("../../", import.meta.url);
  const files = new Set<string>();
  const outside = new Set<string>();
  for (const m of modules) {
    const res = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", new URL(m, root).pathname],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert(res.success, new TextDecoder().decode(res.stderr));
    const info = JSON.parse(new TextDecoder().decode(res.stdout)) as {
      roots: string[];
      modules: {
        specifier: string;
        dependencies?: { isDynamic?: boolean; code?: { specifier?: string } }[];
      }[];
    };
    const byId = new Map(info.modules.map((x) => [x.specifier, x]));
    const stack = [...info.roots];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (files.has(s)) continue;
      files.add(s);
      for (const d of byId.get(s)?.dependencies ?? []) {
        const to = d.code?.specifier;
        if (!to || d.isDynamic) continue;
        if (to.startsWith("file:")) stack.push(to);
        else outside.add(to);
      }
    }
  }
  return { files, outside };
}

Deno.test("ticker, book and balance load no commander, no node: module, no key derivation, no journal", async () => {
  // What main.ts and the command table load for these three, dynamic imports taken one by one.
  const { files, outside } = await staticClosure([
    "main.ts",
    "lib/cli/mod.ts",
    "exchanges/mod.ts",
    "lib/config/mod.ts",
    "lib/secrets/terminal_io.ts",
    "lib/cli/unlock.ts",
    "lib/cli/commands/ticker.ts",
    "lib/cli/commands/book.ts",
    "lib/cli/commands/balance.ts",
    "exchanges/sim/mod.ts",
  ]);
  assertEquals([...outside], []);
  for (
    const heavy of [
      "lib/cli/program.ts",
      "lib/secrets/kdf.ts",
      "lib/engine/journal.ts",
      "exchanges/kraken/mod.ts",
    ]
  ) {
    assert(![...files].some((f) => f.endsWith(heavy)), `${heavy} is loaded`);
  }
});
