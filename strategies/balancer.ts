/**
 * Balancer: keeps the portfolio at 50/50 between base and quote with one buy below and one sell above the
 * centre price; when one fills, it re-centres on the new balances and places the next pair.
 *
 * Keys: i info, o orders, r rebalance at market, p place orders (start), c cancel (halt), u account,
 * s switch live/simulation, h help.
 *
 * Unlike the original: it starts halted (press p), so a leftover order never triggers trading; it only ever
 * touches its own orders; the simulated wallet is its own and survives reloads; simulated fills pay the fee
 * on both sides; forced levels are the `force_levels` setting instead of `_balancer_force_<price>` files.
 */

import type { OrderChange, OrderView, Strategy, StrategyApi, Ticker } from "../lib/strategy/sdk.ts";
import {
  buyAt,
  centre,
  type Holdings,
  type LevelParams,
  type Plan,
  type PlanNote,
  planOrders,
  rebalance,
  simulateFill,
} from "./balancer_math.ts";
import { count, fixed } from "./number_text.ts";

export { fixed };

export const defaults = {
  simulate: true,
  distance: 5,
  distance_sell: 5,
  quote_cold: 0,
  base_cold: 0,
  quote_limit: 0,
  base_limit: 0,
  compensate_fees: true,
  correction_margin: 1,
  /** Smallest order amount in base units; 0 = the pair's own minimum (the original hard-coded 0.1). */
  min_amount: 0,
  /** Used when the venue reports no fee, percent. */
  trade_fee: 0.16,
  /** Comma-separated prices the levels snap to instead of the computed ones. */
  force_levels: "",
  /** Simulated starting wallet; both 0 = balanced at the current price: 1 base unit and its price in quote. */
  simulate_quote: 0,
  simulate_base: 0,
  simulate_fee: 0.05,
  /** Start as if p was pressed once the price and balances are known (for `pytrader run`, which has no keys). */
  autostart: false,
};

type Config = typeof defaults;

/** Simulated orders: what `p` would have placed. */
interface SimOrders {
  readonly nextBuy: number;
  readonly buyAmount: number;
  readonly nextSell: number;
  readonly sellAmount: number;
}

interface SavedState {
  readonly simulate: boolean;
  readonly running: boolean;
  readonly simWallet: Holdings | null;
  readonly sim: SimOrders | null;
  readonly trades: number;
}

/** How long to wait for the balance after a fill before going on with the one known. */
const WALLET_WAIT_MS = 10_000;

const HELP = "keys: i info, o orders, r rebalance at market, p place orders, c cancel and halt, u account, " +
  "s live/simulation, h help";

export default class Balancer implements Strategy {
  #api: StrategyApi;
  #c: Config;
  #simulate: boolean;
  #running = false;
  #simWallet: Holdings | null = null;
  #sim: SimOrders | null = null;
  #trades = 0;
  #bid = 0;
  #ask = 0;
  #waitingForWallet = false;
  #stopWaiting: (() => void) | null = null;
  #autostart = false;

  constructor(api: StrategyApi) {
    this.#api = api;
    this.#c = api.config as unknown as Config;
    this.#simulate = this.#c.simulate;
  }

