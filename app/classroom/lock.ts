/**
 * What a student link lets students see and change (the teacher's choice in the "Share with
 * class" dialog): the controls they may change (the rest are shown locked) and the sections
 * hidden from them. Pure data; its URL form is lockLink.ts.
 */

/** The controls a teacher can leave open to students. */
export const CONTROLS = ["function", "shapes", "in_axes", "out_axes"] as const;
export type ClassControl = (typeof CONTROLS)[number];

/** The sections a teacher can hide from students. */
export const SECTIONS = ["story", "table", "code", "panels"] as const;
export type ClassSection = (typeof SECTIONS)[number];

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
