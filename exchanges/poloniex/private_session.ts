import { errorText } from "../../lib/core/errors.ts";
import type { AccountEvent, Balances, ConnectionState } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { Log } from "../../lib/log/mod.ts";
import { openAccountFeed } from "../../lib/net/open_account_feed.ts";
import { type SocketTuning, socketTuning } from "../../lib/net/socket_tuning.ts";
import type { Timers } from "../../lib/net/timers.ts";
import { PoloniexAccount } from "./account.ts";
import type { PoloniexCredentials } from "./auth.ts";
import type { WsBalanceEvent, WsOrderEvent } from "./frames.ts";
import { OwnOrders } from "./own_orders.ts";
import type { VenuePairs } from "./parse.ts";
import { PoloniexPrivateFeed } from "./private_feed.ts";
import { assetTotal } from "./private_parse.ts";
import { PoloniexPrivateRest } from "./private_rest.ts";
import type { RateTiers } from "./rate_tiers.ts";

export interface PoloniexPrivateSessionOptions extends SocketTuning {
  readonly restUrl: string;
  readonly wsAuthUrl: string;
  readonly credentials: PoloniexCredentials;
  readonly tiers: RateTiers;
  readonly timers: Timers;
  readonly log: Log;
  pairs(): Promise<VenuePairs>;
  /** Markets already loaded, for the stream (events only arrive after connect, which loads them). */
  knownPairs(): VenuePairs;
  amountScale(inst: Instrument): number;
  ask(inst: Instrument): Promise<number>;
  /** Account events, in arrival order. */
  push(ev: AccountEvent): void;
  /** The account feed's connection state. */
  onState(state: ConnectionState, detail?: string): void;
  readonly restTimeoutMs?: number;
}

/**
 * Everything that needs the API key: signed REST (the account calls) and the private feed, whose `orders`
 * events become OrderAccepted/OrderFilled/OrderCanceled and whose `balances` events WalletChanged. The
 * balances channel sends changes only, so the wallet is read over REST each time the feed subscribes.
 */
export class PoloniexPrivateSession {
  readonly account: PoloniexAccount;
  #opts: PoloniexPrivateSessionOptions;
  #rest: PoloniexPrivateRest;
  #orders = new OwnOrders();
  #feed: PoloniexPrivateFeed | null = null;
  #wallet: Record<string, string> | null = null;
  #closed = false;

  constructor(opts: PoloniexPrivateSessionOptions) {
    this.#opts = opts;
    this.#rest = new PoloniexPrivateRest({
      baseUrl: opts.restUrl,
      credentials: opts.credentials,
      tiers: opts.tiers,
      timers: opts.timers,
      timeoutMs: opts.restTimeoutMs,
    });
    this.account = new PoloniexAccount({
      rest: this.#rest,
      orders: this.#orders,
      pairs: opts.pairs,
      amountScale: opts.amountScale,
      ask: opts.ask,
      now: () => opts.timers.now(),
      log: opts.log,
    });
  }

  /** Frames the account feed sent (auth, subscriptions, pings); 0 before it started. */
  get feedFramesSent(): number {
    return this.#feed?.sent ?? 0;
  }

  /** Opens the account feed; a failure is logged (market data goes on) and retried unless the key was refused. */
  async start(): Promise<void> {
    if (this.#feed || this.#closed) return;
    const o = this.#opts;
    this.#feed = new PoloniexPrivateFeed({
      url: o.wsAuthUrl,
      credentials: o.credentials,
      onOrders: (items) => this.#onOrders(items),
      onBalances: (items) => this.#onBalances(items),
      onState: o.onState,
      onSubscribed: () => this.#readWallet(),
      log: o.log,
      timers: o.timers,
      ...socketTuning(o),
    });
    await openAccountFeed(this.#feed, "poloniex", o.log);
  }

  /** Drops the account feed's socket; it reconnects and subscribes again. */
  reconnectFeed(reason: string): void {
    this.#feed?.reconnect(reason);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#feed?.close();
    this.#rest.close();
  }

  #onOrders(items: readonly WsOrderEvent[]): void {
    const pairs = this.#opts.knownPairs();
    const now = this.#opts.timers.now();
    for (const item of items) {
      let events: AccountEvent[];
      try {
        events = this.#orders.apply(item, pairs, now);
      } catch (e) {
        this.#opts.log.warn(`Ignored an order event ${item?.eventType} of ${item?.orderId}: ${errorText(e)}`);
        continue;
      }
      for (const ev of events) this.#opts.push(ev);
    }
  }

  #readWallet(): void {
    this.account.balances().then((b) => {
      if (this.#closed) return;
      this.#wallet = { ...b };
      this.#opts.push({ kind: "WalletChanged", balances: this.#wallet, time: this.#opts.timers.now() });
    }).catch((e) => this.#opts.log.warn(`Cannot read the poloniex wallet: ${errorText(e)}`));
  }

  /** Each event carries an asset's new available and held amounts; the wallet holds their sum. */
  #onBalances(items: readonly WsBalanceEvent[]): void {
    if (this.#wallet === null) return; // the REST read that starts the wallet is on its way
    const next: Record<string, string> = { ...this.#wallet };
    try {
      for (const b of items) {
        if (b?.accountType !== undefined && b.accountType !== "SPOT") continue;
        next[String(b.currency).toUpperCase()] = assetTotal(b);
      }
    } catch (e) {
      this.#opts.log.warn(`Ignored a balances event: ${errorText(e)}`);
      return;
    }
    this.#wallet = next;
    const balances: Balances = next;
    this.#opts.push({ kind: "WalletChanged", balances, time: this.#opts.timers.now() });
  }
}
