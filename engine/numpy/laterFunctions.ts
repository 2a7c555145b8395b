/**
 * jnp's functions that load on first use (engine/lazyFamily.ts): indexing by values
 * (indexingFamily.ts: gather, scatter, sort… and what is built on them) and einsum.
 */
import { lazyFamily } from "../lazyFamily";

export const indexingFamily = lazyFamily(() => import("./indexingFamily"));
export const einsumFamily = lazyFamily(() => import("./einsum"));
