/** `[strategy.<name>]` sections: each strategy's own settings, with defaults the strategy declares. */

import { checkSectionName, getValue, type IniDocument, keys } from "./ini.ts";

/** "balancer" -> "strategy.balancer"; TypeError for a name that cannot be a section name. */
export function strategySectionName(name: string): string {
  const section = `strategy.${name}`;
  if (name === "") throw new TypeError("Cannot use an empty strategy name");
  checkSectionName(section);
  return section;
}

/** The strategy's settings as written (text values), {} when it has no section. */
export function strategySection(doc: IniDocument, name: string): Record<string, string> {
  const section = strategySectionName(name);
  return Object.fromEntries(keys(doc, section).map((key) => [key, getValue(doc, section, key)!]));
}
