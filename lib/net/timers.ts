/** The Timers abstraction lives in lib/core (one for every layer); re-exported for lib/net's users. */
export { systemTimers, type TimerHandle, type Timers } from "../core/clock.ts";
