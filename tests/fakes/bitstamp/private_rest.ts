import type { Answer, FakeAccount } from "./account.ts";
import { AUTH_ERRORS } from "./payloads.ts";
import { expectedSignature } from "./sign_check.ts";
import { type AnswerFault, errorPage, faultedAnswer, json } from "../common/faulted_answer.ts";
import { takeFault } from "../common/take_fault.ts";

export { DROPPED } from "../common/faulted_answer.ts";

/** An API key pair the fake accepts. */
export interface FakeKey {
  readonly key: string;
  readonly secret: string;
}

/**
 * A fault for the next private request (of `endpoint`, e.g. "buy/btcusd", or any). `answer` replies with
 * that refusal and does nothing; `hang` (never answer until release()), `drop` (break the connection
 * mid-answer), `status` (an HTTP error page) and `body` (this text instead of the answer) act after the
 * request was carried out (`destroy`: the TCP connection cut before a byte of the answer), unless `accept`
 * is false.
 */
export interface PrivateFault extends AnswerFault {
  readonly endpoint?: string;
  readonly answer?: Answer;
  readonly accept?: boolean;
  times?: number;
}

export interface PrivateCall {
  /** "buy/btcusd", "order_status", ... */
  readonly endpoint: string;
  readonly params: Readonly<Record<string, string>>;
  /** The raw body and the Content-Type header as received. */
  readonly body: string;
  readonly contentType: string | null;
  outcome: string;
}

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Nonces are single use within 150 s; timestamps must be within 150 s of the server's clock. */
const WINDOW_MS = 150_000;

/**
 * The fake's `/api/v2/<private>/`: checks the X-Auth headers as Bitstamp documents them (key, version,
 * a lowercase UUID4 nonce used once, a timestamp within 150 s, Content-Type present exactly when there is a
 * body, the signature recomputed independently), then answers from a FakeAccount in the documented shapes.
 */
export class FakePrivateRest {
  readonly calls: PrivateCall[] = [];
  faults: PrivateFault[] = [];
  /** Tokens handed out by websockets_token/, with their expiry (ms, the fake's clock). */
  readonly tokens = new Map<string, number>();
  readonly userId = 4848701;
  /**
   * "This API call is cached for 10 seconds" (open_orders/, https://www.bitstamp.net/api/): an answer
   * younger than this is served again, orders placed or ended since notwithstanding. 0 turns it off.
   */
  openOrdersCacheMs = 10_000;
  #openCache: { at: number; answer: Answer } | null = null;
  #keys = new Map<string, string>();
  #nonces = new Map<string, number>();
  #tokenSeq = 0;

  constructor(
    readonly account: FakeAccount,
    keys: readonly FakeKey[],
    readonly stall: () => Promise<void>,
    readonly now: () => number,
  ) {
    for (const k of keys) this.#keys.set(k.key, k.secret);
  }

  /** Calls of `endpoint` that got past authentication. */
  count(endpoint: string): number {
    return this.calls.filter((c) => c.endpoint === endpoint && !c.outcome.startsWith("API00")).length;
  }

