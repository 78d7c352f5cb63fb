import { InvalidOrder } from "./errors.ts";
import type { SubmitOrder } from "./orders.ts";

/**
 * Refuses, before anything is sent, a command no venue could take: a side or type that is neither, a volume
 * that is not a positive whole number of ticks, a limit order without a positive price. InvalidOrder
 * `Cannot <action>: <what is wrong>`.
 */
export function checkCommand(cmd: SubmitOrder, action: string): void {
  const fail = (detail: string) => new InvalidOrder(`Cannot ${action}: ${detail}`);
  if (cmd.side !== "buy" && cmd.side !== "sell") throw fail(`side must be buy or sell, got "${cmd.side}"`);
  if (cmd.type !== "limit" && cmd.type !== "market") {
    throw fail(`type must be limit or market, got "${cmd.type}"`);
  }
  if (!Number.isSafeInteger(cmd.qty) || cmd.qty <= 0) throw fail("volume must be a positive amount");
  if (cmd.type === "limit" && (cmd.price === null || !Number.isSafeInteger(cmd.price) || cmd.price <= 0)) {
    throw fail("a limit order needs a positive price");
  }
}
