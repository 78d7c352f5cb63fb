/**
 * What buy.ts and sell.ts share: watch the price against a level, log an alert when it comes close, and
 * place ONE order when it crosses (not one per tick). With `repeat`, the strategy re-arms once the price has
 * left the alert zone again and the order has ended. With `simulate` (the default) it only logs.
 */

import type { OrderChange, OrderView, Strategy, StrategyApi, Ticker } from "../lib/strategy/sdk.ts";
import { orderVolume, type Zone, zoneOf } from "./level_trigger.ts";
import { fixed } from "./number_text.ts";

export const levelDefaults = {
  simulate: true,
  /** The price to trade at; 0 = not set (nothing happens). */
  level: 0,
  /** Distance from the level at which to log an alert. */
  alert: 0,
  /** Amount per order; 0 = the whole available balance. */
  volume: 0,
  /** "quote" (e.g. USD) or "base" (e.g. BTC). */
  volume_in: "quote",
  /** Fee in percent kept aside when buying with the whole balance. */
  fee: 0.26,
  repeat: false,
};

type Config = typeof levelDefaults;

interface SavedState {
  readonly armed: boolean;
  readonly orderId: string | null;
}

export class LevelStrategy implements Strategy {
  #api: StrategyApi;
  #side: "buy" | "sell";
  #key: string;
  #c: Config;
  #armed = true;
  #orderId: string | null = null;
  #zone: Zone | null = null;
  #warned = false;

  constructor(api: StrategyApi, side: "buy" | "sell", key: string) {
    this.#api = api;
    this.#side = side;
    this.#key = key;
    this.#c = api.config as unknown as Config;
  }

  onStart(api: StrategyApi, state: unknown): void {
    const s = state as Partial<SavedState> | undefined;
    if (s && typeof s.armed === "boolean") {
      this.#armed = s.armed;
      this.#orderId = typeof s.orderId === "string" ? s.orderId : null;
    }
    api.log(`${this.#side}: ${this.#objective()} (key ${this.#key} shows it again)`);
  }

  onTick(t: Ticker): void {
    const c = this.#c;
    if (!(c.level > 0)) {
      if (!this.#warned) this.#api.log(`${this.#side}: set level in [strategy.${this.#api.name}] of the ini`);
      this.#warned = true;
      return;
    }
    const price = this.#side === "buy" ? t.ask : t.bid;
    if (!(price > 0)) return;
    const zone = zoneOf(this.#side, price, c.level, c.alert);
    const entered = zone !== this.#zone;
    this.#zone = zone;
    if (zone === "trigger" && this.#armed) return this.#trigger(price);
    if (zone === "alert" && entered) {
      this.#api.log(
        `!!! ${this.#side} ALERT: ${this.#priceName()} ${this.#p(price)} is within ${
          this.#p(c.alert)
        } of the ` +
          `level ${this.#p(c.level)}`,
      );
    }
    if (zone === "away" && !this.#armed && c.repeat && this.#orderId === null) {
      this.#armed = true;
      this.#api.log(`${this.#side}: re-armed`);
    }
  }

  onOwnsChanged(_orders: readonly OrderView[], changes: readonly OrderChange[]): void {
    for (const { order, filledNow } of changes) {
      if (order.id !== this.#orderId) continue;
      if (filledNow > 0) {
        this.#api.log(
          `${this.#side}: filled ${this.#v(filledNow)} ${this.#api.instrument.base} of ${order.id}`,
        );
      }
      if (order.status === "rejected") {
        this.#api.log(`${this.#side}: order refused: ${order.error ?? "no reason given"}`);
      }
      if (order.status === "filled" || order.status === "canceled" || order.status === "rejected") {
        this.#orderId = null;
      }
    }
  }

  onKeypress(key: string): void {
    if (key === this.#key) this.#api.log(`${this.#side}: ${this.#objective()}`);
  }

  onBeforeUnload(): SavedState {
    return { armed: this.#armed, orderId: this.#orderId };
  }

  #trigger(price: number): void {
    const c = this.#c;
    const i = this.#api.instrument;
    const volume = orderVolume(this.#side, price, {
      volume: c.volume,
      unit: c.volume_in === "base" ? "base" : "quote",
      fee: c.fee,
    }, { quote: this.#api.wallet[i.quote] ?? 0, base: this.#api.wallet[i.base] ?? 0 });
    this.#armed = false;
    if (!(volume > 0)) {
      this.#api.log(`${this.#side}: the level is reached but there is nothing to ${this.#side}`);
      return;
    }
    const what = `${this.#side.toUpperCase()} ${this.#v(volume)} ${i.base} @ ${this.#p(price)}`;
    if (c.simulate) {
      this.#api.log(`>>> SIMULATION - would ${what} (simulate = True)`);
      return;
    }
    try {
      this.#orderId = this.#side === "buy" ? this.#api.buy(price, volume) : this.#api.sell(price, volume);
      this.#api.log(`>>> ${what}, order ${this.#orderId}`);
    } catch (e) {
      this.#api.log(`${this.#side}: cannot place the order: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** A price (or a distance in quote units) in the pair's price decimals. */
  #p(price: number): string {
    return fixed(price, this.#api.instrument.pricePrecision, "nearest");
  }

  /** A volume as it is sent: the pair's volume decimals, cut. */
  #v(volume: number): string {
    return fixed(volume, this.#api.instrument.qtyPrecision, "down");
  }

  #priceName(): string {
    return this.#side === "buy" ? "ask" : "bid";
  }

  #objective(): string {
    const c = this.#c;
    if (!(c.level > 0)) return `no level set ([strategy.${this.#api.name}] level)`;
    const alertAt = this.#side === "buy" ? c.level + c.alert : c.level - c.alert;
    const i = this.#api.instrument;
    const amount = c.volume === 0
      ? "the whole balance"
      : c.volume_in === "base"
      ? `${this.#v(c.volume)} ${i.base}`
      : `${this.#p(c.volume)} ${i.quote}`;
    const price = this.#side === "buy" ? this.#api.book.ask : this.#api.book.bid;
    return `${this.#side} level @ ${this.#p(c.level)} (alert: ${this.#p(alertAt)}); ${this.#priceName()} @ ${
      this.#p(price)
    }; ${amount}; ` +
      `${c.simulate ? "simulation" : "LIVE"}; ${
        this.#armed ? "armed" : this.#orderId ? `order ${this.#orderId} working` : "done"
      }`;
  }
}
