/**
 * A student lock's URL form (`edit=out_axes&hide=story,code`, lock.ts), read against a whitelist:
 * a link's words become members of a Set, never keys of an object. Loaded with the page's link
 * (state/pageLink.ts), not with the first screen.
 */
import { CONTROLS, SECTIONS, type ClassLock } from "./lock";

/** The URL keys a lock is written under. */
export const LOCK_KEYS = ["edit", "hide"] as const;

/** The lock's URL fields, in CONTROLS/SECTIONS order (so equal locks write equal links). */
export function lockFields(lock: ClassLock): [string, string][] {
  const fields: [string, string][] = [["edit", CONTROLS.filter((c) => lock.edit.has(c)).join(",")]];
  if (lock.hide.size) fields.push(["hide", SECTIONS.filter((s) => lock.hide.has(s)).join(",")]);
  return fields;
}

/** One comma list of whitelisted words; a word outside it, or twice, is the link's mistake. */
function wordList<T extends string>(text: string, allowed: readonly T[], field: string): Set<T> {
  const out = new Set<T>();
  if (text.trim() === "") return out;
  for (const part of text.split(",")) {
    const word = allowed.find((a) => a === part.trim());
    if (word === undefined) throw new Error(`${field} lists ${JSON.stringify(part.slice(0, 30))}, which is not one of ${allowed.join(", ")}`);
    if (out.has(word)) throw new Error(`${field} lists ${word} twice`);
    out.add(word);
  }
  return out;
}

/**
 * The lock a link's `edit` and `hide` fields say (null when it has neither: a teacher's own
 * link). `hide` alone locks nothing: `edit` names what stays open. Throws a sentence for the
 * link's notice.
 */
export function readLock(get: (key: string) => string | null): ClassLock | null {
  const edit = get("edit");
  const hide = get("hide");
  if (edit === null && hide === null) return null;
  return { edit: edit === null ? new Set(CONTROLS) : wordList(edit, CONTROLS, "edit"), hide: hide === null ? new Set() : wordList(hide, SECTIONS, "hide") };
}
