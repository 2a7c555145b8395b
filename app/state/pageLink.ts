/**
 * The playground's permalink: the explorer state (urlState.ts) plus what the page shows of it,
 * the animation step (`k`, `phase`), the speed, the open lesson and its step (`lesson`, `step`,
 * 1-based as lessonSlice.ts says links write it), and a student link's lock (classroom/lock.ts).
 * The lesson fields and the explorer's are urlState.ts's (encodeLink/decodeLink); the others
 * are split off by name, like the embed's options (embed/options.ts), and read against
 * whitelists; any unreadable field rejects the whole link, which then opens the default
 * example with a notice, as an unreadable explorer field does.
 */
import { decodeLink, encodeLink, type LinkLesson } from "./urlState";
import { defaultExplorer, type ExplorerState } from "./explorerTypes";
import { DEFAULT_SPEED, SPEEDS, type Phase } from "./playbackSlice";
import type { ClassLock } from "../classroom/lock";
import { LOCK_KEYS, lockFields, readLock } from "../classroom/lockLink";

export interface PageLink {
  explorer: ExplorerState;
  /** The example shown and its phase, or null for the resting picture. */
  step: { k: number; phase: Phase } | null;
  speed: number;
  lock: ClassLock | null;
  /**
   * The open lesson and its 0-based step (whether the id names a lesson is the lesson slice's
   * to say); read from a link, also whether the link carries the student's own explorer state.
   */
  lesson: { id: string; step: number } | null;
}

/** A link as read: its lesson says whether the link carries the explorer state. */
export type ReadPageLink = PageLink & { lesson: LinkLesson | null };

/** The page's own fields: everything else in the hash belongs to the lesson and the explorer. */
const PAGE_KEYS = new Set<string>(["k", "phase", "speed", ...LOCK_KEYS]);
/** The largest k a link may hold (any mapped size the engine can draw is far below). */
const MAX_K = 10_000_000;


export function encodePageLink(p: PageLink): string {
  const q = new URLSearchParams(encodeLink(p.explorer, p.lesson));
  if (p.step) {
    q.set("k", String(p.step.k));
    if (p.step.phase !== 2) q.set("phase", String(p.step.phase));
  }
  if (p.speed !== DEFAULT_SPEED) q.set("speed", String(p.speed));
  if (p.lock) for (const [key, value] of lockFields(p.lock)) q.set(key, value);
  return q.toString();
}

export type PageLinkRead = { ok: true; link: ReadPageLink } | { ok: false; link: ReadPageLink; notice: string; why: string };

const fallback = (): ReadPageLink => ({ explorer: defaultExplorer(), step: null, speed: DEFAULT_SPEED, lock: null, lesson: null });

function readStep(k: string | null, phase: string | null): PageLink["step"] {
  if (k === null) {
    if (phase !== null) throw new Error("phase without k");
    return null;
  }
  if (!/^\d{1,8}$/.test(k) || Number(k) > MAX_K) throw new Error(`k must be a whole number, not ${JSON.stringify(k.slice(0, 20))}`);
  if (phase !== null && !/^[012]$/.test(phase)) throw new Error(`phase must be 0, 1 or 2, not ${JSON.stringify(phase.slice(0, 20))}`);
  return { k: Number(k), phase: phase === null ? 2 : (Number(phase) as Phase) };
}

function readSpeed(text: string | null): number {
  if (text === null) return DEFAULT_SPEED;
  const s = SPEEDS.find((x) => String(x) === text);
  if (s === undefined) throw new Error(`speed must be one of ${SPEEDS.join(", ")}, not ${JSON.stringify(text.slice(0, 20))}`);
  return s;
}

/** Reads a URL hash (with or without `#`); an empty hash is the default, with no notice. */
export function decodePageLink(hash: string): PageLinkRead {
  const text = hash.replace(/^#/, "");
  const own = new Map<string, string>();
  const rest = new URLSearchParams();
  let why: string | null = null;
  try {
    for (const [key, value] of new URLSearchParams(text)) {
      if (!PAGE_KEYS.has(key)) rest.append(key, value);
      else if (own.has(key)) throw new Error(`${key} appears twice`);
      else own.set(key, value);
    }
    const get = (key: string) => own.get(key) ?? null;
    const step = readStep(get("k"), get("phase"));
    const speed = readSpeed(get("speed"));
    const lock = readLock(get);
    const r = decodeLink(rest.toString());
    if (r.ok) return { ok: true, link: { explorer: r.state, step, speed, lock, lesson: r.lesson } };
    why = r.why;
  } catch (e) {
    why = e instanceof Error ? e.message : String(e);
  }
  return { ok: false, link: fallback(), notice: `This link could not be read (${why}), so the default example is shown.`, why };
}
