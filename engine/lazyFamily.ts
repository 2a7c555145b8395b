/**
 * Parts of the engine that a program may never use — jax.lax's control flow and collectives,
 * indexing by values (gather, scatter, sort…), pmap — are families loaded on first use in the
 * browser, so the page's first screen does not carry them (the first-screen JavaScript budget,
 * README "Quality"). Everywhere else (Node, tests, vite's dev server) engine/index.ts loads every
 * family before it is evaluated, so a caller there sees one synchronous engine.
 *
 * A family is reached through `need(what)`: the family once loaded, else a start of its loading
 * and an EngineError saying `what` is still loading. The app loads every family as soon as it has
 * started (`loadEngineFamilies`) and runs its current call again if one was refused meanwhile.
 */
import { EngineError } from "./errors";
import { loadOnce } from "./loadOnce";

export interface LazyFamily<T> {
  /** The family, or null until it has loaded. */
  now(): T | null;
  /** Loads the family (once; again after a failed load). */
  load(): Promise<T>;
  /** The family, or (while it loads) an EngineError naming `what` as still loading. */
  need(what: string): T;
  /** The family, or null while it loads: for a caller with its own words for the refusal. */
  tryNow(): T | null;
}

const families: LazyFamily<unknown>[] = [];
let refusedWhileLoading = false;

export function lazyFamily<T>(importFamily: () => Promise<T>): LazyFamily<T> {
  // A failed load (a chunk gone after a deploy, a flaky network) is tried again at the next need.
  const once = loadOnce(importFamily);
  const family: LazyFamily<T> = {
    now: once.now,
    load: once.load,
    need(what) {
      const f = family.tryNow();
      if (f) return f;
      throw new EngineError("unsupported", `${what} is still loading`);
    },
    tryNow() {
      const loaded = once.now();
      if (loaded) return loaded;
      family.load().catch(() => {});
      refusedWhileLoading = true;
      return null;
    },
  };
  families.push(family as LazyFamily<unknown>);
  return family;
}

/**
 * Loads every family. Resolves to true when some call was refused while one was loading (a
 * caller's current result may be that refusal: run it again).
 */
export async function loadEngineFamilies(): Promise<boolean> {
  await Promise.all(families.map((f) => f.load()));
  return refusedWhileLoading;
}

/** True once every family has loaded. */
export const engineFamiliesLoaded = (): boolean => families.every((f) => f.now() !== null);

/**
 * A stand-in for the family's function `name`, calling through once the family has loaded (until
 * then: `label` is still loading). For names the engine exports or the language calls directly.
 */
export function viaFamily<T, K extends keyof T>(family: LazyFamily<T>, name: K, label: string): T[K] {
  return ((...args: unknown[]) => (family.need(label)[name] as (...a: unknown[]) => unknown)(...args)) as T[K];
}
