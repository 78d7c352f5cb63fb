import { checkCommand } from "../../lib/core/check_command.ts";
import { InvalidOrder } from "../../lib/core/errors.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { SubmitOrder } from "../../lib/core/orders.ts";
import { formatTicksShort } from "../../lib/core/ticks.ts";
import type { Params } from "./private_rest.ts";
import { restPairName } from "./symbols.ts";

/** Kraken's cl_ord_id: a UUID (36 characters with dashes) or free text of at most 18. */
const MAX_CLIENT_ID = 36;

/** Refuses, before anything is sent, a command Kraken could not take. */
function check(cmd: SubmitOrder, action: string): void {
  checkCommand(cmd, action);
  const fail = (detail: string) => new InvalidOrder(`Cannot ${action}: ${detail}`);
  if (cmd.clientId.length > MAX_CLIENT_ID) {
    throw fail(`client id "${cmd.clientId}" is longer than Kraken allows`);
  }
}

/**
 * REST AddOrder parameters (krakenfx/api-specs : spot-rest/schemas/requests/trading/orders/add.yaml):
 * amounts as exact decimal text from ticks.
 */
export function orderParams(cmd: SubmitOrder, inst: Instrument, action: string): Params {
  check(cmd, action);
  return {
    pair: inst.venueSymbol ?? restPairName(inst.symbol),
    type: cmd.side,
    ordertype: cmd.type,
    volume: formatTicksShort(cmd.qty, inst.qtyPrecision),
    price: cmd.type === "limit" ? formatTicksShort(cmd.price!, inst.pricePrecision) : undefined,
    cl_ord_id: cmd.clientId === "" ? undefined : cmd.clientId,
    validate: cmd.validate ? "true" : undefined,
  };
}

/**
 * WS v2 add_order parameters (https://docs.kraken.com/api/docs/websocket-v2/add_order) as JSON object text:
 * order_qty and limit_price are JSON numbers written with the exact decimal text, never through a float.
 */
export function wsOrderParams(cmd: SubmitOrder, inst: Instrument, action: string): string {
  check(cmd, action);
  const parts = [
    `"order_type":"${cmd.type}"`,
    `"side":"${cmd.side}"`,
    `"order_qty":${formatTicksShort(cmd.qty, inst.qtyPrecision)}`,
    `"symbol":${JSON.stringify(inst.symbol)}`,
  ];
  if (cmd.type === "limit") parts.push(`"limit_price":${formatTicksShort(cmd.price!, inst.pricePrecision)}`);
  if (cmd.clientId !== "") parts.push(`"cl_ord_id":${JSON.stringify(cmd.clientId)}`);
  if (cmd.validate) parts.push(`"validate":true`);
  return `{${parts.join(",")}}`;
}
