export * from "./market_state.ts";
export * from "./trader.ts";
export * from "./order_types.ts";
export { isPaperExchange, OrderEngine, type OrderEngineOptions, type SetTimer } from "./order_engine.ts";
export { Journal, type JournalChange, type JournalEntry, journalPathFor } from "./journal.ts";
export { type OrderLookup, type OrderRef } from "./order_lookup.ts";
export { CLIENT_ID_LENGTH, isClientId, newClientId } from "./client_ids.ts";
