export {
  Backtest,
  type BacktestOptions,
  type PaperFactory,
  type PaperSetup,
  runBacktest,
} from "./backtest.ts";
export type { BacktestReport, StrategyReport } from "./report.ts";
export { VirtualClock } from "./virtual_clock.ts";
export { reportText } from "./report_text.ts";
