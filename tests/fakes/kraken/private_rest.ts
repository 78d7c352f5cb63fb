import type { FakeAccount, Reply } from "./account.ts";
import { apiSign } from "./sign_check.ts";
import { type AnswerFault, errorPage, faultedAnswer, json } from "../common/faulted_answer.ts";
import { takeFault } from "../common/take_fault.ts";

export { DROPPED } from "../common/faulted_answer.ts";

/** An API key pair the fake accepts. */
export interface FakeKey {
  readonly key: string;
  readonly secret: string;
}

/**
 * A fault for the next private request (of `method`, or any; `times` requests in a row). `error` answers a
 * Kraken error and does nothing (with `accept: true`, after carrying the request out: the answer a copy of
 * the request sent again would get); `hang` (never answer until release()), `drop` (break the connection
 * mid-answer, after the headers), `destroy` (destroy the TCP connection before a byte of the answer),
 * `status` (an HTTP error page) and `body` (this text instead of the answer) act after the request was
 * carried out, unless `accept` is false.
 */
export interface PrivateFault extends AnswerFault {
  readonly method?: string;
  readonly error?: string;
  readonly accept?: boolean;
  times?: number;
}

export interface PrivateCall {
  readonly method: string;
  /** The form parameters but the nonce. */
  readonly params: Readonly<Record<string, string>>;
  /** What the fake answered: "ok", a Kraken error, or the fault. */
  outcome: string;
}

/**
 * The fake's `/0/private/*`: checks API-Key, API-Sign (recomputed independently) and that each key's
 * nonces strictly increase, then answers Balance, OpenOrders, ClosedOrders, QueryOrders, AddOrder,
 * CancelOrder, CancelAll and GetWebSocketsToken from a FakeAccount in the documented shapes.
 */
export class FakePrivateRest {
  readonly calls: PrivateCall[] = [];
  faults: PrivateFault[] = [];
  readonly tokens = new Set<string>();
  #keys = new Map<string, { secret: string; last: bigint }>();
  #tokenSeq = 0;

  constructor(readonly account: FakeAccount, keys: readonly FakeKey[], readonly stall: () => Promise<void>) {
    for (const k of keys) this.#keys.set(k.key, { secret: k.secret, last: 0n });
  }

  /**
   * Requests of `method` as the fake received them (recorded on arrival: wait for their effect on the fake's
   * account before reading the outcome).
   */
  callsOf(method: string): PrivateCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls of `method` that got past authentication. */
  count(method: string): number {
    return this.callsOf(method).filter((c) => c.outcome !== "EAPI:Invalid key").length;
  }

  /** `kill` destroys the TCP connection the request came on (the `destroy` fault). */
  async handle(req: Request, path: string, kill: () => boolean = () => false): Promise<Response> {
    const method = path.slice("/0/private/".length);
    const body = await req.text();
    const form = new URLSearchParams(body);
    const params: Record<string, string> = {};
    for (const [k, v] of form) if (k !== "nonce") params[k] = v;
    const call: PrivateCall = { method, params, outcome: "ok" };
    this.calls.push(call);
    const refused = await this.#authenticate(req, path, form.get("nonce") ?? "", body);
    if (refused) {
      call.outcome = refused;
      return json({ error: [refused] });
    }
    const fault = takeFault(this.faults, (f) => f.method === undefined || f.method === method);
    if (fault?.error && fault.accept !== true) {
      call.outcome = fault.error;
      return json({ error: [fault.error] });
    }
    const accept = fault?.accept ?? true;
    if (fault && !accept && fault.status) {
      call.outcome = `HTTP ${fault.status}`;
      return errorPage(fault.status);
    }
    if (fault && !accept && fault.destroy) {
      call.outcome = kill() ? "destroyed" : "not destroyed: no such connection";
      return new Response(null, { status: 204 });
    }
    const reply = this.#dispatch(method, form);
    call.outcome = reply.error[0] ?? "ok";
    if (fault?.error) {
      call.outcome += ` (answered ${fault.error})`;
      return json({ error: [fault.error] });
    }
    return await faultedAnswer(fault, call, JSON.stringify(reply), 200, { stall: () => this.stall(), kill });
  }

  async #authenticate(req: Request, path: string, nonce: string, body: string): Promise<string | null> {
    const k = this.#keys.get(req.headers.get("api-key") ?? "");
    if (!k) return "EAPI:Invalid key";
    const sign = req.headers.get("api-sign") ?? "";
    if (sign !== await apiSign(path, nonce, body, k.secret)) return "EAPI:Invalid signature";
    if (!/^\d{1,20}$/.test(nonce) || BigInt(nonce) <= k.last) return "EAPI:Invalid nonce";
    k.last = BigInt(nonce);
    return null;
  }

  #dispatch(method: string, form: URLSearchParams): Reply {
    const a = this.account;
    switch (method) {
      case "Balance":
        return { error: [], result: a.balanceResult() };
      case "OpenOrders":
        return { error: [], result: { open: a.openOrders(form.get("cl_ord_id")) } };
      case "ClosedOrders": {
        const closed = a.closedOrders(form.get("cl_ord_id"));
        return { error: [], result: { closed, count: Object.keys(closed).length } };
      }
      case "QueryOrders":
        return a.queryOrders((form.get("txid") ?? "").split(",").filter((t) => t !== ""));
      case "AddOrder":
        if (!["XXBTZUSD", "XBTUSD", "XBT/USD", "BTC/USD"].includes(form.get("pair") ?? "")) {
          return { error: ["EQuery:Unknown asset pair"] };
        }
        return a.addOrder(form);
      case "CancelOrder":
        return a.cancelOrder(form);
      case "CancelAll":
        return a.cancelAll();
      case "GetWebSocketsToken": {
        const token = `FakeWsToken${String(++this.#tokenSeq).padStart(32, "0")}`;
        this.tokens.add(token);
        return { error: [], result: { token, expires: 900 } };
      }
      default:
        return { error: ["EGeneral:Unknown method"] };
    }
  }
}
