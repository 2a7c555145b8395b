/**
 * The engine's tanh (tanh.ts) rides with grad and jit's family (gradJitFamily.ts), loaded on
 * first use in the built app, so the first screen does not carry it (its JavaScript budget,
 * README "Quality"; a family of its own cost a few dozen bytes more there). Node, tests and
 * the dev server load every family before any call (lazyFamily.ts).
 */
import { gradJitFamily } from "../transforms/gradJitLazy";

/** tanh, or while it loads an EngineError saying so (the app runs the call again once it has). */
export const needTanh = (): ((x: number) => number) => gradJitFamily.need("jnp.tanh").tanh;
