import { errorText } from "../core/errors.ts";
import type { Log } from "../core/log.ts";

/**
 * The first connect of a venue's account feed: a failure is logged and market data goes on (the feed's
 * socket retries by itself unless the key was refused).
 */
export async function openAccountFeed(
  feed: { connect(): Promise<void> },
  venue: string,
  log: Log,
): Promise<void> {
  try {
    await feed.connect();
  } catch (e) {
    log.error(`Cannot open the ${venue} account feed: ${errorText(e)}`);
  }
}
