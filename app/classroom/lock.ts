/**
 * What a student link lets students see and change (the teacher's choice in the "Share with
 * class" dialog): the controls they may change (the rest are shown locked) and the sections
 * hidden from them. Pure data with its URL form (`edit=out_axes&hide=story,code`), read against
 * a whitelist: a link's words become members of a Set, never keys of an object.
 */

/** The controls a teacher can leave open to students. */
export const CONTROLS = ["function", "shapes", "in_axes", "out_axes"] as const;
export type ClassControl = (typeof CONTROLS)[number];

/** The sections a teacher can hide from students. */
export const SECTIONS = ["story", "table", "code", "panels"] as const;
export type ClassSection = (typeof SECTIONS)[number];

export const CONTROL_TITLES: Record<ClassControl, string> = { function: "The function (and examples)", shapes: "Shapes and fills", in_axes: "in_axes", out_axes: "out_axes" };
export const SECTION_TITLES: Record<ClassSection, string> = { story: "Shape story", table: "Where out_axes puts B", code: "Python code", panels: "jax.grad and jax.jit panels" };

export interface ClassLock {
  /** What students may change; every other control is shown locked. */
  edit: ReadonlySet<ClassControl>;
  /** What students do not see. */
  hide: ReadonlySet<ClassSection>;
}

/** What a locked control says when pointed at. */
export const LOCKED_TITLE = "Locked by your teacher's link";

/** Whether `control` may be changed under `lock` (no lock: everything may). */
export const mayEdit = (lock: ClassLock | null, control: ClassControl): boolean => lock === null || lock.edit.has(control);

/** Whether nothing is locked (a whole new example may be loaded). */
export const mayEditAll = (lock: ClassLock | null): boolean => lock === null || CONTROLS.every((c) => lock.edit.has(c));

export const isHidden = (lock: ClassLock | null, section: ClassSection): boolean => lock !== null && lock.hide.has(section);

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
