import { ExchangeError, NetworkError } from "../core/errors.ts";

/**
 * Runs a pure decoder over a venue answer: values that do not fit (the decoder's RangeError or TypeError)
 * become an ExchangeError `Cannot <action>: <why>`; venue and network errors it throws pass as they are.
 */
export function decoded<T>(action: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ExchangeError || e instanceof NetworkError) throw e;
    throw new ExchangeError(`Cannot ${action}: ${e instanceof Error ? e.message : e}`, { cause: e });
  }
}
