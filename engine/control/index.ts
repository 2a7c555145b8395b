/**
 * `lax`: jax.lax's control flow and named-axis collectives, under JAX's names (keyword
 * arguments as a trailing options object, as everywhere in the engine's JS API).
 */
import { allGather, axisIndex, pmax, pmean, pmin, psum } from "./collectives";
import { cond, foriLoop, map, scan, select, switch_, whileLoop } from "./lax";

export const lax = {
  cond,
  switch: switch_,
  select,
  fori_loop: foriLoop,
  while_loop: whileLoop,
  scan,
  map,
  psum,
  pmean,
  pmax,
  pmin,
  all_gather: allGather,
  axis_index: axisIndex,
};
export type Lax = typeof lax;
// What the rest of the engine reads once the family has loaded (lazy.ts).
export { controlStory } from "./story";
export { LAX_SIGNATURES } from "./signatures";
