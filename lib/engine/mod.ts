export * from "./market_state.ts";
export * from "./trader.ts";
