/**
 * Client order ids: "pt" + 8 base-36 digits of the time (ms) + 8 random base-36 digits = 18 characters of
 * [0-9a-z]. That fits every venue's limit: Kraken `cl_ord_id` free text (at most 18 characters), Poloniex
 * `clientOrderId` (at most 64 of [A-Za-z0-9_-]) and Bitstamp `client_order_id`. About 41 random bits per
 * millisecond keep ids of two processes apart; the journal's primary key catches the rest.
 */

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const CLIENT_ID_RE = /^pt[0-9a-z]{16}$/;

export const CLIENT_ID_LENGTH = 18;

/** A fresh client order id for an order placed at `now` (ms since the epoch). */
export function newClientId(now: number): string {
  const random = new Uint8Array(8);
  crypto.getRandomValues(random);
  let tail = "";
  for (const b of random) tail += DIGITS[b % 36];
  const time = Math.max(0, Math.floor(now)).toString(36).slice(-8).padStart(8, "0");
  return "pt" + time + tail;
}

/** True for ids made by newClientId. */
export function isClientId(id: string): boolean {
  return CLIENT_ID_RE.test(id);
}
