import { assert, assertEquals } from "../../assert.ts";
import type { Instrument, PriceLevel } from "../../../lib/core/mod.ts";
import { parseTicks } from "../../../lib/core/mod.ts";
import { crc32 } from "../../../exchanges/kraken/crc32.ts";
import {
  krakenChecksum,
  krakenChecksumFull,
  krakenChecksumText,
} from "../../../exchanges/kraken/checksum.ts";
import { OrderBook } from "../../../lib/book/mod.ts";
import { KrakenDecoder } from "../../../exchanges/kraken/decoder.ts";
import { BTC_USD, loadVector, MATIC_USD } from "./helpers.ts";
import { ReferenceBook } from "./reference_book.ts";

interface Step {
  message: string;
  expected_checksum: number;
  checksum_input_string?: string;
  checksum_input_string_after_padding?: string;
}
interface Case {
  name: string;
  symbol?: string;
  steps?: Step[];
  book_state?: { asks: [string, string][]; bids: [string, string][] };
  expected_checksum?: number;
  checksum_input_string?: string;
}

const vectors = await loadVector<{ cases: Case[] }>("kraken-ws2-book-checksum.json");
const v2Cases = vectors.cases.filter((c) => c.steps);
const v1Case = vectors.cases.find((c) => c.book_state)!;
const instruments: Record<string, Instrument> = { "BTC/USD": BTC_USD, "MATIC/USD": MATIC_USD };

/** Runs the messages through the decoder and a book; returns [computed, expected] per step. */
function run(c: Case, messages: string[]): [number, number][] {
  const decoder = new KrakenDecoder();
  decoder.setInstruments([instruments[c.symbol!]!]);
  const book = new ReferenceBook(10);
  const out: [number, number][] = [];
  for (const m of messages) {
    const msg = decoder.decodeWs(m, 0);
    if (msg.type !== "events") return [[-1, -2]];
    for (const ev of msg.events) {
      if (ev.kind === "BookSnapshot") book.snapshot(ev.bids, ev.asks);
      else if (ev.kind === "BookUpdate") book.update(ev.bids, ev.asks);
      else continue;
      out.push([krakenChecksum(book), ev.checksum!]);
    }
  }
  return out;
}

Deno.test("crc32 matches zlib on the documented 281-character input", () => {
  const c = v2Cases[0]!;
  assertEquals(crc32(c.steps![0]!.checksum_input_string!), 3310070434);
});

for (const c of v2Cases) {
  Deno.test(`documented checksum vector verifies: ${c.name}`, () => {
    const decoder = new KrakenDecoder();
    decoder.setInstruments([instruments[c.symbol!]!]);
    const book = new ReferenceBook(10);
    for (const step of c.steps!) {
      const msg = decoder.decodeWs(step.message, 0);
      assert(msg.type === "events", `decoded ${JSON.stringify(msg)}`);
      const ev = msg.events[0]!;
      if (ev.kind === "BookSnapshot") book.snapshot(ev.bids, ev.asks);
      else if (ev.kind === "BookUpdate") book.update(ev.bids, ev.asks);
      assertEquals(
        ev.kind === "BookSnapshot" || ev.kind === "BookUpdate" ? ev.checksum : -1,
        step.expected_checksum,
      );
      const text = step.checksum_input_string ?? step.checksum_input_string_after_padding;
      assertEquals(krakenChecksumText(book), text);
      assertEquals(krakenChecksum(book), step.expected_checksum);
    }
  });

  Deno.test(`a one-digit change anywhere fails the checksum: ${c.name}`, () => {
    const messages = c.steps!.map((s) => s.message);
    assert(run(c, messages).every(([a, b]) => a === b));
    let mutations = 0;
    for (let m = 0; m < messages.length; m++) {
      const text = messages[m]!;
      // Every digit of every price, qty and checksum number in the message.
      for (const match of text.matchAll(/"(price|qty|checksum)":(\d[\d.]*)/g)) {
        const start = match.index! + match[0].length - match[2]!.length;
        for (let k = 0; k < match[2]!.length; k++) {
          const ch = text[start + k]!;
          if (ch === ".") continue;
          const changed = text.slice(0, start + k) + String((Number(ch) + 1) % 10) +
            text.slice(start + k + 1);
          const result = run(c, [...messages.slice(0, m), changed, ...messages.slice(m + 1)]);
          assert(
            result.slice(m).some(([a, b]) => a !== b),
            `digit ${k} of ${match[1]} ${match[2]} in step ${m} changed, checksum still verified`,
          );
          mutations++;
        }
      }
    }
    assert(mutations > 100, `only ${mutations} mutations tried`);
  });
}

Deno.test("documented v1 book state checksums with the same rule (974947235)", () => {
  const book = new ReferenceBook(10);
  const decimals = (s: string) => s.length - s.indexOf(".") - 1;
  const lv = (rows: [string, string][]) =>
    rows.map(([p, q]) => ({ price: parseTicks(p, decimals(p)), qty: parseTicks(q, decimals(q)) }));
  book.snapshot(lv(v1Case.book_state!.bids), lv(v1Case.book_state!.asks));
  assertEquals(krakenChecksumText(book), v1Case.checksum_input_string);
  assertEquals(krakenChecksum(book), v1Case.expected_checksum);
  // One digit of one qty changed.
  book.update([], [{ price: book.priceAt("ask", 3), qty: book.qtyAt("ask", 3) + 1 }]);
  assert(krakenChecksum(book) !== v1Case.expected_checksum);
});

