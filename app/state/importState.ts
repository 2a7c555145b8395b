/**
 * The explorer state an import makes (engine `importJax`'s answer → ExplorerState): the
 * function, one argument per parameter with its shape tree, in_axes, out_axes, axis_size,
 * x64, and the code itself. Each parameter's fill is named by its values: the blog's unique
 * numbers (shown as symbols when small, as a new argument is) or the page's random numbers when they are exactly those (so the "Run it in JAX" code
 * of any state imports back to that state), else `code` (the values the imported code made).
 */
import type { ImportedArg, ImportedAxes, ImportedCall } from "../../engine/index";
import { argLeaves, defaultExplorer, defaultFill, sizeOfShape, type ArgState, type ArgTree, type AxisTree, type ExplorerState, type Fill } from "./explorerTypes";
import { leafValues, uniqueFill } from "./fills";

const treeOf = (a: ImportedArg): ArgTree => (a.kind === "leaf" ? { kind: "leaf", shape: [...a.shape] } : { kind: "tuple", items: a.items.map(treeOf) });
const leavesOf = (a: ImportedArg): Float64Array[] => (a.kind === "leaf" ? [a.values] : a.items.flatMap(leavesOf));
const axesOf = (a: ImportedAxes): AxisTree => (Array.isArray(a) ? a.map(axesOf) : a);

/** The values as the engine holds them (float32 unless x64) equal these fill values. */
function same(values: Float64Array, expected: Float64Array, x64: boolean): boolean {
  if (values.length !== expected.length) return false;
  for (let i = 0; i < values.length; i++) if (values[i] !== (x64 ? expected[i] : Math.fround(expected[i]))) return false;
  return true;
}

export function explorerFromImport(r: ImportedCall, code: string): ExplorerState {
  const trees = r.args.map(treeOf);
  const allLeaves = trees.flatMap((t) => argLeaves(t));
  const unique = uniqueFill(allLeaves.map((l) => sizeOfShape(l.shape)));
  let leafIndex = 0;
  const args = new Map<string, ArgState>();
  r.params.forEach((p, i) => {
    const values = leavesOf(r.args[i]);
    const shapes = argLeaves(trees[i]).map((l) => l.shape);
    const first = leafIndex;
    leafIndex += values.length;
    const matches = (fill: "unique" | "random" | "indices") => values.every((v, j) => same(v, leafValues(shapes[j], fill, first + j, unique), r.x64));
    // The unique numbers are also what symbols compute with: a small argument shows them as symbols.
    const fill: Fill = matches("unique") ? defaultFill(trees[i]) : matches("random") ? "random" : matches("indices") ? "indices" : "code";
    args.set(p, { tree: trees[i], fill });
  });
  return {
    // axis_name, pmap and its devices: the explorer's defaults (importJax reads vmap calls).
    ...defaultExplorer(),
    fnSource: r.fnSource,
    args,
    inAxes: new Map(r.params.map((p, i) => [p, axesOf(r.inAxes[i])])),
    outAxes: axesOf(r.outAxes),
    axisSize: r.axisSize,
    x64: r.x64,
    code,
  };
}
