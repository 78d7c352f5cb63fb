import { type Exchange, type Instrument, UnknownSymbol } from "../core/mod.ts";
import { instrumentNamed } from "../core/pick_instrument.ts";

/** Finds `symbol` among the venue's instruments, or explains which exist. */
export async function findInstrument(exchange: Exchange, symbol: string): Promise<Instrument> {
  const all = await exchange.instruments();
  const found = instrumentNamed(all, symbol);
  if (found) return found;
  const known = all.map((i) => i.symbol).slice(0, 12).join(", ");
  throw new UnknownSymbol(`Cannot find pair "${symbol}" on ${exchange.venue}: known pairs are ${known}`);
}
