/**
 * Per-example gradients lined up with the data: `jax.vmap(jax.grad(loss, argnums=k), in_axes=…)`
 * at the explorer's arguments, read example by example beside the slice of the differentiated
 * argument that example saw. The gradients come out with their batch axis at 0 (out_axes=0);
 * the data's batch axis is its in_axes entry; both are moved to the front (jnp.moveaxis, the
 * engine's) so row k of each is example k. An unmapped argument is the same for every example.
 */
import { grad, jnp, NDArray, vmap, type DType } from "../../../engine/index";
import { asEngineError, type EngineError, type VmapCall } from "../../state/engineBridge";

export interface PerExampleRows {
  param: string;
  /** The data's batch axis (in_axes entry, normalised), or null when the argument is not mapped. */
  dataAxis: number | null;
  sliceShape: number[];
  /** Row k: example k's slice of the data and its gradient, row-major (the first `limit` only). */
  rows: { data: Float64Array; grad: Float64Array }[];
  dtypes: { data: DType; grad: DType };
  /** How many examples there are (B). */
  count: number;
}

export type PerExampleReport = { ok: true; value: PerExampleRows } | { ok: false; error: EngineError } | null;

export function perExampleRows(call: VmapCall, fn: Function, k: number, limit = 12): PerExampleReport {
  if (!call.args.ok || !call.parsed.ok) return null;
  const data = call.args.values[k];
  const axis = call.inAxes[k];
  // Only a plain array argument with a single in_axes entry lines up as rows.
  if (!(data instanceof NDArray) || Array.isArray(axis)) return null;
  try {
    const g = vmap(grad(fn, { argnums: k }), call.inAxes, 0, call.opts)(...call.args.values) as NDArray;
    const d = axis === null ? null : axis < 0 ? axis + data.ndim : axis;
    const front = d === null ? null : (jnp.moveaxis(data, d, 0) as NDArray);
    const B = g.shape[0];
    const per = g.size / Math.max(1, B);
    const gv = g.dense();
    const dv = front ? front.dense() : data.dense();
    const rows = Array.from({ length: Math.min(B, limit) }, (_, i) => ({
      data: front ? dv.subarray(i * per, (i + 1) * per) : dv,
      grad: gv.subarray(i * per, (i + 1) * per),
    }));
    return { ok: true, value: { param: call.params[k], dataAxis: d, sliceShape: g.shape.slice(1), rows, count: B, dtypes: { data: data.dtype, grad: g.dtype } } };
  } catch (e) {
    return { ok: false, error: asEngineError(e) };
  }
}
