/**
 * traceVmap: one vmap call told as a plain, serialisable story for the explorer (storyTypes.ts):
 * each argument leaf with its mapped axis and slice shape, each primitive with per-example and
 * batched shapes, each output with its out_axes table, and where every output cell came from.
 * It runs the real vmap machinery (same checks, same errors), listening to the batch trace.
 */
import { sizeOf } from "../array/shape";
import { avalOf, toValue, watchBinds, type Value } from "../core/tracer";
import type { ArgLeafStory, OutputLeafStory, PrimitiveStory, VmapStory } from "./storyTypes";
import { callWithTree, checkAxesSpecs, placeOutputs, vmapList, type PrimitiveListener } from "./vmap";
import { controlStoryOf } from "../control/lazy";
import { leafStories, planVmap, type VmapOptions } from "./describe";
import { vmapProvenance } from "./provenance";
import { lazyFamily } from "../lazyFamily";

/** Primitives a batching rule binds only to move or add the batch axis: not what it "became". */
const AXIS_MOVES = new Set(["transpose", "broadcast_in_dim", "reshape", "squeeze", "concatenate", "convert_element_type"]);

/** Provenance is computed only for pictures small enough to draw cell by cell. */
const PROVENANCE_CELL_BUDGET = 20_000;

export interface TraceVmapOptions extends VmapOptions {
  provenance?: boolean;
  /** Also write each output cell as an expression over input cells (symbols.ts); off by default. */
  symbols?: boolean;
}

export function traceVmap(fun: Function, inAxes: unknown, outAxes: unknown, args: readonly unknown[], opts: TraceVmapOptions = {}): VmapStory {
  return traceVmapBody(fun, inAxes, outAxes, args, opts).story(outAxes, opts);
}

/**
 * The batched trace of one call before its outputs are placed: what traceVmap tells for any
 * out_axes. out_axes only moves each output's batch axis after the trace (JAX's `matchaxis`),
 * so the explorer, stepping through out_axes, traces the function once and places it for each.
 */
export interface VmapBody {
  /** Elements held by the batched outputs (what keeping the body keeps in memory). */
  readonly size: number;
  /**
   * traceVmap's story for this call with `outAxes`: its errors, in JAX's order (the axes specs
   * are checked before anything runs, then out_axes against the traced outputs).
   */
  story(outAxes: unknown, opts?: Pick<TraceVmapOptions, "provenance" | "symbols">): VmapStory;
}

/**
 * Traces `fun` batched over `args` for a call with `outAxes`, throwing what traceVmap throws
 * up to placing the outputs: the axes specs are checked first (an error in a spec wins over one
 * in the function, as in JAX), out_axes against the outputs by `story`.
 */
