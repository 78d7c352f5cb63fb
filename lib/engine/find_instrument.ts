import { type Exchange, type Instrument, UnknownSymbol } from "../core/mod.ts";

/** Finds `symbol` among the venue's instruments, or explains which exist. */
export async function findInstrument(exchange: Exchange, symbol: string): Promise<Instrument> {
  const all = await exchange.instruments();
  const wanted = symbol.toUpperCase();
  const found = all.find((i) => i.symbol.toUpperCase() === wanted);
  if (found) return found;
  const known = all.map((i) => i.symbol).slice(0, 12).join(", ");
  throw new UnknownSymbol(`Cannot find pair "${symbol}" on ${exchange.venue}: known pairs are ${known}`);
}
