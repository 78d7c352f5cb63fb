export * from "./market_state.ts";
export * from "./trader.ts";
export * from "./order_types.ts";
export { OrderEngine, type OrderEngineOptions } from "./order_engine.ts";
export { Journal, type JournalChange, type JournalEntry, journalPathFor } from "./journal.ts";
export { CLIENT_ID_LENGTH, isClientId, newClientId } from "./client_ids.ts";
