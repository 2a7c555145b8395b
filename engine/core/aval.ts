/** ShapedArray: what tracing knows about a value: its shape and dtype (with JAX's weak_type). */
import type { DType, Typed } from "../array/dtype";
import { defaultFloat, shortName } from "../array/dtype";
import { sizeOf } from "../array/shape";

export class ShapedArray implements Typed {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly weak: boolean;
  constructor(shape: readonly number[], dtype: DType = defaultFloat(), weak = false) {
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.weak = weak;
  }
  get ndim(): number {
    return this.shape.length;
  }
  get size(): number {
    return sizeOf(this.shape);
  }
  /** The same shape with another dtype. */
  withType(t: Typed): ShapedArray {
    return new ShapedArray(this.shape, t.dtype, t.weak);
  }
  /**
   * jaxpr type text, `f32[3,4]`, `i32[]`, `bool[2]`. JAX's pretty printer shows no mark for weak
   * types (core.py `ShapedArray.str_short`).
   */
  str(): string {
    return `${shortName(this.dtype)}[${this.shape.join(",")}]`;
  }
}
