/** A fake's client connection: its socket, and when that socket is closed. */
export interface FakeConnection {
  readonly socket: WebSocket;
  readonly closed: Promise<void>;
}

/** Closes each socket from the server side (a socket already closing is left as it is). */
function closeEach(conns: Iterable<{ readonly socket: WebSocket }>, code?: number, reason?: string): void {
  for (const c of conns) {
    try {
      c.socket.close(code, reason);
    } catch {
      // Already closing.
    }
  }
}

/** Drops client sockets as a network failure would (code 4000), for the clients to reconnect. */
export function dropSockets(conns: Iterable<{ readonly socket: WebSocket }>): void {
  closeEach(conns, 4000, "dropped by the fake");
}

/** Closes every client socket and waits until each is closed (a fake's close()). */
export async function closeSockets(conns: Iterable<FakeConnection>): Promise<void> {
  const all = [...conns];
  closeEach(all);
  await Promise.all(all.map((c) => c.closed));
}
