import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { OrderStatus, OrderType, Side } from "../core/mod.ts";

/** One order as the journal keeps it; amounts are decimal text at the instrument's precision. */
export interface JournalEntry {
  readonly clientId: string;
  readonly venue: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  /** Limit price; null for market orders. */
  readonly price: string | null;
  readonly volume: string;
  readonly filled: string;
  /** "ui" | "cli" | "strategy:<name>". */
  readonly owner: string;
  readonly paper: boolean;
  readonly status: OrderStatus;
  /** Venue order id, "" until the venue has acknowledged the order. */
  readonly venueId: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly error: string | null;
}

/** What changes after an order was written. */
export interface JournalChange {
  readonly status: OrderStatus;
  readonly venueId: string;
  readonly filled: string;
  readonly error: string | null;
  readonly updatedAt: number;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  client_id TEXT PRIMARY KEY,
  venue TEXT NOT NULL,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  type TEXT NOT NULL CHECK (type IN ('limit', 'market')),
  price TEXT,
  volume TEXT NOT NULL,
  filled TEXT NOT NULL,
  owner TEXT NOT NULL,
  paper INTEGER NOT NULL CHECK (paper IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('pending', 'open', 'filled', 'canceled', 'rejected', 'unknown')),
  venue_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  error TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS orders_live ON orders (venue, symbol, paper, status);
CREATE INDEX IF NOT EXISTS orders_venue_id ON orders (venue, venue_id);
CREATE TABLE IF NOT EXISTS state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`;

const COLUMNS =
  "client_id, venue, symbol, side, type, price, volume, filled, owner, paper, status, venue_id, created_at, updated_at, error";

interface Row {
  client_id: string;
  venue: string;
  symbol: string;
  side: string;
  type: string;
  price: string | null;
  volume: string;
  filled: string;
  owner: string;
  paper: number;
  status: string;
  venue_id: string;
  created_at: number;
  updated_at: number;
  error: string | null;
}

/**
 * Milliseconds a writer waits for another process holding the database. Generous: every commit is
 * fsync'd, so on a loaded machine two busy writers (the screen and a cron command) can each wait seconds,
 * and an order that cannot be journalled is not sent at all.
 */
const BUSY_TIMEOUT_MS = 30_000;

/**
 * The order journal: every order is written before it is sent, every status change after, in an SQLite
 * file (WAL, synchronous=FULL: a committed write survives a crash or power loss) that several processes
 * can share. Also a small key/value store (`getState`/`setState`) for state that must survive restarts.
 */
export class Journal {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #update: StatementSync;
  readonly #byClient: StatementSync;
  readonly #byVenueId: StatementSync;
  readonly #live: StatementSync;
  readonly #getState: StatementSync;
  readonly #setState: StatementSync;
  readonly #deleteState: StatementSync;
  #closed = false;

  /** Opens (creating with mode 0600 if needed) the journal file at `path`. */
  static open(path: string): Journal {
    try {
      const f = Deno.openSync(path, { read: true, write: true, create: true, mode: 0o600 });
      f.close();
      Deno.chmodSync(path, 0o600);
    } catch (e) {
      throw new Error(`Cannot open order journal "${path}": ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
    return new Journal(path);
  }

  /** A journal that lives only as long as the process: for one-shot commands and tests. */
  static memory(): Journal {
    return new Journal(":memory:");
  }

  private constructor(path: string) {
    this.path = path;
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(path);
    } catch (e) {
      throw new Error(`Cannot open order journal "${path}": ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
    try {
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
      if (path !== ":memory:") db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = FULL");
      const version = (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
      if (version > SCHEMA_VERSION) {
        throw new Error(
          `it was written by a newer PyTrader (schema ${version}, this one knows ${SCHEMA_VERSION})`,
        );
      }
      db.exec(`BEGIN IMMEDIATE; ${SCHEMA} PRAGMA user_version = ${SCHEMA_VERSION}; COMMIT;`);
    } catch (e) {
      db.close();
      throw new Error(`Cannot open order journal "${path}": ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO orders (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#update = db.prepare(
      "UPDATE orders SET status = ?, venue_id = ?, filled = ?, error = ?, updated_at = ? WHERE client_id = ?",
    );
    this.#byClient = db.prepare(`SELECT ${COLUMNS} FROM orders WHERE client_id = ?`);
    this.#byVenueId = db.prepare(
      `SELECT ${COLUMNS} FROM orders WHERE venue = ? AND venue_id = ? AND paper = ? ORDER BY rowid DESC LIMIT 1`,
    );
    this.#live = db.prepare(
      `SELECT ${COLUMNS} FROM orders WHERE venue = ? AND symbol = ? AND paper = ?
       AND status IN ('pending', 'open', 'unknown') ORDER BY rowid`,
    );
    this.#getState = db.prepare("SELECT value FROM state WHERE key = ?");
    this.#setState = db.prepare(
      "INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    );
    this.#deleteState = db.prepare("DELETE FROM state WHERE key = ?");
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Writes a new order. Returns false when the client id is taken (the caller picks another); any other
   * failure throws.
   */
  insert(e: JournalEntry): boolean {
    try {
      this.#insert.run(
        e.clientId,
        e.venue,
        e.symbol,
        e.side,
        e.type,
        e.price,
        e.volume,
        e.filled,
        e.owner,
        e.paper ? 1 : 0,
        e.status,
        e.venueId,
        e.createdAt,
        e.updatedAt,
        e.error,
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Records a change of an order written before; TypeError when there is no such order. */
  update(clientId: string, c: JournalChange): void {
    const r = this.#update.run(c.status, c.venueId, c.filled, c.error, c.updatedAt, clientId);
    if (Number(r.changes) !== 1) throw new TypeError(`Order journal has no order "${clientId}"`);
  }

  get(clientId: string): JournalEntry | null {
    const row = this.#byClient.get(clientId) as Row | undefined;
    return row ? entryOf(row) : null;
  }

  /** The newest order the venue knows by `venueId`. */
  byVenueId(venue: string, venueId: string, paper: boolean): JournalEntry | null {
    if (venueId === "") return null;
    const row = this.#byVenueId.get(venue, venueId, paper ? 1 : 0) as Row | undefined;
    return row ? entryOf(row) : null;
  }

  /** Orders not known to be finished (pending, open, unknown), oldest first. */
  live(venue: string, symbol: string, paper: boolean): JournalEntry[] {
    return (this.#live.all(venue, symbol, paper ? 1 : 0) as unknown as Row[]).map(entryOf);
  }

  /** JSON text stored under `key`, or null. */
  getState(key: string): string | null {
    const row = this.#getState.get(key) as { value: string } | undefined;
    return row ? row.value : null;
  }

  /** Stores JSON text under `key`; RangeError when it is not JSON. */
  setState(key: string, json: string, now = Date.now()): void {
    try {
      JSON.parse(json);
    } catch {
      throw new RangeError(`Cannot store state "${key}": the value is not JSON text`);
    }
    this.#setState.run(key, json, now);
  }

  deleteState(key: string): void {
    this.#deleteState.run(key);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}

/** `<dir>/<name>.journal.sqlite` for the ini file `<dir>/<name>.ini`. */
export function journalPathFor(iniPath: string): string {
  return iniPath.replace(/\.ini$/i, "") + ".journal.sqlite";
}

function isUniqueViolation(e: unknown): boolean {
  // SQLITE_CONSTRAINT_PRIMARYKEY (1555) or SQLITE_CONSTRAINT_UNIQUE (2067)
  const code = (e as { errcode?: number }).errcode;
  return code === 1555 || code === 2067;
}

function entryOf(r: Row): JournalEntry {
  return {
    clientId: r.client_id,
    venue: r.venue,
    symbol: r.symbol,
    side: r.side as Side,
    type: r.type as OrderType,
    price: r.price,
    volume: r.volume,
    filled: r.filled,
    owner: r.owner,
    paper: r.paper === 1,
    status: r.status as OrderStatus,
    venueId: r.venue_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    error: r.error,
  };
}
