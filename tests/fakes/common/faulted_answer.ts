/** What a deliberately broken answer fails with: the server's onError recognises it and stays quiet. */
export const DROPPED = new Error("connection dropped by the fake");

/** What a fault does to the answer of a request the fake carried out. */
export interface AnswerFault {
  /** Never answer until the fake's release(). */
  readonly hang?: boolean;
  /** Headers and half the answer, then the connection breaks. */
  readonly drop?: boolean;
  /** The TCP connection is destroyed before a byte of the answer. */
  readonly destroy?: boolean;
  /** An HTTP error page with this status instead of the answer. */
  readonly status?: number;
  /** This text instead of the answer. */
  readonly body?: string;
}

export interface FaultedAnswerOptions {
  /** Resolves when the fake's release() answers held requests. */
  stall(): Promise<void>;
  /** Destroys the TCP connection the request came on; false when there is none (the `destroy` fault). */
  kill?(): boolean;
}

/**
 * The answer (JSON text, HTTP status) as `fault` leaves it, its effect noted on the call's outcome:
 * " (held)", " (dropped)", " (destroyed)", " (HTTP 503)", " (garbled)".
 */
export async function faultedAnswer(
  fault: AnswerFault | undefined,
  call: { outcome: string },
  text: string,
  status: number,
  opts: FaultedAnswerOptions,
): Promise<Response> {
  if (fault?.hang) {
    call.outcome += " (held)";
    await opts.stall();
  } else if (fault?.drop) {
    call.outcome += " (dropped)";
    return dropped(text);
  } else if (fault?.destroy) {
    call.outcome += opts.kill?.() ? " (destroyed)" : " (not destroyed: no such connection)";
    // Written to a connection that no longer exists: the client never sees a byte of it.
    return jsonText(text, status);
  } else if (fault?.status) {
    call.outcome += ` (HTTP ${fault.status})`;
    return errorPage(fault.status);
  } else if (fault?.body !== undefined) {
    call.outcome += " (garbled)";
    return new Response(fault.body);
  }
  return jsonText(text, status);
}

/** A JSON answer. */
export function json(body: unknown, status = 200): Response {
  return jsonText(JSON.stringify(body), status);
}

/** An HTTP error page, as a proxy or the venue's front sends it. */
export function errorPage(status: number): Response {
  return new Response(`<html>${status}</html>`, { status });
}

function jsonText(text: string, status: number): Response {
  return new Response(text, { status, headers: { "content-type": "application/json" } });
}

/** Headers and half the answer, then the connection breaks: the client cannot read the outcome. */
function dropped(text: string): Response {
  const half = new TextEncoder().encode(text.slice(0, Math.floor(text.length / 2)));
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(half);
      c.error(DROPPED);
    },
  });
  return new Response(body, { headers: { "content-type": "application/json" } });
}
