/**
 * Where the student stopped in each lesson, kept in localStorage so the Lessons menu can offer
 * "continue at step n" on the next visit (the lesson player writes each step it shows). Guarded: storage may be missing or refuse access
 * (a sandboxed iframe, a private window, a full quota), and what it holds may be anything; a
 * bad entry is dropped, never trusted. Lesson ids key a Map, never a plain object.
 */
import type { LessonAt } from "../state/lessonSlice";

export const PROGRESS_KEY = "vmap-playground:lessons";
const MAX_ENTRIES = 64;
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export type StorageLike = Pick<Storage, "getItem" | "setItem">;

/** The page's localStorage, or null where reading it throws (sandboxed, blocked). */
export function pageStorage(): StorageLike | null {
  try {
    return typeof window !== "undefined" ? window.localStorage : null;
  } catch {
    return null;
  }
}

/** Lesson id → the 0-based step last shown. */
export function readProgress(storage: StorageLike | null): Map<string, number> {
  const out = new Map<string, number>();
  let raw: string | null = null;
  try {
    raw = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return out;
  }
  if (!raw) return out;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return out;
  }
  if (!Array.isArray(data)) return out;
  for (const e of data.slice(0, MAX_ENTRIES)) {
    if (Array.isArray(e) && typeof e[0] === "string" && ID.test(e[0]) && Number.isInteger(e[1]) && e[1] >= 0 && e[1] < 1000) out.set(e[0], e[1]);
  }
  return out;
}

export function writeProgress(storage: StorageLike | null, at: LessonAt): void {
  const m = readProgress(storage);
  m.delete(at.id);
  // The most recent first, so the oldest are the ones dropped past the limit.
  const entries = [[at.id, at.step], ...m].slice(0, MAX_ENTRIES);
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(entries));
  } catch {
    // Storage full or refused: progress is a convenience, the lesson goes on.
  }
}