  onStart(api: StrategyApi, state: unknown): void {
    const s = readState(state);
    if (s) {
      // A reload keeps the mode switched with `s`; a restart goes back to the configured one.
      if (api.reloaded) this.#simulate = s.simulate;
      this.#simWallet = s.simWallet;
      this.#sim = s.sim;
      this.#trades = s.trades;
      // After a restart the market moved on unseen: wait for `p`. A reload (`l`) carries on.
      this.#running = api.reloaded && s.running;
    }
    this.#bid = api.book.bid;
    this.#ask = api.book.ask;
    if (this.#simulate && !this.#simWallet) this.#resetSimWallet();
    this.#autostart = this.#c.autostart && !this.#running;
    const how = this.#running ? "running" : this.#autostart ? "starting (autostart)" : "halted (p to start)";
    api.log(`balancer ${this.#mode()}${how}; ${HELP}`);
    // Orders of an earlier run were placed around a centre the market has left: halted, none stay working.
    if (!this.#running && !this.#simulate && api.orders.length > 0) {
      const n = api.orders.length;
      api.cancelAll();
      api.log(`canceled ${count(n, "order", "orders")} left from the last run`);
    }
    this.#maybeAutostart();
  }

  #maybeAutostart(): void {
    if (!this.#autostart || this.#bid === 0 || this.#ask === 0 || !this.#holdings()) return;
    this.#autostart = false;
    this.onKeypress("p");
  }

  onTick(t: Ticker): void {
    if (t.bid > 0) this.#bid = t.bid;
    if (t.ask > 0) this.#ask = t.ask;
    if (this.#simulate && !this.#simWallet) this.#resetSimWallet();
    this.#maybeAutostart();
    if (this.#simulate) this.#simulateFills();
  }

  onOwnsChanged(_orders: readonly OrderView[], changes: readonly OrderChange[]): void {
    if (this.#simulate) return;
    for (const c of changes) {
      if (c.order.status === "rejected") {
        this.#halt(
          `order ${c.order.id} was refused (${c.order.error ?? "no reason given"}); halted, orders canceled`,
        );
        return;
      }
      if (c.filledNow > 0) {
        const side = c.order.side === "buy" ? "bought" : "sold";
        this.#api.log(
          `${side} ${this.#v(c.filledNow)} ${this.#api.instrument.base} at ${
            c.order.price === null ? "market" : this.#p(c.order.price)
          }`,
        );
        this.#awaitWallet();
      }
    }
    this.#check();
  }

  onWalletChanged(): void {
    this.#stopWaiting?.();
    this.#stopWaiting = null;
    this.#waitingForWallet = false;
    this.#maybeAutostart();
    if (!this.#simulate) this.#check();
  }

  onKeypress(key: string): void {
    switch (key) {
      case "h":
        return this.#api.log(HELP);
      case "i":
        return this.#info();
      case "o":
        return this.#orders();
      case "u":
        return this.#account();
      case "c":
        return this.#halt(`${this.#mode()}halted, orders canceled`);
      case "p":
        this.#running = true;
        this.#cancelOrders();
        return this.#placeOrders();
      case "r":
        return this.#rebalance();
      case "s":
        return this.#switchMode();
    }
  }

  onBeforeUnload(): SavedState {
    return {
      simulate: this.#simulate,
      running: this.#running,
      simWallet: this.#simWallet,
      sim: this.#sim,
      trades: this.#trades,
    };
  }

  /** Live loop: when one of the two orders is gone (filled) and the balance is known, re-centre. */
  #check(): void {
    if (!this.#running || this.#simulate) return;
    const h = this.#holdings();
    if (!h) return;
    const orders = this.#api.orders;
    if (orders.some((o) => o.status !== "open")) return; // sent, not yet confirmed
    if (orders.length !== 1) return;
    if (this.#waitingForWallet) return;
    const c = this.#c;
    const q = this.#api.instrument.quote;
    const b = this.#api.instrument.base;
    if (h.quote <= c.quote_limit || h.base <= c.base_limit) {
      this.#halt(
        h.quote <= c.quote_limit
          ? `${q} ${this.#p(h.quote)} is below the minimum of ${c.quote_limit}: halted, orders canceled`
          : `${b} ${this.#v(h.base)} is below the minimum of ${c.base_limit}: halted, orders canceled`,
      );
      return;
    }
    this.#api.log(`got balances, ${orders[0]!.side === "buy" ? "sold" : "bought"}: re-centring`);
    this.#cancelOrders();
    this.#placeOrders();
  }

  #awaitWallet(): void {
    this.#waitingForWallet = true;
    this.#api.log("waiting for balances...");
    this.#stopWaiting?.();
    this.#stopWaiting = this.#api.setTimer(WALLET_WAIT_MS, () => {
      this.#stopWaiting = null;
      if (!this.#waitingForWallet) return;
      this.#waitingForWallet = false;
      this.#api.log(`no new balance after ${WALLET_WAIT_MS / 1000} s; going on with the last one`);
      this.#check();
    });
  }

  #placeOrders(): void {
    const h = this.#holdings();
    const plan = h ? planOrders(h, this.#bid, this.#ask, this.#params()) : null;
    if (!h || !plan || (this.#bid === 0 && this.#ask === 0)) {
      this.#api.log("waiting for price and balances...");
      return;
    }
    this.#api.log(`[${new Date().toISOString().slice(11, 19)}] center is ${this.#p(plan.centre)}`);
    for (const note of plan.notes) this.#api.log(this.#note(note));
    if (this.#simulate) {
      this.#sim = {
        nextBuy: this.#ask !== 0 ? plan.nextBuy : 0,
        buyAmount: this.#ask !== 0 ? plan.buyAmount : 0,
        nextSell: this.#bid !== 0 ? plan.nextSell : 0,
        sellAmount: this.#bid !== 0 ? plan.sellAmount : 0,
      };
    } else {
      if (this.#ask !== 0) this.#api.buy(plan.nextBuy, plan.buyAmount);
      if (this.#bid !== 0) this.#api.sell(plan.nextSell, plan.sellAmount);
    }
    this.#logPlan(plan);
  }

  #note(n: PlanNote): string {
    if (n.kind === "raised") {
      return `${n.side} amount ${this.#v(n.amount)} raised to the minimum ${this.#v(n.minimum)}`;
    }
    return `corrected next ${n.side} at ${this.#p(n.price)} instead of ${this.#p(n.instead)}, ${
      n.side === "sell" ? "ask" : "bid"
    } price at ${this.#p(n.best)}`;
  }

  #logPlan(plan: Plan): void {
    const q = this.#api.instrument.quote;
    for (
      const [side, amount, price] of [["buy", plan.buyAmount, plan.nextBuy], [
        "sell",
        plan.sellAmount,
        plan.nextSell,
      ]] as const
    ) {
      this.#api.log(
        `${this.#mode()}new ${side} order ${this.#v(amount)} at ${this.#p(price)} for ${
          this.#q(amount, price)
        } ${q}`,
      );
    }
  }

