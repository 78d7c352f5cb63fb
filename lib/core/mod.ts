export * from "./ticks.ts";
export * from "./instrument.ts";
export * from "./orders.ts";
export * from "./events.ts";
export * from "./errors.ts";
export * from "./clock.ts";
export * from "./exchange.ts";
export * from "./event_stream.ts";
export type { Decimal, Rounding } from "./decimal.ts";
