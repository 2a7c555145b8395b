/**
 * NDArray: float64 storage plus shape, strides and offset (scijs/ndarray's affine view model),
 * and a dtype (dtype.ts): the stored values are always already rounded to it.
 * Views (transpose, broadcast, slices) share storage; nothing here computes, kernels.ts does.
 */
import { EngineError, pyShape } from "../errors";
import { intOrTuple } from "./pyargs";
import { checkAlloc, chargeElements } from "../limits";
import { defaultFloat, type DType, type Typed } from "./dtype";
import { materialize } from "./materialize";
import { inferNewShape, rowMajorStrides, sizeOf, type Shape } from "./shape";

export type NestedList = number | NestedList[];

export class NDArray implements Typed {
  readonly data: Float64Array;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
  /** JAX's weak_type: the array came from a Python scalar and adopts its partner's dtype. */
  readonly weak: boolean;

  /** `data` must already hold values of `dtype` (rounded); the default dtype is the default float. */
  constructor(data: Float64Array, shape: Shape, strides?: readonly number[], offset = 0, dtype: DType = defaultFloat(), weak = false) {
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze(strides ? [...strides] : rowMajorStrides(shape));
    this.offset = offset;
    this.dtype = dtype;
    this.weak = weak;
  }

  /** The same elements as another view (shape, strides, offset) of this storage and dtype. */
  view(shape: Shape, strides?: readonly number[], offset = this.offset): NDArray {
    return new NDArray(this.data, shape, strides, offset, this.dtype, this.weak);
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return sizeOf(this.shape);
  }

  /** True when the elements sit row-major and dense from `offset`, so a flat loop reads them. */
  get isContiguous(): boolean {
    let s = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] !== 1 && this.strides[i] !== s) return false;
      s *= this.shape[i];
    }
    return true;
  }

  /** Row-major copy of the elements; a strided view is copied by row loops (materialize.ts). */
  flat(): Float64Array {
    const n = this.size;
    chargeElements(n);
    if (this.isContiguous) return this.data.slice(this.offset, this.offset + n);
    return materialize(this.data, this.shape, this.strides, this.offset);
  }

  /** Dense row-major storage, copying only when needed (kernels read it without strides). */
  dense(): Float64Array {
    if (this.isContiguous && this.offset === 0 && this.data.length === this.size) return this.data;
    return this.flat();
  }

  tolist(): NestedList {
    const flat = this.flat();
    if (this.ndim === 0) return flat[0];
    let pos = 0;
    const build = (d: number): NestedList[] => {
      const out: NestedList[] = [];
      for (let i = 0; i < this.shape[d]; i++) out.push(d === this.ndim - 1 ? flat[pos++] : build(d + 1));
      return out;
    };
    return build(0);
  }

  item(): number {
    if (this.size !== 1) throw new EngineError("shape-error", "only size-1 arrays can be converted to a number", { pyType: "TypeError" });
    return this.data[this.offset];
  }

  /** NumPy reshape (an int or a tuple), with one -1 inferred. Copies only when the view is not dense. */
  reshape(shape: number | readonly number[]): NDArray {
    const target = resolveReshape(this.shape, shape);
    if (this.isContiguous) return this.view(target, undefined, this.offset);
    return new NDArray(this.flat(), target, undefined, 0, this.dtype, this.weak);
  }

  toString(): string {
    return `Array(${JSON.stringify(this.tolist())}, shape=[${this.shape.join(",")}])`;
  }
}

/**
 * NumPy's reshape checks and words (numpy/_core/src/multiarray/shape.c: `_fix_unknown_dimension`,
 * `raise_reshape_size_mismatch`); the shape is an int or a tuple of ints (`operator.index`).
 */
function resolveReshape(from: Shape, shape: unknown): number[] {
  const dims = intOrTuple(shape);
  const n = sizeOf(from);
  if (dims.some((d) => d < -1)) throw new EngineError("shape-error", "negative dimensions not allowed", { pyType: "ValueError" });
  const { unknowns, target } = inferNewShape(n, dims);
  if (unknowns > 1) throw new EngineError("shape-error", "can only specify one unknown dimension", { pyType: "ValueError" });
  if (target === null) throw new EngineError("shape-error", `cannot reshape array of size ${n} into shape ${pyShape(dims)}`, { pyType: "ValueError" });
  return target;
}

/** A fresh dense array (zeros); checks the size limit before allocating. */
export function allocate(shape: Shape, dtype: DType = defaultFloat(), weak = false): NDArray {
  const n = sizeOf(shape);
  checkAlloc(n);
  return new NDArray(new Float64Array(n), shape, undefined, 0, dtype, weak);
}
