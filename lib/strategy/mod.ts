export { type HostOptions, type LoadReport, type StrategyFiles, StrategyHost } from "./host.ts";
export { EngineOrders, TraderPort, type TraderPortOptions, type TraderSource } from "./trader_port.ts";
export { iniConfig, readIniConfig } from "./ini_config.ts";
export {
  FileStateStore,
  type JournalState,
  journalStore,
  MemoryStateStore,
  stateFileFor,
} from "./state_store.ts";
export { BUILTIN_STRATEGIES, resolveStrategies, strategyFolders, type StrategySpec } from "./resolve.ts";
export { DEFAULT_LIMITS, type WorkerLimits } from "./strategy_worker.ts";
export type * from "./port.ts";
export { strategyOfOwner } from "./port.ts";
export type * from "./sdk.ts";
export { nextTask } from "./next_task.ts";
