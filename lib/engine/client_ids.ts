/**
 * Client order ids: "pt" + 8 base-36 digits of the time (ms) + 8 base-36 digits of a tail = 18 characters of
 * [0-9a-z]. That fits every venue's limit: Kraken `cl_ord_id` free text (at most 18 characters), Poloniex
 * `clientOrderId` (at most 64 of [A-Za-z0-9_-]) and Bitstamp `client_order_id`. The tail of a millisecond's
 * first id is random (36^8, about 41 bits, uniform), the next ids of the same millisecond count up from it,
 * so one process never makes the same id twice; the random start keeps two processes apart, and the
 * journal's primary key catches the rest.
 */

const CLIENT_ID_RE = /^pt[0-9a-z]{16}$/;
const TAIL_SPACE = 36 ** 8;

export const CLIENT_ID_LENGTH = 18;

let lastTime = "";
let lastTail = 0;

/** A fresh client order id for an order placed at `now` (ms since the epoch). */
export function newClientId(now: number): string {
  const time = Math.max(0, Math.floor(now)).toString(36).slice(-8).padStart(8, "0");
  const tail = time === lastTime ? (lastTail + 1) % TAIL_SPACE : randomTail();
  lastTime = time;
  lastTail = tail;
  return "pt" + time + tail.toString(36).padStart(8, "0");
}

/** Uniform in [0, 36^8): 42 random bits, drawn again when over (36^8 is about 0.64 of 2^42). */
function randomTail(): number {
  const words = new Uint32Array(2);
  for (;;) {
    crypto.getRandomValues(words);
    const n = (words[0]! & 0x3ff) * 2 ** 32 + words[1]!;
    if (n < TAIL_SPACE) return n;
  }
}

/** True for ids made by newClientId. */
export function isClientId(id: string): boolean {
  return CLIENT_ID_RE.test(id);
}
