/**
 * @jax-js/jax (an independent JAX in JS, WebAssembly backend) on the same workloads, so the
 * table shows where we stand. Its arrays are reference-counted: `.ref` keeps an input alive.
 * It computes in float32 by default; ours in float64 — noted in the table.
 */
import { timeIt } from "./timing";

export interface JaxJs {
  matvec(A: Float64Array, v: Float64Array, M: number, K: number): number | undefined;
  elementwise(a: Float64Array, b: Float64Array, R: number, C: number): number | undefined;
  blog5d(shape: number[]): number | undefined;
  jitTanhSum(x: Float64Array): { cached: number; first: number } | undefined;
  gradMlp(x: Float64Array, w: Float64Array): number | undefined;
  perExampleGrad(x: Float64Array, w: Float64Array, B: number, D: number): number | undefined;
}

function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    console.error(`  (@jax-js/jax failed: ${(e as Error).message.split("\n")[0]})`);
    return undefined;
  }
}

export async function loadJaxJs(): Promise<JaxJs | null> {
  try {
    const jx: any = await import("@jax-js/jax");
    await jx.init("wasm");
    jx.defaultDevice("wasm");
    const np = jx.numpy;
    const arr = (d: Float64Array, shape: number[]) => np.array(new Float32Array(d)).reshape(shape);
    const sync = (r: any) => r.dataSync();
    return {
      matvec: (A, v, M, K) =>
        attempt(() => {
          const a = arr(A, [M, K]);
          const x = arr(v, [K]);
          const f = jx.vmap(np.dot, [0, null]);
          return timeIt(() => sync(f(a.ref, x.ref)), { reps: 20 });
        }),
      elementwise: (ad, bd, R, C) =>
        attempt(() => {
          const a = arr(ad, [R, C]);
          const b = arr(bd, [C, R]);
          const f = jx.vmap((x: any, y: any) => x.ref.mul(y).add(x), [1, 0], 1);
          return timeIt(() => sync(f(a.ref, b.ref)), { reps: 10 });
        }),
      blog5d: (shape) =>
        attempt(() => {
          const n = shape.reduce((x, y) => x * y, 1);
          const a = np.arange(n).astype(np.float32).reshape(shape);
          const b = np.arange(n).astype(np.float32).reshape(shape);
          return timeIt(() => sync(jx.vmap(np.add, [null, 0], 3)(a.ref, b.ref)), { reps: 50 });
        }),
      jitTanhSum: (xd) =>
        attempt(() => {
          const x = arr(xd, [xd.length]);
          const f = jx.jit((y: any) => np.sum(np.tanh(y.ref).mul(2).add(y.ref.mul(y))));
          const t0 = performance.now();
          sync(f(x.ref));
          const first = performance.now() - t0;
          return { first, cached: timeIt(() => sync(f(x.ref)), { reps: 20 }) };
        }),
      gradMlp: (xd, wd) =>
        attempt(() => {
          const x = arr(xd, [256, 64]);
          const w = arr(wd, [64, 64]);
          const loss = (w_: any, x_: any) => np.sum(np.square(np.tanh(np.matmul(x_, w_))));
          const g = jx.grad(loss);
          return timeIt(() => sync(g(w.ref, x.ref)), { reps: 15 });
        }),
      perExampleGrad: (xd, wd, B, D) =>
        attempt(() => {
          const x = arr(xd, [B, D]);
          const w = arr(wd, [D, D]);
          const loss = (w_: any, x_: any) => np.sum(np.square(np.tanh(np.dot(x_, w_))));
          const g = jx.vmap(jx.grad(loss), [null, 0]);
          return timeIt(() => sync(g(w.ref, x.ref)), { reps: 15 });
        }),
    };
  } catch (e) {
    console.error(`@jax-js/jax unavailable: ${(e as Error).message}`);
    return null;
  }
}
