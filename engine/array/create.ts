/** Creating arrays: from nested lists or flat data + shape, arange, zeros, ones, full. */
import { EngineError } from "../errors";
import { checkSize } from "../limits";
import { allocate, NDArray, type NestedList } from "./ndarray";
import { pyNumber, shapeArg } from "./pyargs";
import { sizeOf, type Shape } from "./shape";

function nestedShape(x: NestedList): number[] {
  const shape: number[] = [];
  let cur: NestedList = x;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  return shape;
}

export function array(data: NestedList | ArrayLike<number> | NDArray, shape?: Shape): NDArray {
  if (data instanceof NDArray) return shape ? data.reshape([...shape]) : data;
  if (shape !== undefined) {
    const flat = Float64Array.from(data as ArrayLike<number>);
    if (flat.length !== sizeOf(shape)) {
      throw new EngineError("shape-error", `cannot make an array of shape [${shape.join(", ")}] from ${flat.length} values`);
    }
    checkSize(flat.length);
    return new NDArray(flat, shape);
  }
  if (typeof data === "number") return new NDArray(Float64Array.of(data), []);
  const s = nestedShape(data as NestedList);
  const n = sizeOf(s);
  checkSize(n);
  const out = new Float64Array(n);
  let pos = 0;
  const fill = (x: NestedList, d: number) => {
    if (d === s.length) {
      if (typeof x !== "number") throw new EngineError("shape-error", "setting an array element with a sequence: the nested lists are ragged");
      out[pos++] = x;
      return;
    }
    if (!Array.isArray(x) || x.length !== s[d]) throw new EngineError("shape-error", "setting an array element with a sequence: the nested lists are ragged");
    for (const y of x) fill(y, d + 1);
  };
  fill(data as NestedList, 0);
  return new NDArray(out, s);
}

/** NumPy full(shape, fill_value): the shape is checked as NumPy does (ints, none negative). */
export function full(shape: Shape | number, value: number): NDArray {
  const out = allocate(shapeArg(shape));
  out.data.fill(pyNumber(value, "fill_value"));
  return out;
}

export const zeros = (shape: Shape | number): NDArray => full(shape, 0);
export const ones = (shape: Shape | number): NDArray => full(shape, 1);

/** NumPy arange(stop) / arange(start, stop, step); None for stop/step means omitted. */
export function arange(start: number, stop?: number | null, step: number | null = 1): NDArray {
  start = pyNumber(start, "arange() start");
  if (stop === undefined || stop === null) [start, stop] = [0, start];
  stop = pyNumber(stop, "arange() stop");
  step = step === null ? 1 : pyNumber(step, "arange() step");
  if (step === 0) throw new EngineError("shape-error", "arange: step must not be zero");
  const len = Math.ceil((stop - start) / step);
  // NumPy: `ValueError: arange: cannot compute length` for nan/inf bounds.
  if (!Number.isFinite(len)) throw new EngineError("shape-error", "arange: cannot compute length", { pyType: "ValueError" });
  const n = Math.max(0, len);
  checkSize(n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return new NDArray(out, [n]);
}
