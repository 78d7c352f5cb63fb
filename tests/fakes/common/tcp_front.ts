/**
 * The fake's public TCP port: a byte pipe in front of its HTTP server, so that a fault can destroy a
 * client's connection at a chosen moment without the HTTP server writing a single byte of an answer
 * (Deno.serve always sends the status line of a Response, even one whose body fails). HTTP and WebSocket
 * are still spoken by the server behind it; the front only carries bytes, as the network does.
 */
export class TcpFront {
  readonly #listener: Deno.TcpListener;
  readonly #upstreamPort: number;
  /** Each client connection, by the local port of its leg to the server (the server's `remoteAddr`). */
  readonly #legs = new Map<number, { client: Deno.TcpConn; server: Deno.TcpConn }>();
  readonly #pumps = new Set<Promise<void>>();
  readonly #accepting: Promise<void>;
  #closed = false;
  /** Client connections destroyed by kill(). */
  killed = 0;

  constructor(upstreamPort: number) {
    this.#upstreamPort = upstreamPort;
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.#accepting = this.#accept();
  }

  get port(): number {
    return this.#listener.addr.port;
  }

  /**
   * Destroys, at once and in both directions, the client connection whose leg to the server has this local
   * port (what the HTTP server sees as the request's remote port). False when there is none.
   */
  kill(serverSidePort: number): boolean {
    const legs = this.#legs.get(serverSidePort);
    if (!legs) return false;
    this.#legs.delete(serverSidePort);
    this.killed++;
    closeQuietly(legs.client);
    closeQuietly(legs.server);
    return true;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listener.close();
    await this.#accepting;
    for (const port of [...this.#legs.keys()]) {
      const legs = this.#legs.get(port)!;
      this.#legs.delete(port);
      closeQuietly(legs.client);
      closeQuietly(legs.server);
    }
    await Promise.all([...this.#pumps]);
  }

  async #accept(): Promise<void> {
    for (;;) {
      let client: Deno.TcpConn;
      try {
        client = await this.#listener.accept();
      } catch {
        return;
      }
      let server: Deno.TcpConn;
      try {
        server = await Deno.connect({ hostname: "127.0.0.1", port: this.#upstreamPort });
      } catch {
        closeQuietly(client);
        continue;
      }
      client.setNoDelay(true);
      server.setNoDelay(true);
      const port = server.localAddr.port;
      // Registered before a byte flows, so a request can always be traced back to its client connection.
      this.#legs.set(port, { client, server });
      const done = () => {
        if (this.#legs.get(port)?.client !== client) return;
        this.#legs.delete(port);
        closeQuietly(client);
        closeQuietly(server);
      };
      const pump = Promise.all([copy(client, server), copy(server, client)]).then(done);
      this.#pumps.add(pump);
      pump.finally(() => this.#pumps.delete(pump));
    }
  }
}

/** Copies until either side ends or fails; then both legs are closed by the caller. */
async function copy(from: Deno.TcpConn, to: Deno.TcpConn): Promise<void> {
  const buf = new Uint8Array(64 * 1024);
  try {
    for (;;) {
      const n = await from.read(buf);
      if (n === null) break;
      let off = 0;
      while (off < n) off += await to.write(buf.subarray(off, n));
    }
  } catch {
    // A leg closed by kill() or by the other side.
  }
  // One direction ended: so does the connection (HTTP and WebSocket clients never half-close).
  closeQuietly(from);
  closeQuietly(to);
}

function closeQuietly(conn: Deno.TcpConn): void {
  try {
    conn.close();
  } catch {
    // Already closed.
  }
}
