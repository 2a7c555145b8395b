/** grad and jit (with jit's compiler): a family loaded on first use (gradJitLazy.ts, engine/lazyFamily.ts). */
export { grad, valueAndGrad } from "./grad";
export { jit } from "./jit";
// The engine's tanh loads here too, off the first screen (array/tanhLazy.ts).
export { tanh } from "../array/tanh";
