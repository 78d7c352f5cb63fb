/** A WebSocket server on 127.0.0.1 for client tests: each frame a client sends goes to `onMessage`. */
export function wsTestServer(onMessage: (socket: WebSocket, text: string) => void) {
  const sockets = new Set<WebSocket>();
  const closed: Promise<void>[] = [];
  let opened = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    closed.push(new Promise((r) => socket.addEventListener("close", () => r())));
    socket.onopen = () => {
      opened++;
      sockets.add(socket);
    };
    socket.onclose = () => sockets.delete(socket);
    socket.onmessage = (e) => onMessage(socket, String(e.data));
    return response;
  });
  return {
    url: `ws://127.0.0.1:${server.addr.port}`,
    /** Connections opened since start. */
    get opened() {
      return opened;
    },
    /** Sends a frame to every open connection. */
    push(text: string) {
      for (const s of sockets) s.send(text);
    },
    /** Closes every connection from the server side (code 4000). */
    dropAll() {
      for (const s of sockets) s.close(4000, "test");
    },
    async close() {
      for (const s of sockets) s.close();
      await Promise.all(closed);
      await server.shutdown();
    },
  };
}
