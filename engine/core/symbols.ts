/**
 * Symbolic cells: each result cell written as the expression it was computed by, over input
 * cells (`a₀₁ + b₁₀`, `Σ m₀ⱼ·vⱼ`). Provenance (cells.ts) says *which* cells a result cell read;
 * a primitive's `symbol` form says *how* it combined them. The interpreter that runs both over a
 * jaxpr is transforms/symbols.ts; the text is written by the app, which names the cells.
 */
import type { Jaxpr } from "../ir/jaxpr";

/**
 * One cell's expression, plain data (it crosses to a worker and back). `in`: cell `cell`
 * (row-major) of argument leaf `leaf`; `const`: a constant as Python prints it; `op`: an
 * operation on sub-expressions; `reduce`: one reduction over its terms, in row-major order of
 * the reduced (or contracted) cells.
 */
export type CellExpr =
  | { t: "in"; leaf: number; cell: number }
  | { t: "const"; text: string }
  | { t: "op"; form: "infix"; op: string; prec: number; args: CellExpr[] }
  | { t: "op"; form: "prefix" | "call" | "power"; op: string; args: CellExpr[] }
  | { t: "reduce"; op: ReduceSymbol; terms: CellExpr[] };

export type ReduceSymbol = "sum" | "max" | "min" | "prod";

/**
 * How a primitive writes a result cell from the operand cells its provenance rule names.
 * `infix` (Python's precedence: 0 comparisons, 1 `+ -`, 2 `* / @`, 3 unary minus, 4 `**`),
 * `prefix`, `call` (`exp(x)`), `power` (`x²`, `op` the exponent); `reduce` over the reduced cells;
 * `contract` (dot_general: Σ over the contracted index of lhs·rhs); `same` (data movement and
 * conversions: the cell is its one operand cell, a padding cell is 0); `inline` (jit: the cells
 * flow through the equations of the jaxpr it holds).
 */
export type SymbolForm =
  | { form: "infix"; op: string; prec: number }
  | { form: "prefix" | "call" | "power"; op: string }
  | { form: "reduce"; op: ReduceSymbol }
  | { form: "contract" }
  | { form: "same" }
  | { form: "inline"; jaxpr: Jaxpr };

export const infix = (op: string, prec: number) => (): SymbolForm => ({ form: "infix", op, prec });
export const call = (op: string) => (): SymbolForm => ({ form: "call", op });
export const same = (): SymbolForm => ({ form: "same" });
