/**
 * Pytrees at the edges of every transformation (style P5): flatten/unflatten, key paths, and
 * the in_axes/out_axes prefix rule with JAX's "tree prefix" error. JS arrays are tuples, plain
 * objects are dicts (flattened in sorted-key order, like JAX), null/undefined is an empty node,
 * anything else is a leaf. Dict keys are user text (`'__proto__'`, `'constructor'`): dicts are
 * read by own keys only and rebuilt as null-prototype objects, so no key is special.
 * JAX: jax/_src/tree_util.py, api_util.flatten_axes.
 */
import { EngineError, pyTuple, type ErrorWhere } from "../errors";

export type TreeDef =
  | { kind: "leaf" }
  | { kind: "none" }
  | { kind: "tuple"; children: TreeDef[] }
  | { kind: "dict"; keys: string[]; children: TreeDef[] };

const LEAF: TreeDef = { kind: "leaf" };

/** A dict: a plain object literal or a null-prototype object (the lambda language's dicts). */
export function isDict(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** A dict from entries, as a null-prototype object with ordinary own properties. */
export function makeDict(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

export function treeFlatten(x: unknown): [unknown[], TreeDef] {
  const leaves: unknown[] = [];
  const walk = (v: unknown): TreeDef => {
    if (v === null || v === undefined) return { kind: "none" };
    if (Array.isArray(v)) return { kind: "tuple", children: v.map(walk) };
    if (isDict(v)) {
      const keys = Object.keys(v).sort();
      return { kind: "dict", keys, children: keys.map((k) => walk(v[k])) };
    }
    leaves.push(v);
    return LEAF;
  };
  const def = walk(x);
  return [leaves, def];
}

export function treeUnflatten(def: TreeDef, leaves: readonly unknown[]): unknown {
  let i = 0;
  const build = (d: TreeDef): unknown => {
    switch (d.kind) {
      case "leaf":
        return leaves[i++];
      case "none":
        return null;
      case "tuple":
        return d.children.map(build);
      case "dict":
        return makeDict(d.keys.map((k, j) => [k, build(d.children[j])] as const));
    }
  };
  return build(def);
}

function treeLeafCount(def: TreeDef): number {
  switch (def.kind) {
    case "leaf":
      return 1;
    case "none":
      return 0;
    default:
      return def.children.reduce((n, c) => n + treeLeafCount(c), 0);
  }
}

/** Key path of every leaf, JAX style: `[0]`, `['w']`, `[1][0]`, "" for the root. */
export function treeLeafPaths(def: TreeDef, prefix = ""): string[] {
  switch (def.kind) {
    case "leaf":
      return [prefix];
    case "none":
      return [];
    case "tuple":
      return def.children.flatMap((c, i) => treeLeafPaths(c, `${prefix}[${i}]`));
    case "dict":
      return def.children.flatMap((c, i) => treeLeafPaths(c, `${prefix}['${def.keys[i]}']`));
  }
}

/** A stable string for cache keys. */
export function treeDefKey(def: TreeDef): string {
  switch (def.kind) {
    case "leaf":
      return "*";
    case "none":
      return "N";
    case "tuple":
      return `(${def.children.map(treeDefKey).join(",")})`;
    case "dict":
      return `{${def.keys.map((k, i) => `${JSON.stringify(k)}:${treeDefKey(def.children[i])}`).join(",")}}`;
  }
}

const PYTREE_LEAF = "<class 'jax._src.api_util.PytreeLeaf'>";

function pyType(x: unknown): string {
  if (Array.isArray(x)) return "<class 'tuple'>";
  if (isDict(x)) return "<class 'dict'>";
  return PYTREE_LEAF;
}

function defType(d: TreeDef): string {
  return d.kind === "tuple" ? "<class 'tuple'>" : d.kind === "dict" ? "<class 'dict'>" : d.kind === "none" ? "<class 'NoneType'>" : PYTREE_LEAF;
}

const pyKeys = (keys: readonly string[]) => keys.map((k) => `['${k}']`).join(" ");

/**
 * Broadcasts an axes spec (leaves: number | null) over a value tree: one axis per value leaf.
 * Mismatches are all collected and reported in JAX's "Mismatch details" form.
 * JAX: jax/_src/tree_util.py (`_prefix_error`), jax/_src/api_util.py (`flatten_axes`).
 * `where` says which control the error belongs to (in_axes or out_axes).
 */
export function broadcastPrefix(spec: unknown, def: TreeDef, name: string, where?: ErrorWhere): (number | null)[] {
  const out: (number | null)[] = [];
  const errors: string[] = [];
  const walk = (s: unknown, d: TreeDef, path: string) => {
    if (s === null || s === undefined || typeof s === "number") {
      for (let i = treeLeafCount(d); i > 0; i--) out.push((s ?? null) as number | null);
      return;
    }
    const at = `\n    ${name}${path}\n`;
    if (Array.isArray(s)) {
      if (d.kind !== "tuple") {
        errors.push(`pytree structure error: different types at key path${at}At that key path, the prefix pytree ${name} has a subtree of type\n    ${pyType(s)}\nbut at the same key path the full pytree has a subtree of different type\n    ${defType(d)}.`);
        return;
      }
      if (s.length !== d.children.length) {
        errors.push(`pytree structure error: different lengths of tuple at key path${at}At that key path, the prefix pytree ${name} has a subtree of type tuple of length ${s.length}, but the full pytree has a subtree of the same type but of length ${d.children.length}.`);
        return;
      }
      s.forEach((c, i) => walk(c, d.children[i], `${path}[${i}]`));
      return;
    }
    if (isDict(s)) {
      if (d.kind !== "dict") {
        errors.push(`pytree structure error: different types at key path${at}At that key path, the prefix pytree ${name} has a subtree of type\n    ${pyType(s)}\nbut at the same key path the full pytree has a subtree of different type\n    ${defType(d)}.`);
        return;
      }
      const keys = Object.keys(s).sort();
      if (keys.length !== d.keys.length) {
        const sym = [...keys.filter((k) => !d.keys.includes(k)), ...d.keys.filter((k) => !keys.includes(k))];
        errors.push(`pytree structure error: different numbers of pytree children at key path${at}At that key path, the prefix pytree ${name} has a subtree of type\n    <class 'dict'>\nwith ${keys.length} child keys\n    ${pyKeys(keys)}\nbut at the same key path the full pytree has a subtree of the same type but with ${d.keys.length} child keys\n    ${pyKeys(d.keys)}\nso the symmetric difference on key sets is\n    ${pyKeys(sym)}`);
        return;
      }
      if (keys.some((k, i) => k !== d.keys[i])) {
        errors.push(`pytree structure error: different pytree metadata at key path${at}At that key path, the prefix pytree ${name} has a subtree of type\n    <class 'dict'>\nwith metadata\n    [${keys.map((k) => `'${k}'`).join(", ")}]\nbut at the same key path the full pytree has a subtree of the same type but with metadata\n    [${d.keys.map((k) => `'${k}'`).join(", ")}]`);
        return;
      }
      keys.forEach((k, i) => walk(s[k], d.children[i], `${path}['${k}']`));
      return;
    }
    errors.push(`pytree structure error: unsupported axis spec ${String(s)} at key path${at}`);
  };
  walk(spec, def, "");
  if (errors.length) {
    throw new EngineError(
      "in-axes-structure",
      `${name} specification must be a tree prefix of the corresponding value; \n  Mismatch details (${errors.length} found):\n  ${errors.join("\n  ")}`,
      { where },
    );
  }
  return out;
}

/** True when every leaf of an axes spec is an int or null (JAX's E2/E3 leaf check). */
export function axesLeavesValid(spec: unknown): boolean {
  if (spec === null || spec === undefined) return true;
  if (typeof spec === "number") return Number.isInteger(spec);
  if (Array.isArray(spec)) return spec.every(axesLeavesValid);
  if (isDict(spec)) return Object.values(spec).every(axesLeavesValid);
  return false;
}

/** The Python name of a function: its `pyName` (set by the lambda language), else `<lambda>`. */
function pyFunctionName(f: Function): string {
  const name = (f as { pyName?: unknown }).pyName;
  return typeof name === "string" ? name : "<lambda>";
}

/** Python repr of an axes spec, for error texts: `(0, None)`, `{'a': 0}`, `False`. */
export function pyRepr(x: unknown): string {
  if (x === null || x === undefined) return "None";
  if (typeof x === "boolean") return x ? "True" : "False";
  if (typeof x === "number") return String(x);
  if (typeof x === "string") return `'${x}'`;
  if (Array.isArray(x)) return pyTuple(x.map(pyRepr));
  if (isDict(x)) return `{${Object.keys(x).map((k) => `'${k}': ${pyRepr(x[k])}`).join(", ")}}`;
  // A function's JS source is never shown: Python prints `<function name at 0x…>`.
  if (typeof x === "function") return `<function ${pyFunctionName(x)}>`;
  return String(x);
}
