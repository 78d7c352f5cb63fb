import { formatDecimal, fromTicks, mul, rescale } from "../../lib/core/decimal.ts";
import { checkCommand } from "../../lib/core/check_command.ts";
import { InvalidOrder } from "../../lib/core/errors.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { SubmitOrder } from "../../lib/core/orders.ts";
import { formatTicksShort } from "../../lib/core/ticks.ts";
import { venueSymbolOf } from "./symbols.ts";

/** `clientOrderId`: at most 64 of [A-Za-z0-9_-] (https://api-docs.poloniex.com/spot/api/private/order). */
const CLIENT_ID_RE = /^[A-Za-z0-9_-]{0,64}$/;

/** Refuses, before anything is sent, a command Poloniex could not take. */
export function checkOrder(cmd: SubmitOrder, inst: Instrument, action: string): void {
  checkCommand(cmd, action);
  const fail = (detail: string) => new InvalidOrder(`Cannot ${action}: ${detail}`);
  if (!CLIENT_ID_RE.test(cmd.clientId)) {
    throw fail(`client id "${cmd.clientId}" is not at most 64 letters, digits, "_" or "-"`);
  }
  if (cmd.qty < inst.minQty) {
    throw fail(
      `volume ${formatTicksShort(cmd.qty, inst.qtyPrecision)} is below the minimum ${
        formatTicksShort(inst.minQty, inst.qtyPrecision)
      }`,
    );
  }
}

/**
 * The `POST /orders` body of a command checkOrder has taken (https://api-docs.poloniex.com/spot/api/private/order;
 * vectors poloniex-rest-responses.json), as JSON text written from exact decimal text: a limit order carries
 * `price` and `quantity` (base units) with `timeInForce` GTC; a market sell `quantity`; a market buy `amount`,
 * the quote units to spend (`marketBuyAmount`), since Poloniex requires the amount for market buys.
 */
export function orderBody(
  cmd: SubmitOrder,
  inst: Instrument,
  action: string,
  marketBuyAmount?: string,
): string {
  const symbol = inst.venueSymbol ?? venueSymbolOf(inst.symbol);
  const fields: [string, string][] = [["symbol", symbol], ["side", cmd.side === "buy" ? "BUY" : "SELL"]];
  const qty = formatTicksShort(cmd.qty, inst.qtyPrecision);
  if (cmd.type === "limit") {
    fields.push(["type", "LIMIT"], ["timeInForce", "GTC"]);
    fields.push(["price", formatTicksShort(cmd.price!, inst.pricePrecision)], ["quantity", qty]);
  } else if (cmd.side === "buy") {
    if (marketBuyAmount === undefined) throw new TypeError(`Cannot ${action}: a market buy needs its amount`);
    fields.push(["type", "MARKET"], ["amount", marketBuyAmount]);
  } else {
    fields.push(["type", "MARKET"], ["quantity", qty]);
  }
  if (cmd.clientId !== "") fields.push(["clientOrderId", cmd.clientId]);
  return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`;
}

/**
 * The quote amount a market buy of `qty` spends at the ask, rounded up to the market's amount decimals, so
 * that the order buys the volume asked for at the price seen (a market that moved fills more or less).
 */
export function marketBuyAmount(qty: number, ask: number, inst: Instrument, amountScale: number): string {
  const cost = mul(fromTicks(qty, inst.qtyPrecision), fromTicks(ask, inst.pricePrecision));
  return formatDecimal(rescale(cost, amountScale, "ceil"));
}
