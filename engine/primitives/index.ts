/**
 * Every primitive, re-exported (and thereby registered). Names follow lax with a `P` suffix,
 * as JAX's `add_p`; `lax.ts` has the functions that bind them. Import order is structural →
 * reduce → elementwise → dot so the module cycle through families.ts resolves the same way
 * from every entry point.
 */
export * from "./structural";
export * from "./reduce";
export * from "./elementwise";
export * from "./dot";
export * from "./families";
export * as lax from "./lax";
export * from "./gatherDims";
export * from "./gather";
export * from "./scatter";
export * from "./dynamicSlice";
export * from "./argminmax";
export * as laxIndexing from "./laxIndexing";
export * from "./sort";
