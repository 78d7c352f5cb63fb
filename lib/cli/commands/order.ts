import type { Side } from "../../core/mod.ts";
import { CLI_OWNER, openAccount } from "../account.ts";
import { OutcomeUnknown } from "../command_errors.ts";
import type { CommandContext } from "../context.ts";
import { EXIT, exitCodeOfKind } from "../exit_codes.ts";
import { checkOrderPrecision, parseOrderArgs } from "../order_args.ts";
import { orderJson, ordersTable } from "../order_view.ts";
import type { Output } from "../output.ts";

export interface OrderOptions {
  readonly side: Side;
  /** PRICE as typed: decimal text or `market`. */
  readonly price: string;
  readonly volume: string;
  /** Ask the venue to check the order without placing it. */
  readonly validate: boolean;
}

/**
 * `pytrader buy|sell PRICE VOLUME`: one order through the engine (local checks, journal, one request,
 * never resent). Returns the exit code: 0 placed (or accepted by --validate), 1 refused or outcome unknown,
 * 3 key refused by the venue.
 */
export async function orderCommand(ctx: CommandContext, output: Output, opts: OrderOptions): Promise<number> {
  const args = parseOrderArgs(opts.price, opts.volume);
  using account = await openAccount(ctx, { pair: ctx.pair, book: true, balances: true });
  const engine = account.engines[0]!;
  const inst = engine.instrument;
  const venue = account.exchange.venue;
  checkOrderPrecision(inst, args);
  const { clientId, settled } = engine.submit({
    side: opts.side,
    ...args,
    owner: CLI_OWNER,
    validate: opts.validate,
  });
  const o = await settled;
  if (o.status === "rejected" || o.status === "unknown") {
    const unknown = o.status === "unknown" && !opts.validate;
    const message = unknown
      ? `Cannot tell whether order ${clientId} was placed on ${venue}: ${o.error ?? "no answer"}; ` +
        "it stays in the journal as unknown and is reconciled by the next command or start, never sent again"
      : o.error ?? `Cannot place order on "${inst.symbol}" on ${venue}: refused`;
    const kind = unknown ? OutcomeUnknown.name : o.errorKind ?? "ExchangeError";
    const code = unknown ? EXIT.failure : exitCodeOfKind(o.errorKind);
    const order = orderJson(o, inst);
    if (ctx.json) output.out(JSON.stringify({ ok: false, error: { kind, message }, order }));
    else output.err(`pytrader: ${message}`);
    return code;
  }
  const order = orderJson(o, inst, opts.validate ? "validated" : o.status);
  if (ctx.json) {
    output.out(JSON.stringify({ ok: true, exchange: venue, validate: opts.validate, order }));
  } else {
    const head = opts.validate
      ? `${venue} accepts this order (validate only: nothing was placed)`
      : `order ${o.status} on ${venue}`;
    output.out(`${head}\n${ordersTable([order])}`);
  }
  return EXIT.ok;
}
