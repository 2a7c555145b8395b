/**
 * `x.at[idx].set(y)` and friends in the lambda language: `x.at` is an index-update helper,
 * indexing it makes a ref, and the ref's methods call the host's indexed update (one scatter)
 * or indexed get (one gather). JAX: jax/_src/numpy/array_methods.py (`_IndexUpdateHelper`,
 * `_IndexUpdateRef`).
 */
import { makeCallable, type Callable, type Keywords } from "./builtins";
import type { IndexItem, LangHost } from "./host";
import { AT_METHODS } from "./names";
import { unsupported } from "./resolve";

/** `x.at`. */
export class AtHelper {
  constructor(readonly array: unknown) {}
}

/** `x.at[idx]`. */
export class AtRef {
  constructor(readonly array: unknown, readonly items: IndexItem[]) {}
}


const KEYWORDS: Record<string, readonly string[]> = {
  get: ["indices_are_sorted", "unique_indices", "mode", "fill_value", "out_sharding", "wrap_negative_indices"],
  update: ["indices_are_sorted", "unique_indices", "mode", "out_sharding", "wrap_negative_indices"],
};

/** `x.at[idx].name`, a callable. */
export function atMethod(ref: AtRef, name: string, host: LangHost, pos: number): Callable {
  if (!(AT_METHODS as readonly string[]).includes(name)) {
    throw unsupported(`'_IndexUpdateRef' object has no attribute '${name}'`, pos, "AttributeError");
  }
  const isGet = name === "get";
  const allowed = KEYWORDS[isGet ? "get" : "update"];
  return makeCallable(
    (args: unknown[], kw: Keywords, p: number) => {
      const where = p >= 0 ? p : pos;
      const n = isGet ? 0 : 1;
      if (args.length !== n) {
        throw unsupported(`${name}() takes ${n + 1} positional argument${n ? "s" : ""} but ${args.length + 1} were given`, where, "TypeError");
      }
      for (const k of kw.keys()) {
        if (!allowed.includes(k)) throw unsupported(`${name}() got an unexpected keyword argument '${k}'`, where, "TypeError");
      }
      const mode = kw.get("mode") ?? null;
      if (mode !== null && typeof mode !== "string") throw unsupported(`Unknown gather mode "${String(mode)}"`, where, "ValueError");
      if (isGet) {
        const fill = kw.get("fill_value") ?? null;
        return host.atGet!(ref.array, ref.items, { mode, fillValue: fill });
      }
      const op = name === "mul" ? "multiply" : name;
      return host.atUpdate!(ref.array, ref.items, args[0], op, { mode });
    },
    isGet ? [] : ["values"],
    name,
  );
}