  /** `kill` destroys the TCP connection the request came on (the `destroy` fault). */
  async handle(req: Request, url: URL, kill: () => boolean = () => false): Promise<Response> {
    const endpoint = url.pathname.replace(/^\/api\/v2\//, "").replace(/\/$/, "");
    const body = await req.text();
    const form = new URLSearchParams(body);
    const params: Record<string, string> = {};
    for (const [k, v] of form) params[k] = v;
    const call: PrivateCall = {
      endpoint,
      params,
      body,
      contentType: req.headers.get("content-type"),
      outcome: "ok",
    };
    this.calls.push(call);
    const refused = await this.#authenticate(req, url, body);
    if (refused) {
      call.outcome = refused;
      return json({ status: "error", reason: AUTH_ERRORS[refused], code: refused }, 403);
    }
    const fault = takeFault(this.faults, (f) => f.endpoint === undefined || f.endpoint === endpoint);
    if (fault?.answer) {
      call.outcome = JSON.stringify(fault.answer.body);
      return json(fault.answer.body, fault.answer.status);
    }
    if (fault && fault.accept === false && fault.status) {
      call.outcome = `HTTP ${fault.status}`;
      return errorPage(fault.status);
    }
    const answer = this.#dispatch(endpoint, form);
    call.outcome = answer.status === 200 ? "ok" : JSON.stringify(answer.body);
    const text = JSON.stringify(answer.body);
    return await faultedAnswer(fault, call, text, answer.status, { stall: () => this.stall(), kill });
  }

  async #authenticate(req: Request, url: URL, body: string): Promise<keyof typeof AUTH_ERRORS | null> {
    const auth = req.headers.get("x-auth") ?? "";
    const key = auth.startsWith("BITSTAMP ") ? auth.slice("BITSTAMP ".length) : "";
    const secret = this.#keys.get(key);
    if (secret === undefined) return "API0001";
    if (req.headers.get("x-auth-version") !== "v2") return "API0010";
    const nonce = req.headers.get("x-auth-nonce") ?? "";
    const timestamp = req.headers.get("x-auth-timestamp") ?? "";
    const now = this.now();
    if (!/^\d{13}$/.test(timestamp) || Math.abs(Number(timestamp) - now) > WINDOW_MS) return "API0017";
    const contentType = req.headers.get("content-type");
    if (body === "" && contentType !== null) return "API0020";
    if (body !== "" && contentType !== "application/x-www-form-urlencoded") return "API0019";
    const signature = await expectedSignature(secret, {
      key,
      method: req.method,
      host: req.headers.get("host") ?? url.host,
      path: url.pathname,
      query: url.search,
      contentType: body === "" ? "" : contentType ?? "",
      nonce,
      timestamp,
      body,
    });
    if ((req.headers.get("x-auth-signature") ?? "").toLowerCase() !== signature) return "API0005";
    for (const [n, at] of this.#nonces) if (now - at > WINDOW_MS) this.#nonces.delete(n);
    if (!UUID4.test(nonce) || this.#nonces.has(nonce)) return "API0004";
    this.#nonces.set(nonce, now);
    return null;
  }

  #dispatch(endpoint: string, form: URLSearchParams): Answer {
    const a = this.account;
    const order = /^(buy|sell)\/(market\/)?([a-z0-9-]+)$/.exec(endpoint);
    if (order) {
      if (order[3] !== "btcusd") {
        return {
          status: 400,
          body: {
            status: "error",
            response_code: "400.003",
            response_explanation: "Trading for provided market is disabled.",
          },
        };
      }
      return a.place(order[1] as "buy" | "sell", order[2] ? "market" : "limit", form);
    }
    switch (endpoint) {
      case "account_balances":
        return a.balanceAnswer();
      case "open_orders/all":
      case "open_orders": {
        const now = this.now();
        if (!this.#openCache || now - this.#openCache.at >= this.openOrdersCacheMs) {
          this.#openCache = { at: now, answer: a.openOrdersAnswer() };
        }
        return this.#openCache.answer;
      }
      case "order_status":
        return a.status(form);
      case "cancel_order":
        return a.cancel(form);
      case "cancel_all_orders":
      case "cancel_all_orders/btcusd":
        return a.cancelAll();
      case "websockets_token": {
        // The answer's shape as quoted in ccxt (protocols.md §5.1.6); the token is the fake's.
        const token = `FakeWsToken${String(++this.#tokenSeq).padStart(24, "0")}`;
        this.tokens.set(token, this.now() + 60_000);
        return { status: 200, body: { valid_sec: 60, token, user_id: this.userId } };
      }
      default:
        return {
          status: 404,
          body: {
            status: "error",
            response_code: "404.001",
            response_explanation: "Unknown not found error.",
          },
        };
    }
  }
}
