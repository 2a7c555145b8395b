/**
 * jax.pmap over simulated devices: the mapped axis is split into one block per device, each
 * device ("lane") runs f on its own block with the mapped axis squeezed out, and the results are
 * gathered along out_axes. No batching rule runs: each lane is its own program, which is the point
 * of the contrast with vmap (one program on the whole batch).
 *
 * Follows the current JAX, where pmap is built on shard_map (jax/_src/pmap.py `pmap`,
 * `_cached_shard_map`, `_mapped_axis_size`, `_get_mesh_devices`):
 * - the mapped size N is the FIRST mapped argument's axis size (no consistency check of its own);
 * - the mesh is the first min(N, devices) devices (`mesh_devices[:global_axis_size]`);
 * - each in_axes entry `a` becomes `P(*[None] * a + [name])` (`_axes_to_pspec`), so shard_map splits
 *   axis max(a, 0) into mesh-size blocks, refusing a size the mesh does not divide
 *   (jax/_src/shard_map.py `_spec_divisibility_error`), and then `_fun` squeezes axis `a` of
 *   each block (`lax.squeeze(x, [ax])`), which fails unless that block has size one there;
 * - out_axes `o` becomes `expand_dims(x, [o])` and the spec `P(*[None] * o + [name])`, so the
 *   blocks are concatenated along axis max(o, 0); `None` is `P()`: an output taken as replicated
 *   (`check_vma=False`), i.e. device 0's value, where vmap would raise.
 * So a mapped size above the device count is JAX's shard_map divisibility error, or, when the
 * devices divide it, the squeeze error of a block holding several slices. (JAX before 2026 said
 * "compiling computation that requires N logical devices, but only M XLA devices are available";
 * that code path, in jax/_src/interpreters/pxla.py, is gone.)
 */
import { keepParamNames } from "../core/fnmeta";
import { EngineError, avalText } from "../errors";
import { withBudgetScope } from "../limits";
import * as lax from "../primitives/lax";
import { planArgs } from "./describe";
import { gatherOutputs, sliceLoop } from "./loop";
import { checkAxesSpecs } from "./vmap";

/** JAX's host-platform device count (XLA_FLAGS=--xla_force_host_platform_device_count=N). */
export interface PmapOptions {
  devices?: number;
}

/** One device's part of the call: the slices it was given and what it returned. */
export interface PmapLane {
  device: number;
  /** Per argument leaf: the shape f sees on this device (null: the leaf is not mapped, every lane gets it whole). */
  inShapes: (readonly number[] | null)[];
  outShapes: number[][];
}

export interface PmapRun {
  /** The mapped size N and the devices the call asked for and used (min(N, devices)). */
  size: number;
  devices: number;
  used: number;
  lanes: PmapLane[];
  out: unknown;
}

const AXIS_NAME = "_internal_pmap_axis_name";
const DEVICES: { kind: "devices" } = { kind: "devices" };

function pspecText(axis: number | null): string {
  if (axis === null) return "P()";
  const parts = [...Array<string>(Math.max(axis, 0)).fill("None"), `'${AXIS_NAME}'`];
  return `P(${parts.join(", ")}${parts.length === 1 ? "," : ""})`;
}

/** jax/_src/shard_map.py `_spec_divisibility_error` for pmap's `_fun(*flat_args)`. */
function divisibilityError(fails: { leaf: number; shape: readonly number[]; dtype: string; axis: number; spec: number }[], mesh: number): EngineError {
  const lines = fails.map(
    (f) =>
      `* the passed args[${f.leaf}] of shape ${avalText(f.shape, f.dtype)}, where args[${f.leaf}] is the index ${f.leaf} component of _fun's varargs parameter 'flat_args', ` +
      `corresponds to in_specs[${f.leaf}] of value ${pspecText(f.spec)}, which maps array axis ${f.axis} (of size ${f.shape[f.axis]}) to mesh axis '${AXIS_NAME}' (of size ${mesh}), ` +
      `but ${mesh} does not evenly divide ${f.shape[f.axis]}`,
  );
  if (lines.length === 1) lines[0] = lines[0].slice(2);
  return new EngineError(
    "devices",
    "shard_map applied to the function '_fun' was given argument arrays with axis sizes that are not evenly divisible by the corresponding mesh axis sizes:\n\n" +
      `The mesh given has shape (${mesh},) with corresponding axis names ('${AXIS_NAME}',).\n\n` +
      lines.join("\n\n") +
      "\n\nArray arguments' axis sizes must be evenly divisible by the mesh axis or axes indicated by the corresponding elements of the argument's in_specs entry. " +
      "Consider checking that in_specs are correct, and if so consider changing the mesh axis sizes or else padding the input and adapting '_fun' appropriately.",
    { where: DEVICES, pyType: "ValueError" },
  );
}