export function traceVmapBody(fun: Function, inAxes: unknown, outAxes: unknown, args: readonly unknown[], opts: TraceVmapOptions = {}): VmapBody {
  checkAxesSpecs(inAxes, outAxes);
  const plan = planVmap(fun, inAxes, args, opts);
  const B = plan.axisSize;
  const primitives: PrimitiveStory[] = [];
  // What each batching rule bound (between beforeRule and the listener): a batched index's gather.
  let bound: string[] | null = null;
  const listener: PrimitiveListener = ({ prim, params, inputs, outputs }) => {
    const became = [...new Set(bound ?? [])].filter((n) => n !== prim.name && !AXIS_MOVES.has(n));
    bound = null;
    // A call with no results (the VJP of a jit_call whose output ignores its input binds a
    // jaxpr with no outputs) has nothing to draw.
    if (outputs.length === 0) return;
    const op = (x: { val: Value; bdim: number | null; aval: { shape: readonly number[] } }) => ({
      perExample: [...x.aval.shape],
      batched: [...avalOf(x.val).shape],
      bdim: x.bdim,
    });
    const story: PrimitiveStory = { primitive: prim.name, params: prim.printParams?.(params, outputs.map((o) => o.aval)).replace(/\n/g, " ") ?? "", inputs: inputs.map(op), output: op(outputs[0]) };
    const control = controlStoryOf(prim, params, inputs, outputs, B);
    if (control) Object.assign(story, control);
    if (became.length) story.batchedAs = became;
    if (prim.provenanceReadsValues) story.byValue = true;
    primitives.push(story);
  };
  const body = (...xs: Value[]) => callWithTree(fun, plan.argsTree, xs);
  const { outs, outDims, outTree } = watchBinds(
    (p) => bound?.push(p.name),
    () => vmapList((xs) => body(...xs), B, plan.leaves, plan.inDims, listener, () => (bound = []), opts.axisName),
  );
  const inputCells = plan.leaves.reduce((n, x) => n + sizeOf(x.shape), 0);

  return {
    size: outs.reduce((n: number, x) => n + sizeOf(toValue(x).shape), 0),
    story(outAxes, { provenance, symbols } = {}) {
      checkAxesSpecs(inAxes, outAxes);
      const { placed, spec, paths } = placeOutputs(outs, outDims, outTree, outAxes, B);

      // The values as stored when the result is dense (no copy: arrays are never written), a
      // row-major copy when it is a view (a moved out_axes).
      const values = placed.map((p) => {
        const v = toValue(p);
        const arr = v as { dense?: () => Float64Array };
        return { shape: [...v.shape], data: arr.dense ? arr.dense() : new Float64Array(0), dtype: v.dtype };
      });

      const totalCells = values.reduce((n, v) => n + sizeOf(v.shape), inputCells);
      const outputs: OutputLeafStory[] = placed.map((p, i) => {
        const src = outDims[i];
        const raw = toValue(outs[i]).shape;
        const perExample = src === null ? [...raw] : raw.filter((_, k) => k !== src);
        const o = spec[i];
        const rank = perExample.length + 1;
        const outAxis = o === null ? null : o < 0 ? o + rank : o;
        const shape = [...toValue(p).shape];
        const story: OutputLeafStory = {
          leaf: i,
          path: paths[i],
          perExampleShape: perExample,
          outAxisWritten: o,
          outAxis,
          batched: src !== null,
          shape,
          outAxesTable: Array.from({ length: rank }, (_, k) => ({
            outAxes: k,
            negative: k - rank,
            shape: [...perExample.slice(0, k), B, ...perExample.slice(k)],
          })),
        };
        return story;
      });
      // Cell provenance, worked out at per-example shapes and mapped through the plan (provenance.ts).
      const placedOutputs = outputs.map((o) => ({ perExampleShape: o.perExampleShape, outAxis: o.outAxis, shape: o.shape }));
      // Provenance follows one example at a time: a collective (axis_name) reads across examples.
      if (provenance !== false && opts.axisName === undefined && totalCells <= PROVENANCE_CELL_BUDGET) {
        vmapProvenance(body, plan, placedOutputs)?.forEach((cells, i) => (outputs[i].provenance = cells));
      }
      // Symbolic cells, likewise (symbols.ts), for pictures small enough to write cell by cell. In
      // the built app they are a family loaded on first use (lazyFamily.ts): until it has arrived the
      // cells have no symbols, as above the budget, and the app runs the call again once it has.
      if (symbols === true && opts.axisName === undefined && totalCells <= PROVENANCE_CELL_BUDGET) {
        symbolsFamily.tryNow()?.vmapSymbols(body, plan, placedOutputs)?.forEach((cells, i) => (outputs[i].symbols = cells));
      }

      // The same leaf descriptions describeArgs gives the input grids (describe.ts).
      const argStories: ArgLeafStory[] = leafStories(plan);
      return {
        axisSize: B,
        args: argStories,
        primitives,
        outputs,
        outputTree: outTree.kind === "tuple" ? "tuple" : outTree.kind === "dict" ? "dict" : "array",
        values,
      };
    },
  };
}

const symbolsFamily = lazyFamily(() => import("./symbols"));
