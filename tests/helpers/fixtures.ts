/**
 * Runs the oracle cases (answers recorded from JAX, in the format the engine contract describes;
 * the file is kept beside the repository) and the worked cases of our vmap-semantics notes
 * (copied into tests/fixtures/semantics-cases.json) through the public engine surface.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as engine from "../../engine";
import { EngineError, grad, jit, np, parseLambda, vmap, NDArray } from "../../engine";

export type ArgSpec = { shape: number[]; data?: number[] } | number[] | { tuple: ArgSpec[] } | { dict: Record<string, ArgSpec> };
export type Expect = { shape: number[]; data?: number[] } | { error: string } | { tuple: Expect[] } | { dict: Record<string, Expect> };

export interface OracleCase {
  id: string;
  src: string;
  args: ArgSpec[];
  in_axes: unknown;
  out_axes: unknown;
  axis_size?: number | null;
  transform?: string;
  argnums?: number | number[];
  expect: Expect;
}

const here = resolve(__dirname, "..");

/** The oracle file: the shared copy when present, else the one committed beside the tests. */
export function loadOracleCases(): { file: string | null; cases: OracleCase[] } {
  for (const file of [resolve(here, "../../shared/fixtures/vmap-oracle.public.json"), resolve(here, "fixtures/vmap-oracle.public.json")]) {
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, "utf8"));
      return { file, cases: Array.isArray(json) ? json : json.cases };
    }
  }
  return { file: null, cases: [] };
}

/** tests/fixtures/semantics-cases.json, converted to oracle form: shapes only, data filled with unique numbers. */
export function loadSemanticsCases(): OracleCase[] {
  const raw = JSON.parse(readFileSync(resolve(here, "fixtures/semantics-cases.json"), "utf8")) as any[];
  const toExpect = (e: any): Expect => (Array.isArray(e) ? { shape: e } : { tuple: e.tuple.map(toExpect) });
  return raw.map((c, i) => ({
    id: `semantics-${i}: ${c.from ?? c.src}`,
    src: c.src,
    args: c.shapes,
    in_axes: c.in_axes,
    out_axes: c.out_axes,
    axis_size: c.axis_size ?? null,
    expect: c.expect_error ? { error: c.expect_error } : toExpect(c.expect_shape),
  }));
}

let fillBase = 0;
function buildArg(spec: ArgSpec | number | null): unknown {
  if (spec === null || typeof spec === "number") return spec; // a Python scalar or None, as is
  if (Array.isArray(spec)) {
    const n = spec.reduce((a, b) => a * b, 1);
    const data = Array.from({ length: n }, (_, i) => fillBase + i);
    fillBase += 100;
    return np.array(data, spec);
  }
  if ("tuple" in spec) return spec.tuple.map(buildArg);
  if ("dict" in spec) return Object.fromEntries(Object.entries(spec.dict).map(([k, v]) => [k, buildArg(v)]));
  return np.array(spec.data ?? Array.from({ length: spec.shape.reduce((a, b) => a * b, 1) }, (_, i) => i), spec.shape);
}

/** Apply the case's transform chain, outermost first: "vmap(grad)" = vmap of grad of f. */
function transformed(c: OracleCase): Function {
  const f = parseLambda(c.src);
  const chain = (c.transform ?? "vmap").replace(/\)/g, "").split("(").filter(Boolean);
  const vmapOpts = c.axis_size === null || c.axis_size === undefined ? {} : { axisSize: c.axis_size };
  let g: Function = f;
  for (const t of [...chain].reverse()) {
    if (t === "vmap") g = vmap(g, c.in_axes, c.out_axes, vmapOpts);
    else if (t === "grad") g = grad(g, c.argnums === undefined ? {} : { argnums: c.argnums });
    else if (t === "jit") g = jit(g);
    else throw new Error(`unknown transform ${t}`);
  }
  return g;
}

/**
 * The oracle's answers were recorded with JAX's `jax_enable_x64` on (float64 numbers): when the
 * engine has a `config` (jax.config), switch it on before any case. Read through the namespace,
 * so this runs unchanged whether or not the engine exports it yet.
 */
export function useOracleConfig(): void {
  const config = (engine as Record<string, unknown>).config as { update?: (name: string, value: unknown) => void } | undefined;
  if (config && typeof config.update === "function") config.update("jax_enable_x64", true);
}

export function runCase(c: OracleCase): { result?: unknown; error?: unknown } {
  useOracleConfig();
  fillBase = 0;
  try {
    const args = c.args.map(buildArg);
    return { result: transformed(c)(...args) };
  } catch (error) {
    return { error };
  }
}

/** Compares a result with an expectation; returns a description of the first difference, or null. */
export function compare(result: unknown, expect: Expect, path = "out"): string | null {
  if ("error" in expect) return `${path}: expected error ${expect.error}, got a result`;
  if ("tuple" in expect) {
    if (!Array.isArray(result) || result.length !== expect.tuple.length) return `${path}: expected a tuple of ${expect.tuple.length}`;
    for (let i = 0; i < expect.tuple.length; i++) {
      const d = compare(result[i], expect.tuple[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if ("dict" in expect) {
    const obj = result as Record<string, unknown>;
    if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return `${path}: expected a dict`;
    for (const [k, e] of Object.entries(expect.dict)) {
      const d = compare(obj[k], e, `${path}['${k}']`);
      if (d) return d;
    }
    return Object.keys(obj).length === Object.keys(expect.dict).length ? null : `${path}: dict keys differ`;
  }
  const arr = typeof result === "number" ? np.array(result) : result;
  if (!(arr instanceof NDArray)) return `${path}: expected an array, got ${typeof result}`;
  if (arr.shape.join(",") !== expect.shape.join(",")) return `${path}: shape [${arr.shape}] ≠ expected [${expect.shape}]`;
  if (expect.data) {
    const got = arr.flat();
    for (let i = 0; i < expect.data.length; i++) {
      const want = expect.data[i];
      if (!(Math.abs(got[i] - want) <= 1e-6 + 1e-5 * Math.abs(want)) && !(Number.isNaN(want) && Number.isNaN(got[i]))) {
        return `${path}: element ${i} is ${got[i]}, expected ${want}`;
      }
    }
  }
  return null;
}

export function errorKind(e: unknown): string {
  return e instanceof EngineError ? e.kind : `non-EngineError: ${String(e)}`;
}
