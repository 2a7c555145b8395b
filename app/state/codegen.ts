/**
 * Runnable JAX Python for the current explorer state: imports, each argument made like the
 * fill (`a = jnp.arange(4.).reshape(2, 2)`, `b = … + 100`), the function, the vmap call with
 * tuples for in_axes, and the printed shape. Pure text from validated state: nothing here runs.
 */
import { argFor, argLeaves, inAxisFor, sizeOfShape, type ArgTree, type ExplorerState, type Fill } from "./explorerTypes";
import { INDEX_CYCLE, leafValues, uniqueOffset } from "./fills";
import { formatPyLiteral, type PyLit } from "./pyLiteral";

const dims = (shape: readonly number[]) => shape.join(", ");

function pyNumber(x: number): string {
  return Number.isInteger(x) ? `${x}.` : String(x);
}

function leafExpr(shape: number[], fill: Fill, leafIndex: number, offset: number): string {
  const n = sizeOfShape(shape);
  if (fill === "indices") {
    // Ints 0, 1, 2, 0, …: JAX's default int, as the page's (fills.ts).
    const base = `jnp.arange(${n})`;
    const shaped = shape.length === 1 ? base : `${base}.reshape(${shape.length === 0 ? "()" : dims(shape)})`;
    return `${shaped} % ${INDEX_CYCLE}`;
  }
  if (fill === "random") {
    if (n <= 64) {
      const vals = Array.from(leafValues(shape, fill, leafIndex, offset), pyNumber);
      const arr = `jnp.array([${vals.join(", ")}])`;
      return shape.length === 1 ? arr : `${arr}.reshape(${shape.length === 0 ? "()" : dims(shape)})`;
    }
    return `jnp.round(jax.random.uniform(jax.random.key(${leafIndex}), (${dims(shape)}${shape.length === 1 ? "," : ""}), minval=-2, maxval=2), 1)  # other random numbers than the page's`;
  }
  const start = leafIndex * offset;
  const plus = start === 0 ? "" : ` + ${start}`;
  if (shape.length === 0) return `jnp.array(${pyNumber(start)})`;
  const base = `jnp.arange(${n}.)`;
  return shape.length === 1 ? `${base}${plus}` : `${base}.reshape(${dims(shape)})${plus}`;
}

/** Every parameter's argument expression, with the leaf counter shared across arguments. */
function argumentLines(s: ExplorerState, params: string[]): string[] {
  const allLeaves = params.flatMap((p) => argLeaves(argFor(s, p).tree));
  const offset = uniqueOffset(allLeaves.map((l) => sizeOfShape(l.shape)));
  let leafIndex = 0;
  const expr = (t: ArgTree, fill: Fill): string => {
    if (t.kind === "leaf") return leafExpr(t.shape, fill, leafIndex++, offset);
    const items = t.items.map((x) => expr(x, fill));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
  };
  return params.map((p) => {
    const a = argFor(s, p);
    return `${p} = ${expr(a.tree, a.fill)}`;
  });
}

/** The `in_axes=…` text: a tuple with one entry per positional argument. */
export function inAxesText(s: ExplorerState, params: string[]): string {
  return formatPyLiteral(params.map((p) => inAxisFor(s, p)) as PyLit);
}

export function allInAxesNone(s: ExplorerState, params: string[]): boolean {
  return params.length > 0 && params.every((p) => inAxisFor(s, p) === null);
}

/** `jax.vmap(f, in_axes=(0, None), out_axes=0)` plus `axis_size` when every entry is None. */
export function vmapCallText(s: ExplorerState, params: string[]): string {
  const size = allInAxesNone(s, params) && s.axisSize !== null ? `, axis_size=${s.axisSize}` : "";
  return `jax.vmap(f, in_axes=${inAxesText(s, params)}, out_axes=${formatPyLiteral(s.outAxes as PyLit)}${size})(${params.join(", ")})`;
}

export function pythonCode(s: ExplorerState, params: string[], outputIsTree: boolean): string {
  const src = s.fnSource.replace(/\s*\n\s*/g, " ").trim();
  return [
    "import jax",
    "import jax.numpy as jnp",
    ...(s.x64 ? ['jax.config.update("jax_enable_x64", True)'] : []),
    "",
    ...argumentLines(s, params),
    "",
    `f = ${src}`,
    `out = ${vmapCallText(s, params)}`,
    outputIsTree ? "print(jax.tree.map(jnp.shape, out))" : "print(out.shape)",
    "",
  ].join("\n");
}
