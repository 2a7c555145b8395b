/**
 * Runnable JAX Python for the current explorer state: imports, each argument made like the
 * fill (`a = jnp.arange(4.).reshape(2, 2)`, `b = … + 100`, an imported array's values as a
 * literal), the function (a lambda as `f = …`, a def program as written), the vmap call with
 * tuples for in_axes, and the printed shape. Pure text from validated state: nothing here runs.
 */
import { allInAxesNone, argFor, argLeaves, inAxisFor, sizeOfShape, type ArgTree, type AxisTree, type ExplorerState, type Fill } from "./explorerTypes";
import { INDEX_CYCLE, leafValues, uniqueFill, type UniqueFill } from "./fills";
import { formatPyLiteral, type PyLit } from "./pyLiteral";
import { pyScalar } from "../../engine/index";

/** What the text needs beyond the state: the leaves' values (for `code` fills) and a def program's function name. */
export interface CodeExtras {
  leafData?: readonly Float64Array[];
  fnName?: string;
}

/** Imported values are printed up to this many per array; a bigger one would make the code unreadable. */
const MAX_LITERAL = 4096;

const dims = (shape: readonly number[]) => shape.join(", ");

function pyNumber(x: number): string {
  return Number.isInteger(x) ? `${x}.` : String(x);
}

/** A leaf whose values came from the imported code: its values as a literal, as the engine holds them. */
function literalExpr(shape: number[], values: Float64Array | undefined, x64: boolean): string {
  const n = sizeOfShape(shape);
  if (!values || values.length !== n || n > MAX_LITERAL) return `jnp.zeros((${dims(shape)}${shape.length === 1 ? "," : ""}))  # the imported values: open the permalink`;
  const text = Array.from(values, (v) => pyScalar(v, x64 ? "float64" : "float32"));
  if (shape.length === 0) return `jnp.array(${text[0]})`;
  const arr = `jnp.array([${text.join(", ")}])`;
  return shape.length === 1 ? arr : `${arr}.reshape(${dims(shape)})`;
}

function leafExpr(shape: number[], fill: Fill, leafIndex: number, unique: UniqueFill): string {
  const n = sizeOfShape(shape);
  if (fill === "indices") {
    // Ints 0, 1, 2, 0, …: JAX's default int, as the page's (fills.ts). Small ones are written out
    // (the lambda language has no `%`, and Import reads the code back to the same state).
    if (n <= 64) {
      const vals = Array.from(leafValues(shape, fill, leafIndex, unique), (v) => String(v));
      const arr = shape.length === 0 ? `jnp.array(${vals[0]})` : `jnp.array([${vals.join(", ")}])`;
      return shape.length <= 1 ? arr : `${arr}.reshape(${dims(shape)})`;
    }
    const base = `jnp.arange(${n})`;
    const shaped = shape.length === 1 ? base : `${base}.reshape(${shape.length === 0 ? "()" : dims(shape)})`;
    return `${shaped} % ${INDEX_CYCLE}`;
  }
  if (fill === "random") {
    if (n <= 64) {
      const vals = Array.from(leafValues(shape, fill, leafIndex, unique), pyNumber);
      const arr = `jnp.array([${vals.join(", ")}])`;
      return shape.length === 1 ? arr : `${arr}.reshape(${shape.length === 0 ? "()" : dims(shape)})`;
    }
    return `jnp.round(jax.random.uniform(jax.random.key(${leafIndex}), (${dims(shape)}${shape.length === 1 ? "," : ""}), minval=-2, maxval=2), 1)  # other random numbers than the page's`;
  }
  // Symbols are computed with the unique numbers: the same code reproduces either picture.
  const start = leafIndex * unique.offset;
  const step = unique.steps[leafIndex] ?? 1;
  const plus = start === 0 ? "" : ` + ${start}`;
  if (shape.length === 0) return `jnp.array(${pyNumber(start)})`;
  const base = `jnp.arange(${n}.)`;
  const shaped = shape.length === 1 ? base : `${base}.reshape(${dims(shape)})`;
  return `${shaped}${step === 1 ? "" : ` * ${step}`}${plus}`;
}

