/** ShapedArray: what tracing knows about a value (its shape; every value is float64). */
import { sizeOf } from "../array/shape";

export class ShapedArray {
  readonly shape: readonly number[];
  constructor(shape: readonly number[]) {
    this.shape = Object.freeze([...shape]);
  }
  get ndim(): number {
    return this.shape.length;
  }
  get size(): number {
    return sizeOf(this.shape);
  }
  /** jaxpr type text. JAX's default is float32 (x64 off); we print what JAX prints. */
  str(): string {
    return `f32[${this.shape.join(",")}]`;
  }
}
