/**
 * Public face of engine/numpy: `jnp` and `nn` (namespace.ts) and `np`, the contract's eager
 * twin of jnp that also takes nested JS arrays (np.ts).
 */
export { jnp, nn, type Jnp, type Nn } from "./namespace";
export { np, type Np, type NpArrayLike } from "./np";
export type { ArrayLike, Axis } from "./args";
export type { IndexItem, SliceItem } from "./indexing";
export type { ReduceOptions } from "./jnp";
