/**
 * From submit() to the order leaving the process (the exchange's placeOrder being called), journal write
 * included (target: median <= 5 ms). The journal is a real file: WAL, synchronous=FULL, so each order is on
 * disk before it is sent. Baselines: the same submit with an in-memory journal (the engine's own cost) and a
 * bare insert into the same kind of file (what SQLite costs).
 *
 *   deno bench --allow-all tests/bench/order_bench.ts       (avg, p75, p99)
 *   deno run --allow-all tests/bench/order_bench.ts         (medians of 2000 submits each)
 */
import { DatabaseSync } from "node:sqlite";
import { OrderBook } from "../../lib/book/mod.ts";
import {
  type Balances,
  type BookSnapshot,
  type Candle,
  EventStream,
  type Exchange,
  type ExchangeEvent,
  type Instrument,
  type Order,
  type SubmitOrder,
  type TickerChanged,
} from "../../lib/core/mod.ts";
import { Journal, OrderEngine } from "../../lib/engine/mod.ts";

const BTC_USD: Instrument = {
  symbol: "BTC/USD",
  base: "BTC",
  quote: "USD",
  pricePrecision: 1,
  qtyPrecision: 8,
  priceIncrement: 1,
  minQty: 10_000,
  minCost: "0.5",
};

/** A venue that answers at once with the order filled; `sent` is called when an order leaves. */
class InstantVenue implements Exchange {
  readonly venue = "bench";
  sent: () => void = () => {};
  readonly #stream = new EventStream<ExchangeEvent>();
  #seq = 0;
  instruments(): Promise<readonly Instrument[]> {
    return Promise.resolve([BTC_USD]);
  }
  connect(): Promise<void> {
    return Promise.resolve();
  }
  subscribe(): Promise<void> {
    return Promise.resolve();
  }
  events(): EventStream<ExchangeEvent> {
    return this.#stream;
  }
  ticker(): Promise<TickerChanged> {
    return Promise.reject(new Error("unused"));
  }
  book(): Promise<BookSnapshot> {
    return Promise.reject(new Error("unused"));
  }
  candles(): Promise<Candle[]> {
    return Promise.resolve([]);
  }
  balances(): Promise<Balances> {
    return Promise.resolve({ USD: "1000000", BTC: "100" });
  }
  openOrders(): Promise<Order[]> {
    return Promise.resolve([]);
  }
  placeOrder(cmd: SubmitOrder): Promise<Order> {
    this.sent();
    return Promise.resolve({
      id: `O${++this.#seq}`,
      clientId: cmd.clientId,
      symbol: cmd.symbol,
      side: cmd.side,
      type: cmd.type,
      price: cmd.price,
      qty: cmd.qty,
      filled: cmd.qty,
      status: "filled",
      time: 0,
    });
  }
  cancelOrder(): Promise<Order> {
    return Promise.reject(new Error("unused"));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function engineWith(journal: Journal): { engine: OrderEngine; venue: InstantVenue } {
  const venue = new InstantVenue();
  const book = new OrderBook(BTC_USD, 100);
  book.applySnapshot(
    Array.from({ length: 100 }, (_, i) => ({ price: 599_990 - i * 10, qty: 50_000_000 })),
    Array.from({ length: 100 }, (_, i) => ({ price: 600_000 + i * 10, qty: 50_000_000 })),
  );
  const balances = { USD: "1000000", BTC: "100" };
  const engine = new OrderEngine({
    exchange: venue,
    instrument: BTC_USD,
    journal,
    book,
    balances: () => balances,
  });
  return { engine, venue };
}

const dir = Deno.makeTempDirSync({ prefix: "pytrader-order-bench-" });
const fileJournal = Journal.open(`${dir}/bench.journal.sqlite`);
const fileRig = engineWith(fileJournal);
const memoryRig = engineWith(Journal.memory());

const bare = new DatabaseSync(`${dir}/bare.sqlite`);
bare.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
bare.exec("CREATE TABLE orders (client_id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT");
const bareInsert = bare.prepare("INSERT INTO orders VALUES (?, ?)");
let bareSeq = 0;

globalThis.addEventListener("unload", () => {
  fileJournal.close();
  bare.close();
  Deno.removeSync(dir, { recursive: true });
});

const REQUEST = { side: "buy", price: "59990.0", volume: "0.01" } as const;

/** Times one submit, from the call to the moment placeOrder is entered; waits for the answer. */
async function timeSubmit(rig: { engine: OrderEngine; venue: InstantVenue }): Promise<number> {
  let sentAt = 0;
  rig.venue.sent = () => sentAt = performance.now();
  const t0 = performance.now();
  await rig.engine.submit(REQUEST).settled;
  return sentAt - t0;
}

function timeBare(): number {
  const t0 = performance.now();
  bareInsert.run(`b${++bareSeq}`, '{"side":"buy","price":"59990.0","volume":"0.01"}');
  return performance.now() - t0;
}

Deno.bench("submit -> placeOrder, in-memory journal", { group: "submit", baseline: true }, async (b) => {
  memoryRig.venue.sent = () => b.end();
  b.start();
  await memoryRig.engine.submit(REQUEST).settled;
});

Deno.bench("submit -> placeOrder, file journal (WAL, synchronous=FULL)", { group: "submit" }, async (b) => {
  fileRig.venue.sent = () => b.end();
  b.start();
  await fileRig.engine.submit(REQUEST).settled;
});

Deno.bench("bare insert, file (WAL, synchronous=FULL)", { group: "submit" }, () => {
  timeBare();
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

if (import.meta.main) {
  const N = 2000;
  const rows: [string, number[]][] = [
    ["submit -> placeOrder, file journal", []],
    ["submit -> placeOrder, in-memory journal", []],
    ["bare insert, file", []],
  ];
  for (let i = 0; i < N; i++) {
    rows[0]![1].push(await timeSubmit(fileRig));
    rows[1]![1].push(await timeSubmit(memoryRig));
    rows[2]![1].push(timeBare());
  }
  for (const [name, xs] of rows) {
    const s = [...xs].sort((a, b) => a - b);
    console.log(
      `${name.padEnd(42)} median ${median(xs).toFixed(3)} ms   p99 ${s[Math.floor(N * 0.99)]!.toFixed(3)} ms`,
    );
  }
}
