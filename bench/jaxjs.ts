/**
 * @jax-js/jax (an independent JAX in JS, WebAssembly backend) on the same workloads in float64,
 * so every row compares like with like. Its arrays are reference-counted: `.ref` keeps an input
 * alive. Every timed call reads its result back (`dataSync()`), as ours does with `.flat()`.
 * jax-js's vmap has no `out_axes`; JAX applies out_axes as a moveaxis of the batched result
 * (jax/_src/api.py, `vmap` → `moveaxis` in batching.py's `matchaxis`), so we do the same.
 */
import { timeIt } from "./timing";

export interface JaxJs {
  matvec(A: Float64Array, v: Float64Array, M: number, K: number): number | undefined;
  elementwise(a: Float64Array, b: Float64Array, R: number, C: number, jitted?: boolean): number | undefined;
  blog5d(a: Float64Array, b: Float64Array, shape: number[]): number | undefined;
  jitChain(x: Float64Array, chain: "tanh" | "cheap"): { cached: number; first: number } | undefined;
  gradMlp(x: Float64Array, w: Float64Array, N: number, D: number, jitted: boolean): number | undefined;
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
    // jax-js tests `data instanceof Float16Array` while sorting typed arrays by dtype; Node 20
    // has no Float16Array, so an empty class stands in (nothing is ever an instance of it).
    (globalThis as { Float16Array?: unknown }).Float16Array ??= class {};
    const jx: any = await import("@jax-js/jax");
    await jx.init("wasm");
    jx.defaultDevice("wasm");
    const np = jx.numpy;
    const arr = (d: Float64Array, shape: number[]) => np.array(d, { shape, dtype: np.float64 });
    const read = (r: any) => r.dataSync();
    return {
      matvec: (A, v, M, K) =>
        attempt(() => {
          const a = arr(A, [M, K]);
          const x = arr(v, [K]);
          const f = jx.vmap(np.dot, [0, null]);
          return timeIt(() => read(f(a.ref, x.ref)), { reps: 21 });
        }),
      elementwise: (ad, bd, R, C, jitted = false) =>
        attempt(() => {
          const a = arr(ad, [R, C]);
          const b = arr(bd, [C, R]);
          const f = jx.vmap((x: any, y: any) => x.ref.mul(y).add(x), [1, 0]);
          if (!jitted) return timeIt(() => read(np.moveaxis(f(a.ref, b.ref), 0, 1)), { reps: 11 });
          const jf = jx.jit((x: any, y: any) => np.moveaxis(f(x, y), 0, 1));
          return timeIt(() => read(jf(a.ref, b.ref)), { reps: 11 });
        }),
      blog5d: (ad, bd, shape) =>
        attempt(() => {
          const a = arr(ad, shape);
          const b = arr(bd, shape);
          return timeIt(() => read(np.moveaxis(jx.vmap(np.add, [null, 0])(a.ref, b.ref), 0, 3)), { reps: 101 });
        }),
      jitChain: (xd, chain) =>
        attempt(() => {
          const x = arr(xd, [xd.length]);
          const f = jx.jit((y: any) =>
            chain === "tanh" ? np.sum(np.tanh(y.ref).mul(2).add(y.ref.mul(y))) : np.sum(y.ref.mul(y.ref).mul(0.5).add(y)),
          );
          const t0 = performance.now();
          read(f(x.ref));
          const first = performance.now() - t0;
          return { first, cached: timeIt(() => read(f(x.ref)), { reps: 21 }) };
        }),
      gradMlp: (xd, wd, N, D, jitted) =>
        attempt(() => {
          const x = arr(xd, [N, D]);
          const w = arr(wd, [D, D]);
          const loss = (w_: any, x_: any) => np.sum(np.square(np.tanh(np.matmul(x_, w_))));
          const g = jitted ? jx.jit(jx.grad(loss)) : jx.grad(loss);
          return timeIt(() => read(g(w.ref, x.ref)), { reps: 15 });
        }),
      perExampleGrad: (xd, wd, B, D) =>
        attempt(() => {
          const x = arr(xd, [B, D]);
          const w = arr(wd, [D, D]);
          const loss = (w_: any, x_: any) => np.sum(np.square(np.tanh(np.dot(x_, w_))));
          const g = jx.vmap(jx.grad(loss), [null, 0]);
          return timeIt(() => read(g(w.ref, x.ref)), { reps: 15 });
        }),
    };
  } catch (e) {
    console.error(`@jax-js/jax unavailable: ${(e as Error).message}`);
    return null;
  }
}
