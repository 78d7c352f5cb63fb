export * from "./timers.ts";
export * from "./backoff.ts";
export * from "./raw_frame.ts";
export * from "./rate_limiter.ts";
export * from "./rest_client.ts";
export * from "./ws_client.ts";
