export * from "./secret.ts";
export * from "./errors.ts";
export * from "./kdf.ts";
export * from "./cipher.ts";
export * from "./ini_store.ts";
export * from "./prompt_io.ts";
export * from "./terminal_io.ts";
export * from "./passphrase_source.ts";
