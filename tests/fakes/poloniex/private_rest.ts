import { type FakeAccount, type FakeOrder, type Refusal, REFUSALS } from "./account.ts";
import { expectedPresign, hmacBase64 } from "./sign_check.ts";
import { type AnswerFault, errorPage, faultedAnswer, json } from "../common/faulted_answer.ts";
import { takeFault } from "../common/take_fault.ts";

export { DROPPED } from "../common/faulted_answer.ts";

/** An API key pair the fake accepts. */
export interface FakeKey {
  readonly key: string;
  readonly secret: string;
}

/**
 * A fault for the next private request matching `method` and `path` (a prefix, e.g. "/orders"), or any.
 * `refuse` answers that refusal and does nothing; `hang` (no answer until release()), `drop` (the connection
 * breaks mid-answer), `status` (an HTTP error page, e.g. 503 or 429) and `body` (this text instead of the
 * answer) act after the request was carried out, unless `accept` is false.
 */
export interface PrivateFault extends Omit<AnswerFault, "destroy"> {
  readonly method?: string;
  readonly path?: string;
  readonly refuse?: Refusal;
  readonly accept?: boolean;
  times?: number;
}

export interface PrivateCall {
  readonly method: string;
  /** Path and query as received. */
  readonly path: string;
  readonly body: string;
  /** What the fake answered: "ok", the refusal's code, or the fault. */
  outcome: string;
}

/**
 * The fake's private REST v3: checks `key`, `signTimestamp` (a number within `windowMs` of the fake's clock)
 * and `signature` (recomputed by sign_check.ts), then answers from a FakeAccount in the documented shapes:
 * balances, open orders, one order by id or `cid:`, create, cancel by id or `cid:`, cancelByIds and cancel
 * all (per-item codes).
 */
export class FakePrivateRest {
  readonly calls: PrivateCall[] = [];
  faults: PrivateFault[] = [];
  #keys = new Map<string, string>();

  constructor(
    readonly account: FakeAccount,
    keys: readonly FakeKey[],
    readonly now: () => number,
    readonly stall: () => Promise<void>,
    readonly windowMs = 5_000,
  ) {
    for (const k of keys) this.#keys.set(k.key, k.secret);
  }

  /** Calls of `method` `path` (exact) that got past authentication. */
  count(method: string, path: string): number {
    return this.calls.filter((c) =>
      c.method === method && c.path.split("?")[0] === path && c.outcome !== "refused key"
    )
      .length;
  }

  async handle(req: Request, url: URL): Promise<Response> {
    const body = await req.text();
    const call: PrivateCall = { method: req.method, path: url.pathname + url.search, body, outcome: "ok" };
    this.calls.push(call);
    const refused = await this.#authenticate(req, url, body);
    if (refused) {
      call.outcome = "refused key";
      return json(refused, 401);
    }
    const fault = takeFault(
      this.faults,
      (f) =>
        (f.method === undefined || f.method === req.method) &&
        (f.path === undefined || url.pathname === f.path),
    );
    if (fault?.refuse) {
      call.outcome = String(fault.refuse.code);
      return json({ code: fault.refuse.code, message: fault.refuse.message }, fault.refuse.status);
    }
    if (fault && fault.accept === false && fault.status) {
      call.outcome = `HTTP ${fault.status}`;
      return errorPage(fault.status);
    }
    const [status, answer] = this.#dispatch(req.method, decodeURIComponent(url.pathname), url, body);
    call.outcome = status === 200 ? "ok" : String((answer as { code?: number }).code);
    return await faultedAnswer(fault, call, JSON.stringify(answer), status, { stall: () => this.stall() });
  }

  async #authenticate(req: Request, url: URL, body: string): Promise<Record<string, unknown> | null> {
    // The documented error shape ({code, message}); the text is the fake's own.
    const no = (message: string) => ({ code: 401, message });
    const secret = this.#keys.get(req.headers.get("key") ?? "");
    if (secret === undefined) return no("Invalid API key");
    const ts = req.headers.get("signTimestamp") ?? "";
    if (!/^\d{13}$/.test(ts) || Math.abs(Number(ts) - this.now()) > this.windowMs) {
      return no("Invalid signTimestamp");
    }
    const expected = await hmacBase64(secret, expectedPresign(req.method, url, body, ts));
    if (req.headers.get("signature") !== expected) return no("Invalid signature");
    return null;
  }

  #dispatch(method: string, path: string, url: URL, body: string): [number, unknown] {
    const a = this.account;
    const refusal = (r: Refusal): [number, unknown] => [r.status, { code: r.code, message: r.message }];
    const one = /^\/orders\/(?!cancelByIds$)([^/]+)$/.exec(path)?.[1];
    if (method === "GET" && path === "/accounts/balances") return [200, a.balancesShape()];
    if (method === "GET" && path === "/orders") {
      const symbol = url.searchParams.get("symbol");
      if (symbol !== null && symbol !== "BTC_USDT") return [200, []];
      return [200, a.open().map((o) => a.restShape(o))];
    }
    if (method === "GET" && one !== undefined) {
      const o = a.find(one);
      return o ? [200, a.restShape(o)] : refusal(REFUSALS.notFound);
    }
    if (method === "POST" && path === "/orders") {
      const fields = jsonObject(body);
      if (!fields) return refusal(REFUSALS.parameter);
      const placed = a.place(fields);
      if (!("order" in placed)) return refusal(placed);
      return [200, { id: placed.order.id, clientOrderId: placed.order.clientOrderId }];
    }
    if (method === "DELETE" && one !== undefined) {
      const r = a.cancel(one);
      if (!("id" in r)) return refusal(r);
      return [200, cancelItem(r)];
    }
    if (method === "DELETE" && path === "/orders/cancelByIds") {
      const fields = jsonObject(body);
      if (!fields) return refusal(REFUSALS.parameter);
      const ids = [
        ...strings(fields.orderIds),
        ...strings(fields.clientOrderIds).map((c) => `cid:${c}`),
      ];
      return [200, ids.map((ref) => cancelResult(a, ref))];
    }
    if (method === "DELETE" && path === "/orders") {
      const fields = body === "" ? {} : jsonObject(body);
      if (!fields) return refusal(REFUSALS.parameter);
      // The documented filter is `symbols`; the Python SDK sends `symbol` (protocols.md §5.2.5): both work here.
      const symbols = [...strings(fields.symbols), ...strings(fields.symbol)];
      const targets = symbols.length === 0 || symbols.includes("BTC_USDT") ? a.open() : [];
      return [200, targets.map((o) => cancelResult(a, o.id))];
    }
    return [404, { code: 404, message: "Not found" }];
  }
}

/** A cancel answer's item (recorded shape, vectors "DELETE /orders/{id}"). */
function cancelItem(o: FakeOrder, code = 200, message = ""): Record<string, unknown> {
  return { orderId: o.id, clientOrderId: o.clientOrderId, state: "PENDING_CANCEL", code, message };
}

function cancelResult(a: FakeAccount, ref: string): Record<string, unknown> {
  const r = a.cancel(ref);
  if ("id" in r) return cancelItem(r);
  const known = a.find(ref);
  return {
    orderId: known?.id ?? (ref.startsWith("cid:") ? "" : ref),
    clientOrderId: known?.clientOrderId ?? (ref.startsWith("cid:") ? ref.slice(4) : ""),
    state: known?.state ?? "",
    code: r.code,
    message: r.message,
  };
}

/** A JSON object from a request body or a client frame; null for anything else. */
export function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
