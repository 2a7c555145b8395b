/**
 * One or more sample applications of every primitive (operand shapes, params, value ranges),
 * shared by the VJP finite-difference tests and the batch-rule tests. Shapes exercise
 * primitive-level broadcasting where the primitive allows it.
 */
import type { PrimitiveDef } from "../../../engine/core/primitive";
import * as P from "../../../engine/primitives";
import { randomRef, type Ref } from "../../helpers/reference";

export interface PrimCase {
  label: string;
  prim: PrimitiveDef;
  params: any;
  shapes: number[][];
  /** Value range per operand (default [-2, 2]); `away` keeps |x| ≥ 0.3 (kinks, poles). */
  ranges?: ([number, number] | "away" | "bool")[];
  /** Operands with no cotangent (comparisons, predicates). */
  nondiff?: number[];
}

const u = (prim: PrimitiveDef, range?: PrimCase["ranges"], params: any = {}, shape = [2, 3]): PrimCase => ({
  label: prim.name + (params.y !== undefined ? ` y=${params.y}` : ""),
  prim,
  params,
  shapes: [shape],
  ranges: range,
});

export const cases: PrimCase[] = [
  u(P.negP),
  u(P.expP),
  u(P.logP, [[0.5, 3]]),
  u(P.sinP),
  u(P.cosP),
  u(P.tanhP),
  u(P.logisticP),
  u(P.sqrtP, [[0.5, 3]]),
  u(P.absP, ["away"]),
  { ...u(P.signP, ["away"]), nondiff: [0] },
  u(P.squareP),
  u(P.integerPowP, undefined, { y: 3 }),
  u(P.integerPowP, ["away"], { y: -2 }),
  u(P.integerPowP, undefined, { y: 0 }),
  { label: "add (2,3)+(3,)", prim: P.addP, params: {}, shapes: [[2, 3], [3]] },
  { label: "sub (2,1)-(1,3)", prim: P.subP, params: {}, shapes: [[2, 1], [1, 3]] },
  { label: "mul (2,3)*()", prim: P.mulP, params: {}, shapes: [[2, 3], []] },
  { label: "div (3,)/(2,3)", prim: P.divP, params: {}, shapes: [[3], [2, 3]], ranges: [[-2, 2], "away"] },
  { label: "pow", prim: P.powP, params: {}, shapes: [[2, 3], [2, 3]], ranges: [[0.5, 2], [-2, 2]] },
  { label: "max (2,3),(3,)", prim: P.maxP, params: {}, shapes: [[2, 3], [3]] },
  { label: "min (2,3),(2,3)", prim: P.minP, params: {}, shapes: [[2, 3], [2, 3]] },
  ...[P.ltP, P.leP, P.gtP, P.geP, P.eqP, P.neP].map(
    (prim): PrimCase => ({ label: prim.name, prim, params: {}, shapes: [[2, 3], [3]], nondiff: [0, 1] }),
  ),
  { label: "select_n", prim: P.selectNP, params: {}, shapes: [[2, 3], [3], [2, 3]], ranges: ["bool", [-2, 2], [-2, 2]], nondiff: [0] },
  { label: "reduce_sum (0, 2)", prim: P.reduceSumP, params: { axes: [0, 2] }, shapes: [[2, 3, 4]] },
  { label: "reduce_max (1,)", prim: P.reduceMaxP, params: { axes: [1] }, shapes: [[2, 3, 4]] },
  { label: "reduce_min (0, 1)", prim: P.reduceMinP, params: { axes: [0, 1] }, shapes: [[2, 3, 2]] },
  { label: "reduce_prod (1,)", prim: P.reduceProdP, params: { axes: [1] }, shapes: [[2, 3, 2]], ranges: ["away"] },
  {
    label: "dot_general matmul",
    prim: P.dotGeneralP,
    params: { lhsContract: [1], rhsContract: [0], lhsBatch: [], rhsBatch: [] },
    shapes: [[2, 3], [3, 4]],
  },
  {
    label: "dot_general batched",
    prim: P.dotGeneralP,
    params: { lhsContract: [2], rhsContract: [1], lhsBatch: [0], rhsBatch: [0] },
    shapes: [[2, 3, 4], [2, 4, 2]],
  },
  {
    label: "dot_general odd dims",
    prim: P.dotGeneralP,
    params: { lhsContract: [0, 2], rhsContract: [2, 0], lhsBatch: [1], rhsBatch: [1] },
    shapes: [[2, 3, 4], [4, 3, 2]],
  },
  {
    label: "dot_general outer",
    prim: P.dotGeneralP,
    params: { lhsContract: [], rhsContract: [], lhsBatch: [], rhsBatch: [] },
    shapes: [[3], [2]],
  },
  { label: "transpose", prim: P.transposeP, params: { perm: [2, 0, 1] }, shapes: [[2, 3, 4]] },
  {
    label: "broadcast_in_dim",
    prim: P.broadcastInDimP,
    params: { shape: [2, 3, 4], broadcastDimensions: [1, 2] },
    shapes: [[3, 1]],
  },
  { label: "reshape", prim: P.reshapeP, params: { newSizes: [6, 4] }, shapes: [[2, 3, 4]] },
  { label: "squeeze", prim: P.squeezeP, params: { dimensions: [1, 3] }, shapes: [[2, 1, 3, 1]] },
  { label: "concatenate", prim: P.concatenateP, params: { dimension: 1 }, shapes: [[2, 3], [2, 1], [2, 2]] },
  {
    label: "slice",
    prim: P.sliceP,
    params: { slices: [{ start: 1, step: 2, size: 2 }, { start: 5, step: -2, size: 3 }] },
    shapes: [[5, 6]],
  },
  { label: "pad", prim: P.padP, params: { lo: [1, 0], hi: [0, 2], interior: [1, 0] }, shapes: [[2, 3]] },
];

/** Sample operand values for a case. */
export function operands(c: PrimCase, seed: number, shapes: number[][] = c.shapes): Ref[] {
  return shapes.map((s, i) => {
    const range = c.ranges?.[i] ?? [-2, 2];
    if (range === "bool") return { ...randomRef(s, seed + i), data: randomRef(s, seed + i).data.map((v) => (v > 0 ? 1 : 0)) };
    if (range === "away") {
      const r = randomRef(s, seed + i, 0.3, 2);
      return { ...r, data: r.data.map((v, k) => (k % 2 ? -v : v)) };
    }
    return randomRef(s, seed + i, range[0], range[1]);
  });
}