/** Every parameter's argument expression, with the leaf counter shared across arguments. */
function argumentLines(s: ExplorerState, params: string[], leafData?: readonly Float64Array[]): string[] {
  const allLeaves = params.flatMap((p) => argLeaves(argFor(s, p).tree));
  const unique = uniqueFill(allLeaves.map((l) => sizeOfShape(l.shape)));
  let leafIndex = 0;
  const expr = (t: ArgTree, fill: Fill): string => {
    if (t.kind === "leaf") {
      const i = leafIndex++;
      return fill === "code" ? literalExpr(t.shape, leafData?.[i], s.x64) : leafExpr(t.shape, fill, i, unique);
    }
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


/**
 * `jax.vmap(f, in_axes=(0, None), out_axes=0)` plus `axis_size` when every entry is None, or
 * `jax.pmap(…)` with the same axes (pmap's axis_size means something else: it is never written).
 * `fnName` names a def program's function.
 */
export function vmapCallText(s: ExplorerState, params: string[], fnName = "f"): string {
  const pmap = s.mapWith === "pmap";
  const size = !pmap && allInAxesNone(s, params) && s.axisSize !== null ? `, axis_size=${s.axisSize}` : "";
  const name = s.axisName !== null ? `, axis_name='${s.axisName}'` : "";
  return `jax.${pmap ? "pmap" : "vmap"}(${fnName}, in_axes=${inAxesText(s, params)}, out_axes=${formatPyLiteral(s.outAxes as PyLit)}${size}${name})(${params.join(", ")})`;
}

/** pmap's simulated devices: XLA reads the flag when jax starts, so it is set before `import jax`. */
function devicesPrelude(s: ExplorerState): string[] {
  if (s.mapWith !== "pmap") return [];
  return [
    "import os",
    `# ${s.devices} simulated CPU devices for pmap; set before jax is imported (same as running with`,
    `# XLA_FLAGS=--xla_force_host_platform_device_count=${s.devices} in the environment)`,
    `os.environ["XLA_FLAGS"] = "--xla_force_host_platform_device_count=${s.devices}"`,
    "",
  ];
}

export function pythonCode(s: ExplorerState, params: string[], outputIsTree: boolean, extras: CodeExtras = {}): string {
  // A def program is copied as written and called by its function's name; a lambda is `f = …` on one line.
  const program = extras.fnName !== undefined;
  const fn = program ? [s.fnSource.trim()] : [`f = ${s.fnSource.replace(/\s*\n\s*/g, " ").trim()}`];
  return [
    ...devicesPrelude(s),
    "import jax",
    "import jax.numpy as jnp",
    ...(s.x64 ? ['jax.config.update("jax_enable_x64", True)'] : []),
    "",
    ...argumentLines(s, params, extras.leafData),
    "",
    ...fn,
    `out = ${vmapCallText(s, params, extras.fnName)}`,
    outputIsTree ? "print(jax.tree.map(jnp.shape, out))" : "print(out.shape)",
    "",
  ].join("\n");
}

/** Slice `index` of an argument as Python writes it: `x[:, i]` for axis 1, `x[..., i]` for -1, `x` for None; tuples entry by entry. */
export function sliceText(expr: string, axis: AxisTree, tree: ArgTree, index = "i"): string {
  const mapsNothing = (a: AxisTree): boolean => a === null || (Array.isArray(a) && a.every(mapsNothing));
  if (axis === null || mapsNothing(axis)) return expr;
  if (typeof axis === "number") {
    if (tree.kind === "tuple") return `jax.tree.map(lambda x: ${sliceText("x", axis, { kind: "leaf", shape: [] }, index)}, ${expr})`;
    return axis >= 0 ? `${expr}[${":, ".repeat(axis)}${index}]` : `${expr}[..., ${index}${", :".repeat(-axis - 1)}]`;
  }
  if (tree.kind !== "tuple") return expr;
  const items = tree.items.map((t, k) => sliceText(`${expr}[${k}]`, axis[k] ?? null, t, index));
  return `(${items.join(", ")}${items.length === 1 ? "," : ""})`;
}
