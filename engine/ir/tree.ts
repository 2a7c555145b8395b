/**
 * Minimal pytrees for makeJaxpr and jit: JS arrays are tuples, plain objects are dicts (children
 * in sorted-key order, as JAX flattens dicts), null/undefined is None (no leaves), anything else
 * is a leaf. `treeKey` is the structural part of jit's cache key. JAX: jax/_src/tree_util.py.
 * (If core/pytree.ts lands with the same semantics, this module can become a re-export of it.)
 */

export type TreeDef =
  | { readonly kind: "leaf" }
  | { readonly kind: "none" }
  | { readonly kind: "tuple"; readonly children: readonly TreeDef[] }
  | { readonly kind: "dict"; readonly keys: readonly string[]; readonly children: readonly TreeDef[] };

const LEAF: TreeDef = { kind: "leaf" };
const NONE: TreeDef = { kind: "none" };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== "object") return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Leaves in JAX's order (depth-first, dict keys sorted) and the structure to rebuild them. */
export function flatten(x: unknown): [unknown[], TreeDef] {
  const leaves: unknown[] = [];
  const walk = (v: unknown): TreeDef => {
    if (v === null || v === undefined) return NONE;
    if (Array.isArray(v)) return { kind: "tuple", children: v.map(walk) };
    if (isPlainObject(v)) {
      const keys = Object.keys(v).sort();
      return { kind: "dict", keys, children: keys.map((k) => walk(v[k])) };
    }
    leaves.push(v);
    return LEAF;
  };
  const def = walk(x);
  return [leaves, def];
}

export function unflatten(def: TreeDef, leaves: readonly unknown[]): unknown {
  let i = 0;
  const build = (d: TreeDef): unknown => {
    switch (d.kind) {
      case "leaf":
        return leaves[i++];
      case "none":
        return null;
      case "tuple":
        return d.children.map(build);
      case "dict": {
        const out: Record<string, unknown> = {};
        d.keys.forEach((k, j) => (out[k] = build(d.children[j])));
        return out;
      }
    }
  };
  const out = build(def);
  if (i !== leaves.length) throw new Error(`unflatten: tree has ${i} leaves, got ${leaves.length}`);
  return out;
}

export function numLeaves(def: TreeDef): number {
  switch (def.kind) {
    case "leaf":
      return 1;
    case "none":
      return 0;
    default:
      return def.children.reduce((n, c) => n + numLeaves(c), 0);
  }
}

/** A string equal for equal structures (JAX's PyTreeDef equality), used in cache keys. */
export function treeKey(def: TreeDef): string {
  switch (def.kind) {
    case "leaf":
      return "*";
    case "none":
      return "N";
    case "tuple":
      return `(${def.children.map(treeKey).join(",")})`;
    case "dict":
      return `{${def.keys.map((k, i) => `${JSON.stringify(k)}:${treeKey(def.children[i])}`).join(",")}}`;
  }
}