export function checkDevices(devices: unknown): number {
  if (typeof devices !== "number" || !Number.isInteger(devices) || devices < 1) {
    throw new EngineError("unsupported", `the host platform's device count must be a positive int, but got ${String(devices)}.`, { where: DEVICES, pyType: "ValueError" });
  }
  return devices;
}

/** pmap on these arguments, lane by lane; throws JAX's errors. */
export function runPmap(fun: Function, inAxes: unknown, outAxes: unknown, args: readonly unknown[], opts: PmapOptions = {}): PmapRun {
  checkAxesSpecs(inAxes, outAxes, "pmap");
  const devices = checkDevices(opts.devices ?? 1);
  return withBudgetScope(() => {
    // The shared in_axes plan (describe.ts); pmap has no size agreement check of its own.
    const plan = planArgs(fun, inAxes, args, {});
    if (plan.error && plan.error.kind !== "inconsistent-sizes" && plan.error.kind !== "no-mapped-axis") throw plan.error;
    const first = plan.written.findIndex((a) => a !== null);
    if (first < 0) throw new EngineError("no-mapped-axis", "pmap requires at least one argument with a mapped axis.", { pyType: "ValueError" });
    const size = plan.leaves[first].shape[plan.inDims[first]!];
    const used = Math.min(size, devices);
    if (used === 0) throw new EngineError("devices", "pmap over a mapped axis of size 0 needs a mesh of no devices, which JAX cannot build.", { where: DEVICES, pyType: "ValueError" });
    const fails = plan.leaves.flatMap((x, i) => {
      const a = plan.written[i];
      if (a === null) return [];
      const axis = Math.max(a, 0);
      return x.shape[axis] % used === 0 ? [] : [{ leaf: i, shape: x.shape, dtype: x.dtype, axis, spec: a }];
    });
    if (fails.length) throw divisibilityError(fails, used);
    // One lane per device: its block of each mapped leaf, with the mapped axis squeezed out.
    const loop = sliceLoop(fun, plan.argsTree, plan.leaves, used, (i, d) => {
      const a = plan.written[i];
      if (a === null) return null;
      const x = plan.leaves[i];
      const axis = Math.max(a, 0);
      const block = x.shape[axis] / used;
      const sliced = lax.slice(x, x.shape.map((n, k) => (k === axis ? { start: d * block, step: 1, size: block } : { start: 0, step: 1, size: n })));
      try {
        return lax.squeeze(sliced, [a < 0 ? a + x.shape.length : a]);
      } catch (e) {
        // lax.squeeze's own words; it fails because the devices are too few for the slices.
        throw e instanceof EngineError ? new EngineError("devices", e.message, { pyType: e.pyType, where: DEVICES }) : e;
      }
    });
    const lanes = loop.results.map((r, d) => ({ device: d, inShapes: loop.inShapes[d], outShapes: r.map((v) => [...v.shape]) }));
    // The spec P(*[None] * o + [name]) concatenates device blocks along axis max(o, 0).
    const out = gatherOutputs(loop, outAxes, "pmap out_axes", (o) => Math.max(o, 0));
    return { size, devices, used, lanes, out };
  });
}

/** jax.pmap: `pmap(fun, inAxes, outAxes, { devices })`, devices simulated on this thread. */
export function pmap(fun: Function, inAxes: unknown = 0, outAxes: unknown = 0, opts: PmapOptions = {}) {
  checkAxesSpecs(inAxes, outAxes, "pmap");
  checkDevices(opts.devices ?? 1);
  return keepParamNames(fun, (...args: unknown[]) => runPmap(fun, inAxes, outAxes, args, opts).out);
}
