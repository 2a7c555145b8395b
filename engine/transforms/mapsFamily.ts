/** pmap and the naive loop: a family loaded on first use (mapsLazy.ts, engine/lazyFamily.ts). */
export { pmap, runPmap } from "./pmap";
export { loopMap } from "./loop";
