import { AuthenticationError } from "./errors.ts";

/** What only a venue with an API key can do: its account part, or the refusal telling how to add a key. */
export function requireKey<T>(account: T | null, venue: string, action: string): T {
  if (account === null) {
    throw new AuthenticationError(`Cannot ${action} on ${venue}: no API key; run pytrader --add-secret`);
  }
  return account;
}
