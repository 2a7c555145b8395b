/**
 * Indexing by values — gather, scatter, dynamic_slice, sort, argmax and the jnp functions built
 * on them — as one family loaded on first use (engine/lazyFamily.ts): importing this module
 * registers those primitives. Reached through `indexingFamily` (laterFunctions.ts).
 */
export { argmax, argmin, argsort, take, take_along_axis } from "./indexFunctions";
export { rewritingTake, scatterUpdate } from "./gatherIndexing";
