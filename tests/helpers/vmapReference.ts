/**
 * The loop reference for vmap: slice every mapped argument with plain index arithmetic, call f
 * per example, stack the results along out_axes — independent of the engine's views and rules.
 */
import { NDArray, np } from "../../engine";
import { stridesOf as strides, unravel } from "./reference";

/** x.take(k, axis) with loops. */
function takeSlice(x: NDArray, axis: number, k: number): NDArray {
  const data = x.flat();
  const outShape = x.shape.filter((_, i) => i !== axis);
  const n = outShape.reduce((a, b) => a * b, 1);
  const xs = strides(x.shape);
  const out = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    const idx = unravel(j, outShape);
    idx.splice(axis, 0, k);
    out[j] = data[idx.reduce((acc, v, i) => acc + v * xs[i], 0)];
  }
  // The slice keeps its dtype (an int index array stays int).
  return np.array(out, outShape, x.dtype);
}

/** jnp.stack(parts, axis) with loops. */
function stackAlong(parts: NDArray[], axis: number): NDArray {
  const inner = parts[0].shape;
  const outShape = [...inner.slice(0, axis), parts.length, ...inner.slice(axis)];
  const n = outShape.reduce((a, b) => a * b, 1);
  const flats = parts.map((p) => p.flat());
  const is = strides(inner);
  const out = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    const idx = unravel(j, outShape);
    const [k] = idx.splice(axis, 1);
    out[j] = flats[k][idx.reduce((acc, v, i) => acc + v * is[i], 0)];
  }
  return np.array(out, outShape, parts[0].dtype);
}

const norm = (a: number, r: number) => (a < 0 ? a + r : a);

/** vmap by the loop: the meaning vmap must have (the definition JAX's documentation of vmap gives). Single array output. */
export function loopVmap(f: Function, inAxes: (number | null)[], outAxis: number, args: NDArray[]): NDArray {
  const mapped = args.findIndex((_, i) => inAxes[i] !== null);
  const B = args[mapped].shape[norm(inAxes[mapped]!, args[mapped].ndim)];
  const results: NDArray[] = [];
  for (let k = 0; k < B; k++) {
    const slices = args.map((x, i) => (inAxes[i] === null ? x : takeSlice(x, norm(inAxes[i]!, x.ndim), k)));
    const r = f(...slices);
    results.push(r instanceof NDArray ? r : np.array(r as number));
  }
  return stackAlong(results, norm(outAxis, results[0].ndim + 1));
}

export function assertClose(got: NDArray, want: NDArray, tol = 1e-9): void {
  if (got.shape.join(",") !== want.shape.join(",")) throw new Error(`shape [${got.shape}] ≠ [${want.shape}]`);
  const g = got.flat();
  const w = want.flat();
  for (let i = 0; i < g.length; i++) {
    const ok = Math.abs(g[i] - w[i]) <= tol * (1 + Math.abs(w[i])) || (Number.isNaN(g[i]) && Number.isNaN(w[i]));
    if (!ok) throw new Error(`element ${i}: ${g[i]} ≠ ${w[i]}`);
  }
}
