import { journalPathFor } from "../../engine/mod.ts";
import { readStoredSecret } from "../../secrets/mod.ts";
import type { CommandContext } from "../context.ts";
import { configCheck, fileModeCheck, secretCheck } from "../doctor/local_checks.ts";
import { type Check, doctorReport } from "../doctor/report.ts";
import { clockCheck, queryCheck, restCheck, tradeCheck, wsCheck } from "../doctor/venue_checks.ts";
import type { Output } from "../output.ts";

export interface DoctorOptions {
  readonly passphraseFile?: string;
  /** How long the WebSocket may take to deliver its first event. */
  readonly deadlineMs: number;
}

/**
 * `pytrader doctor`: checks what breaks a trading setup, each ok/warn/fail with a line and a fix. Returns
 * the exit code: 0 nothing failed, 3 passphrase or key refused, else 1.
 */
export async function doctorCommand(
  ctx: CommandContext,
  output: Output,
  opts: DoctorOptions,
): Promise<number> {
  const { config, exchangeName: venue } = ctx;
  const holdsKey = readStoredSecret(config.doc, config.path, venue) !== undefined;
  const holdsAnyKey = config.schema.exchanges.some((v) =>
    readStoredSecret(config.doc, config.path, v) !== undefined
  );
  const checks: Check[] = [configCheck(config)];
  checks.push(
    await fileModeCheck({
      name: "config mode",
      path: config.path,
      private: holdsAnyKey,
      why: "holds an encrypted API key",
      missing: "fail",
    }),
    await fileModeCheck({
      name: "journal mode",
      path: journalPathFor(config.path),
      private: true,
      why: "holds the order history",
      missing: "ok",
    }),
  );
  if (opts.passphraseFile !== undefined) {
    checks.push(
      await fileModeCheck({
        name: "passphrase file",
        path: opts.passphraseFile,
        private: true,
        why: "holds the passphrase",
        missing: "fail",
      }),
    );
  }
  const secret = await secretCheck(ctx.venue, config, () => ctx.unlock());
  checks.push(secret.check);
  const exchange = await ctx.exchange();
  const rest = await restCheck(exchange, ctx.pair);
  checks.push(rest.check);
  const notChecked = (name: string): Check => ({
    name,
    status: "fail",
    detail: "not checked: the rest check failed",
  });
  checks.push(rest.instrument ? await clockCheck(exchange) : notChecked("clock"));
  checks.push(await wsCheck(exchange, rest.instrument?.symbol ?? ctx.pair, opts.deadlineMs));
  if (ctx.venue.keys && !secret.unlocked) {
    const detail = holdsKey ? "not checked: the stored key is locked" : "not checked: no key is stored";
    checks.push({ name: "key query", status: "warn", detail }, { name: "key trade", status: "warn", detail });
  } else if (!rest.instrument) {
    checks.push(notChecked("key query"), notChecked("key trade"));
  } else {
    checks.push(await queryCheck(exchange), await tradeCheck(exchange, rest.instrument));
  }
  const report = doctorReport(exchange.venue, config.path, checks);
  output.out(ctx.json ? JSON.stringify(report.value) : report.text);
  return report.code;
}
