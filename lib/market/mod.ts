export * from "./candles.ts";
