/**
 * Running the account commands in-process against one venue that outlives each command: a shared sim (the
 * built-in one lives only as long as its process) or the fake Kraken server.
 */

import { assertEquals } from "../assert.ts";
import { type CliDeps, EXIT, runCli } from "../../lib/cli/mod.ts";
import type { Exchange, SubmitOrder } from "../../lib/core/mod.ts";
import { createSim, type SimExchange } from "../../exchanges/sim/mod.ts";
import { createKraken } from "../../exchanges/kraken/mod.ts";
import {
  encryptCredentials,
  type PromptIo,
  saveStoredSecret,
  type ScryptParams,
} from "../../lib/secrets/mod.ts";
import { FAKE_KEY, FakeKraken } from "../fakes/kraken/server.ts";
import { krakenOptions, VENUE_DEPS } from "../fixtures/venues.ts";

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A prompt io without a terminal (cron, pipes); `lines` answer readLine, as a piped stdin would. */
export function noTerminal(lines: string[] = []): PromptIo & { written: string[] } {
  const written: string[] = [];
  return {
    isTerminal: false,
    written,
    write: (t) => void written.push(t),
    out: (t) => void written.push(t),
    readLine: () => Promise.resolve(lines.shift()),
    readHidden: () => Promise.resolve(lines.shift()),
  };
}

/** Venue trouble to inject: each function may throw instead of (or after) the real call. */
export interface SimFaults {
  /** Called before a cancel is carried out; throw to refuse it. */
  cancel?: (id: string) => void;
  /** Called before an order is placed; throw to refuse it. */
  place?: (cmd: SubmitOrder) => void;
  /** Called after an order was placed; throw to lose the answer (the order exists). */
  placed?: (cmd: SubmitOrder) => void;
}

/**
 * The exchange with close() doing nothing, so that the next command finds the same market and orders,
 * and with `faults` injected into its cancels and placements.
 */
function kept(exchange: Exchange, faults: SimFaults): Exchange {
  return new Proxy(exchange, {
    get(target, prop) {
      switch (prop) {
        case "close":
          return () => Promise.resolve();
        case "cancelOrder":
          return async (id: string) => {
            faults.cancel?.(id);
            return await target.cancelOrder(id);
          };
        case "placeOrder":
          return async (cmd: SubmitOrder) => {
            faults.place?.(cmd);
            const o = await target.placeOrder(cmd);
            faults.placed?.(cmd);
            return o;
          };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

export const PASSPHRASE = "correct horse battery staple";
const CHEAP: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

/** A config directory and a way to run commands in it. */
export class Home {
  private constructor(readonly dir: string, readonly deps: CliDeps) {}

  static async create(deps: CliDeps, ini = ""): Promise<Home> {
    const dir = await Deno.makeTempDir({ prefix: "pytrader-account-" });
    if (ini !== "") await Deno.writeTextFile(`${dir}/pytrader.ini`, ini);
    return new Home(dir, deps);
  }

  get ini(): string {
    return `${this.dir}/pytrader.ini`;
  }

  async run(args: string[], io: PromptIo = noTerminal()): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [...args, "--config", this.ini],
      { ...this.deps, promptIo: () => io },
      () => Promise.resolve(EXIT.ok),
      { out: (t) => out.push(t), err: (t) => err.push(t) },
    );
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  }

  /** Runs with `--json` and parses the one line it printed; checks the exit code. */
  async json(args: string[], code: number, io?: PromptIo): Promise<Record<string, unknown>> {
    const r = await this.run([...args, "--json"], io);
    assertEquals(r.code, code, `exit code of ${args.join(" ")}: ${r.stdout} ${r.stderr}`);
    const lines = r.stdout.split("\n");
    assertEquals(lines.length, 1, `one line of JSON: ${r.stdout}`);
    return JSON.parse(lines[0]!);
  }

  /**
   * Stores an encrypted key as `pytrader --add-secret` does from a pipe, with the default key derivation;
   * `cheap` stores it with the lowest scrypt cost instead (the value carries its parameters), for speed.
   */
  async addSecret(venue: string, key: string, secret: string, opts: { cheap?: boolean } = {}): Promise<void> {
    if (opts.cheap) {
      await saveStoredSecret(this.ini, venue, await encryptCredentials({ key, secret }, PASSPHRASE, CHEAP));
      return;
    }
    const r = await this.run(["--add-secret", "--exchange", venue], noTerminal([key, secret, PASSPHRASE]));
    assertEquals(r.code, 0, r.stderr);
  }

  /** A passphrase file (mode 0600) for --passphrase-file. */
  async passphraseFile(passphrase = PASSPHRASE, name = "passphrase.txt"): Promise<string> {
    const path = `${this.dir}/${name}`;
    await Deno.writeTextFile(path, passphrase + "\n", { mode: 0o600 });
    return path;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Deno.remove(this.dir, { recursive: true });
  }
}

/** CliDeps whose sim is `sim` for every command (market, orders and balances carry over). */
export function simDeps(sim: SimExchange, faults: SimFaults = {}): CliDeps {
  return {
    ...VENUE_DEPS,
    createExchange: (name) => {
      if (name !== "sim") throw new Error(`These tests use sim, not ${name}`);
      return Promise.resolve(kept(sim, faults));
    },
    promptIo: () => noTerminal(),
  };
}

/** A sim that moves only when told to (no timer: no open resources after a test). */
export function quietSim(): SimExchange {
  return createSim({ auto: false });
}

/**
 * CliDeps for Kraken as exchanges/mod.ts builds it: `[kraken]` URLs from the ini, the unlocked key, the nonce
 * file beside the ini; a fresh adapter per command, as in separate processes.
 */
export const krakenDeps: CliDeps = {
  ...VENUE_DEPS,
  createExchange: async (_name, settings, log, access) =>
    await createKraken({
      ...krakenOptions(settings),
      log,
      credentials: access.credentials
        ? { key: () => access.credentials!.key.reveal(), secret: () => access.credentials!.secret.reveal() }
        : undefined,
      nonceFile: `${access.statePrefix}.kraken-nonce`,
      restTimeoutMs: 30_000, // a bound on a hang: no test here waits for a REST timeout
    }),
  promptIo: () => noTerminal(),
};

/** The ini pointing [kraken] at the fake, with kraken as the exchange. */
export function krakenIni(server: FakeKraken): string {
  return `[pytrader]\nexchange = kraken\npair = BTC/USD\n\n[kraken]\nrest_url = ${server.restUrl}\nws_url = ${server.wsUrl}\nws_auth_url = ${server.wsAuthUrl}\n`;
}

/** A fake Kraken with its documented account, and a home with the fake's key stored in it. */
export async function krakenHome(
  opts: { key?: { key: string; secret: string }; cheap?: boolean } = {},
): Promise<{ server: FakeKraken; home: Home; file: string } & AsyncDisposable> {
  const server = FakeKraken.start();
  const home = await Home.create(krakenDeps, krakenIni(server));
  const key = opts.key ?? FAKE_KEY;
  await home.addSecret("kraken", key.key, key.secret, { cheap: opts.cheap ?? true });
  const file = await home.passphraseFile();
  return {
    server,
    home,
    file,
    async [Symbol.asyncDispose]() {
      await server.close();
      await home[Symbol.asyncDispose]();
    },
  };
}
