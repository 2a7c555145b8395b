/**
 * The indexing family's loader (indexingFamily.ts), and its jnp functions as stand-ins that call
 * through to it once loaded (until then: "… is still loading", see engine/lazyFamily.ts).
 */
import { lazyFamily } from "../lazyFamily";

type IndexingFamily = typeof import("./indexingFamily");
export const indexingFamily = lazyFamily<IndexingFamily>(() => import("./indexingFamily"));

/** `name` of the family, called when the program calls it; `label` is the program's name for it. */
export function viaIndexing<K extends keyof IndexingFamily>(name: K, label: string): IndexingFamily[K] {
  return ((...args: unknown[]) => (indexingFamily.need(label)[name] as (...a: unknown[]) => unknown)(...args)) as IndexingFamily[K];
}