  #simulateFills(): void {
    const s = this.#sim;
    const h = this.#simWallet;
    if (!this.#running || !s || !h) return;
    const fee = this.#c.simulate_fee;
    if (s.sellAmount > 0 && this.#ask >= s.nextSell) {
      this.#simWallet = simulateFill(h, "sell", s.nextSell, s.sellAmount, fee);
      this.#simTrade("sold", s.sellAmount, s.nextSell);
    } else if (s.buyAmount > 0 && this.#bid <= s.nextBuy) {
      this.#simWallet = simulateFill(h, "buy", s.nextBuy, s.buyAmount, fee);
      this.#simTrade("bought", s.buyAmount, s.nextBuy);
    }
  }

  #simTrade(what: string, volume: number, price: number): void {
    this.#trades++;
    const w = this.#simWallet!;
    this.#api.log(
      `SIMULATION - ${what} ${this.#v(volume)} at ${this.#p(price)}; wallet ${
        this.#p(w.quote)
      } ${this.#api.instrument.quote}, ${this.#v(w.base)} ${this.#api.instrument.base}`,
    );
    this.#placeOrders();
  }

  #rebalance(): void {
    this.#running = false;
    this.#cancelOrders();
    const h = this.#holdings();
    const r = h ? rebalance(h, this.#bid, this.#ask) : null;
    if (!h || !r) {
      this.#api.log("waiting for price and balances...");
      return;
    }
    if (!(r.volume >= Math.max(this.#api.instrument.minVolume, 1e-8))) {
      this.#api.log(
        `${this.#mode()}already balanced (${this.#v(r.volume)} ${this.#api.instrument.base} to trade)`,
      );
      return;
    }
    const price = r.side === "buy" ? this.#ask : this.#bid;
    this.#api.log(
      `${this.#mode()}${r.side === "buy" ? "buying" : "selling"} ${this.#v(r.volume)} at market price of ${
        this.#p(price)
      }`,
    );
    if (this.#simulate) {
      this.#simWallet = simulateFill(this.#simWallet!, r.side, price, r.volume, this.#c.simulate_fee);
      this.#trades++;
    } else if (r.side === "buy") this.#api.buy(null, r.volume);
    else this.#api.sell(null, r.volume);
  }

  #switchMode(): void {
    this.#cancelOrders();
    this.#running = false;
    this.#autostart = false;
    this.#simulate = !this.#simulate;
    if (this.#simulate) this.#resetSimWallet();
    const w = this.#simWallet;
    const i = this.#api.instrument;
    this.#api.log(
      !this.#simulate
        ? "LIVE mode: p places real orders"
        : w
        ? `SIMULATION mode, wallet ${this.#p(w.quote)} ${i.quote} and ${
          this.#v(w.base)
        } ${i.base}; p to start`
        : "SIMULATION mode, wallet set at the first price; p to start",
    );
  }

  /** Halted means nothing of the balancer's is left working: every halt cancels its orders. */
  #halt(reason: string): void {
    this.#running = false;
    this.#autostart = false;
    this.#cancelOrders();
    this.#api.log(reason);
  }

  #cancelOrders(): void {
    if (this.#simulate) this.#sim = null;
    else this.#api.cancelAll();
  }

  /** The configured simulated wallet, or (both 0) one balanced at the mid price once a price is known. */
  #resetSimWallet(): void {
    const { simulate_quote: quote, simulate_base: base } = this.#c;
    const mid = this.#bid > 0 && this.#ask > 0 ? (this.#bid + this.#ask) / 2 : 0;
    this.#simWallet = quote > 0 || base > 0 ? { quote, base } : mid > 0 ? { quote: mid, base: 1 } : null;
    this.#sim = null;
  }

  /** Balances the maths works on: simulated or real, plus the cold amounts; null while unknown. */
  #holdings(): Holdings | null {
    const c = this.#c;
    if (this.#simulate) {
      const w = this.#simWallet;
      return w ? { quote: w.quote + c.quote_cold, base: w.base + c.base_cold } : null;
    }
    if (!this.#api.hasAccount) return null;
    const i = this.#api.instrument;
    const quote = (this.#api.wallet[i.quote] ?? 0) + c.quote_cold;
    const base = (this.#api.wallet[i.base] ?? 0) + c.base_cold;
    return quote > 0 || base > 0 ? { quote, base } : null;
  }

  #params(): LevelParams {
    const c = this.#c;
    const forced = String(c.force_levels).split(",").map((s) => Number(s.trim())).filter((x) =>
      Number.isFinite(x) && x > 0
    );
    return {
      distance: c.distance,
      distanceSell: c.distance_sell,
      fee: this.#simulate ? c.simulate_fee : this.#api.fee ?? c.trade_fee,
      compensateFees: c.compensate_fees,
      correctionMargin: c.correction_margin,
      minAmount: c.min_amount > 0 ? c.min_amount : this.#api.instrument.minVolume,
      forced,
    };
  }

  /** A price as it would be sent: the pair's price decimals, rounded to the nearest. */
  #p(price: number): string {
    return fixed(price, this.#api.instrument.pricePrecision, "nearest");
  }

  /** A volume as it would be sent: the pair's volume decimals, cut. */
  #v(volume: number): string {
    return fixed(volume, this.#api.instrument.qtyPrecision, "down");
  }

  /** What `volume` at `price` comes to, both as they would be sent, in the price's decimals. */
  #q(volume: number, price: number): string {
    return this.#p(Number(this.#v(volume)) * Number(this.#p(price)));
  }

  #mode(): string {
    return this.#simulate ? "SIMULATION - " : "LIVE - ";
  }

  #info(): void {
    const h = this.#holdings();
    const plan = h ? planOrders(h, this.#bid, this.#ask, this.#params()) : null;
    if (!h || !plan) return this.#api.log("waiting for price and balances...");
    const i = this.#api.instrument;
    const mid = (this.#bid + this.#ask) / 2;
    this.#api.log(`${this.#mode()}center is ${this.#p(centre(h)!)}`);
    this.#api.log(`${i.base} difference at current price: ${mid > 0 ? this.#v(buyAt(mid, h)) : "-"}`);
    this.#api.log(
      `ask: ${this.#v(plan.sellAmount)} ${i.base} @ ${this.#p(plan.nextSell)} = ${
        this.#q(plan.sellAmount, plan.nextSell)
      } ${i.quote}`,
    );
    this.#api.log(
      `bid: ${this.#v(plan.buyAmount)} ${i.base} @ ${this.#p(plan.nextBuy)} = ${
        this.#q(plan.buyAmount, plan.nextBuy)
      } ${i.quote}`,
    );
    const fee = this.#params().fee;
    this.#api.log(
      `trade fee: ${fee}%; ${this.#running ? "running" : "halted"}; ${
        count(this.#trades, "trade", "trades")
      }`,
    );
  }

  #orders(): void {
    const i = this.#api.instrument;
    const rows = this.#simulate && this.#sim
      ? [
        {
          side: "sell",
          status: "simulated",
          volume: this.#sim.sellAmount,
          price: this.#sim.nextSell,
          id: "",
        },
        { side: "buy", status: "simulated", volume: this.#sim.buyAmount, price: this.#sim.nextBuy, id: "" },
      ]
      : this.#api.orders.map((o) => ({
        side: o.side,
        status: o.status,
        volume: o.volume,
        price: o.price ?? 0,
        id: o.id,
      }));
    if (rows.length === 0) return this.#api.log(`${this.#mode()}no orders`);
    let base = 0;
    let quote = 0;
    for (const r of rows) {
      this.#api.log(
        `${r.status} ${r.side} ${this.#v(r.volume)} @ ${this.#p(r.price)} = ${
          this.#q(r.volume, r.price)
        } ${i.quote}${r.id ? ` ${r.id}` : ""}`,
      );
      base += r.side === "buy" ? r.volume : -r.volume;
      quote += r.side === "sell" ? r.volume * r.price : -r.volume * r.price;
    }
    const f = 1 - this.#params().fee / 100;
    this.#api.log(
      `profit would be ${this.#v(base / 2 * f)} ${i.base}, ${this.#p(quote / 2 * f)} ${i.quote}`,
    );
  }

  #account(): void {
    const i = this.#api.instrument;
    const h = this.#holdings();
    this.#api.log(
      h
        ? `${this.#mode()}wallet ${this.#p(h.quote)} ${i.quote}, ${this.#v(h.base)} ${i.base}; ${
          count(this.#api.orders.length, "own order", "own orders")
        }`
        : "no account information yet",
    );
  }
}

function readState(s: unknown): SavedState | null {
  if (typeof s !== "object" || s === null) return null;
  const o = s as Record<string, unknown>;
  const holdings = (v: unknown): Holdings | null => {
    const h = v as Holdings | null;
    return h && typeof h.quote === "number" && typeof h.base === "number"
      ? { quote: h.quote, base: h.base }
      : null;
  };
  const sim = o.sim as SimOrders | null;
  return {
    simulate: o.simulate === true,
    running: o.running === true,
    simWallet: holdings(o.simWallet),
    sim: sim && typeof sim.nextBuy === "number" && typeof sim.nextSell === "number" ? sim : null,
    trades: typeof o.trades === "number" ? o.trades : 0,
  };
}