Deno.test("checksum digits of large tick counts (above 1e8) keep inner zeros", () => {
  const book = new ReferenceBook(10);
  book.snapshot([{ price: 100000001, qty: 9007199254740991 }], [{ price: 100000002, qty: 120000000000 }]);
  const text = "100000002120000000000100000001" + "9007199254740991";
  assertEquals(krakenChecksumText(book), text);
  assertEquals(krakenChecksum(book), crc32(text));
});

Deno.test("checksum from ticks equals CRC-32 of the text, for tick counts of every length", () => {
  const edges = [
    1,
    9,
    10,
    99,
    999,
    1000,
    9999,
    10000,
    10001,
    99999999,
    1e8,
    1e8 + 1,
    123456789012,
    1e12,
    9007199254740991,
  ];
  let seed = 1;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let round = 0; round < 200; round++) {
    const level = (i: number) => ({
      price: round < 20
        ? edges[(i + round) % edges.length]! + i
        : 1 + Math.floor(rand() * 10 ** (1 + (i % 15))),
      qty: round < 20
        ? edges[(i * 7 + round) % edges.length]!
        : 1 + Math.floor(rand() * 10 ** (1 + ((i + round) % 15))),
    });
    const book = new ReferenceBook(12);
    book.snapshot(
      Array.from({ length: 12 }, (_, i) => level(i)),
      Array.from({ length: 12 }, (_, i) => ({ ...level(i + 3), price: level(i + 3).price + 1e15 })),
    );
    assertEquals(krakenChecksum(book), crc32(krakenChecksumText(book)));
  }
});

Deno.test("the incremental checksum equals the full one over thousands of random updates", () => {
  let seed = 7;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const int = (n: number) => Math.floor(rand() * n);
  // Digit counts from 1 to 16 for prices and quantities, so level texts of every length occur.
  const wide = () => 1 + int(10 ** (1 + int(15)));
  // Books at small depths (promotions and truncation into and out of the top 10 all the time; at depth 7
  // truncation cuts inside it) and a reference book, interleaved so the per-book state is exercised.
  const books = [
    new OrderBook(BTC_USD, 12),
    new OrderBook(BTC_USD, 25),
    new OrderBook(BTC_USD, 7),
    new ReferenceBook(11),
  ];
  const mid = [5000, 80_000, 400, 3_000_000];
  let checks = 0;
  let unchanged = 0;
  for (let step = 0; step < 12_000; step++) {
    const b = int(books.length);
    const book = books[b]!;
    const m = mid[b]!;
    const level = (side: "bid" | "ask", maxOff: number, qty: number) => ({
      price: side === "bid" ? m - 1 - int(maxOff) : m + 1 + int(maxOff),
      qty,
    });
    const before = krakenChecksumFull(book);
    const r = rand();
    const bids: PriceLevel[] = [];
    const asks: PriceLevel[] = [];
    if (r < 0.02) {
      // A fresh snapshot, sometimes with an empty side.
      const n = int(30);
      for (let i = 0; i < n; i++) bids.push(level("bid", 60, b === 1 ? wide() : 1 + int(1000)));
      for (let i = 0; i < (r < 0.005 ? 0 : n); i++) asks.push(level("ask", 60, 1 + int(10 ** 8)));
      const dedup = (ls: PriceLevel[]) => [...new Map(ls.map((l) => [l.price, l])).values()];
      if (book instanceof OrderBook) book.applySnapshot(dedup(bids), dedup(asks));
      else book.snapshot(dedup(bids), dedup(asks));
    } else {
      const changes = 1 + int(3);
      for (let i = 0; i < changes; i++) {
        const side = rand() < 0.5 ? "bid" : "ask";
        const kind = rand();
        // Deletes of the best levels promote levels from below the top 10; deep changes touch nothing.
        const off = kind < 0.7 ? 14 : 60;
        const qty = kind < 0.3 ? 0 : kind < 0.35 ? wide() : 1 + int(10 ** 8);
        (side === "bid" ? bids : asks).push(level(side, off, qty));
      }
      if (book instanceof OrderBook) book.applyUpdate(bids, asks);
      else book.update(bids, asks);
    }
    const full = krakenChecksumFull(book);
    if (full === before) unchanged++;
    // Sometimes a book takes several changes between two checks (a reader that skipped messages), and
    // sometimes it is checked twice without a change in between.
    const skip = rand() < 0.08;
    if (!skip) {
      assertEquals(krakenChecksum(book), full, `step ${step}`);
      if (rand() < 0.05) assertEquals(krakenChecksum(book), full, `step ${step}, again`);
      checks++;
    }
    if (step % 97 === 0) assertEquals(full, crc32(krakenChecksumText(book)));
  }
  assert(checks > 10_500, `${checks} checks`);
  // Both kinds of step happen: top-10 changes and updates that leave the top 10 as it was.
  assert(unchanged > 500 && unchanged < 11_000, `${unchanged} unchanged`);
});
