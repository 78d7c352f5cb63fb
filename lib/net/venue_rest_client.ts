import { VERSION } from "../core/version.ts";
import { RestClient, type RestClientOptions } from "./rest_client.ts";

/** A venue's REST client: every request says it comes from PyTrader and which version (`User-Agent`). */
export function venueRestClient(opts: Omit<RestClientOptions, "headers">): RestClient {
  return new RestClient({ ...opts, headers: { "User-Agent": `pytrader/${VERSION}` } });
}
