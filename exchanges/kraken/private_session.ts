import { errorText } from "../../lib/core/mod.ts";
import type { AccountEvent, Balances, ConnectionState } from "../../lib/core/events.ts";
import type { Log } from "../../lib/log/mod.ts";
import { openAccountFeed } from "../../lib/net/open_account_feed.ts";
import { type SocketTuning, socketTuning } from "../../lib/net/socket_tuning.ts";
import type { Timers } from "../../lib/net/timers.ts";
import { KrakenAccount } from "./account.ts";
import type { KrakenCredentials } from "./auth.ts";
import { balancesAfterUpdate, balancesFromSnapshot } from "./balances_parse.ts";
import type { WsBalance, WsExecution, WsLedgerEntry } from "./frames.ts";
import type { NonceSource } from "../../lib/net/nonce.ts";
import { OwnOrders } from "./own_orders.ts";
import { KrakenPrivateFeed } from "./private_feed.ts";
import type { PairLookup } from "./private_parse.ts";
import { KrakenPrivateRest, type Rate } from "./private_rest.ts";

export interface KrakenPrivateSessionOptions extends SocketTuning {
  readonly restUrl: string;
  readonly wsAuthUrl: string;
  readonly credentials: KrakenCredentials;
  readonly nonce: NonceSource;
  readonly timers: Timers;
  readonly log: Log;
  pairs(): Promise<PairLookup>;
  /** Pairs already loaded, for the stream (executions only arrive after connect, which loads them). */
  readonly knownPairs: () => PairLookup | null;
  /** Account events, in arrival order. */
  push(ev: AccountEvent): void;
  /** The account feed's connection state. */
  onState(state: ConnectionState, detail?: string): void;
  readonly restTimeoutMs?: number;
  /** Where orders go: REST (default), or the account WebSocket while it is subscribed. */
  readonly orderTransport?: "rest" | "ws";
  readonly rate?: Rate;
  readonly tradingRate?: Rate;
}

/**
 * Everything that needs the API key: signed REST (the account calls) and the private feed, whose
 * execution reports and balances become OrderAccepted/OrderFilled/OrderCanceled and WalletChanged.
 */
export class KrakenPrivateSession {
  readonly account: KrakenAccount;
  #opts: KrakenPrivateSessionOptions;
  #rest: KrakenPrivateRest;
  #orders: OwnOrders;
  #feed: KrakenPrivateFeed | null = null;
  #wallet: Balances = {};
  #closed = false;

  constructor(opts: KrakenPrivateSessionOptions) {
    this.#opts = opts;
    this.#rest = new KrakenPrivateRest({
      baseUrl: opts.restUrl,
      credentials: opts.credentials,
      nonce: opts.nonce,
      timers: opts.timers,
      timeoutMs: opts.restTimeoutMs,
      rate: opts.rate,
      tradingRate: opts.tradingRate,
    });
    this.#orders = new OwnOrders((symbol) => opts.knownPairs()?.instrument(symbol));
    this.account = new KrakenAccount({
      rest: this.#rest,
      orders: this.#orders,
      pairs: opts.pairs,
      now: () => opts.timers.now(),
      log: opts.log,
      ws: () => (opts.orderTransport === "ws" ? this.#feed : null),
      wsTimeoutMs: opts.restTimeoutMs,
    });
  }

  /** Opens the account feed; a failure is logged (market data goes on) and retried unless the key was refused. */
  async start(): Promise<void> {
    if (this.#feed || this.#closed) return;
    const o = this.#opts;
    this.#feed = new KrakenPrivateFeed({
      url: o.wsAuthUrl,
      token: () => this.account.wsToken(),
      onExecutions: (type, items) => this.#onExecutions(type, items),
      onBalances: (type, items) => this.#onBalances(type, items),
      onState: o.onState,
      log: o.log,
      timers: o.timers,
      ...socketTuning(o),
    });
    await openAccountFeed(this.#feed, "kraken", o.log);
  }

  /** Drops the account feed's socket; it reconnects and resubscribes (tests, and after trouble). */
  reconnectFeed(reason: string): void {
    this.#feed?.reconnect(reason);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#feed?.close();
    this.#rest.close();
  }

  #onExecutions(type: string, items: readonly WsExecution[]): void {
    const now = this.#opts.timers.now();
    for (const item of items) {
      if (typeof item?.order_id !== "string") continue;
      // A snapshot with snap_trades lists past fills too: the open orders are what matters here.
      if (type === "snapshot" && item.exec_type === "trade") continue;
      let applied;
      try {
        applied = this.#orders.apply(item, now);
      } catch (e) {
        this.#opts.log.warn(
          `Ignored execution report ${item.exec_type} of ${item.order_id}: ${errorText(e)}`,
        );
        continue;
      }
      for (const ev of applied.events) this.#opts.push(ev);
      if (applied.unknown) this.#lookUp(item);
    }
  }

  /** A report about an order never seen (placed elsewhere while away): read it over REST, then apply. */
  #lookUp(item: WsExecution): void {
    this.account.queryOrder({ symbol: "", clientId: item.cl_ord_id ?? "", venueId: item.order_id })
      .then((order) => {
        if (!order || this.#closed) return;
        for (const ev of this.#orders.apply(item, this.#opts.timers.now()).events) this.#opts.push(ev);
      })
      .catch((e) => this.#opts.log.warn(`Cannot look up order ${item.order_id}: ${errorText(e)}`));
  }

  #onBalances(type: string, items: readonly (WsBalance | WsLedgerEntry)[]): void {
    try {
      this.#wallet = type === "snapshot"
        ? balancesFromSnapshot(items as WsBalance[])
        : balancesAfterUpdate(this.#wallet, items as WsLedgerEntry[]);
    } catch (e) {
      this.#opts.log.warn(`Ignored a balances ${type}: ${errorText(e)}`);
      return;
    }
    this.#opts.push({ kind: "WalletChanged", balances: this.#wallet, time: this.#opts.timers.now() });
  }
}
