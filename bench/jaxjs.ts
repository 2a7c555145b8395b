/**
 * @jax-js/jax (an independent JAX in JS, WebAssembly backend) on the same workloads, in the
 * rows' own dtype (float64 for the x64 rows, float32 for the f32 rows: the data's typed array
 * says which), so every row compares like with like. Its arrays are reference-counted: `.ref` keeps an input
 * alive. Each workload comes back as a prepared call that reads its result back (`dataSync()`), as
 * ours does with `dense()` (timing.ts `read`); the rows time it interleaved with ours and the hand loop (timing.ts).
 * jax-js's vmap has no `out_axes`; JAX applies out_axes as a moveaxis of the batched result
 * (jax/_src/api.py, `vmap` → `moveaxis` in batching.py's `matchaxis`), so we do the same.
 */
/** One workload, ready to run: a call that computes and reads its result back. */
export type Call = () => unknown;

/** A row's data: float64, or float32 for the f32 rows. */
type Data = Float64Array | Float32Array;

export interface JaxJs {
  matvec(A: Data, v: Data, M: number, K: number): Call | undefined;
  elementwise(a: Data, b: Data, R: number, C: number, jitted?: boolean): Call | undefined;
  blog5d(a: Float64Array, b: Float64Array, shape: number[]): Call | undefined;
  /** The cached call and how long the first one (trace and compile) took. */
  jitChain(x: Data, chain: "tanh" | "cheap"): { call: Call; first: number } | undefined;
  gradMlp(x: Float64Array, w: Float64Array, N: number, D: number, jitted: boolean): Call | undefined;
  perExampleGrad(x: Float64Array, w: Float64Array, B: number, D: number): Call | undefined;
}

/** The prepared call, run once so a workload jax-js cannot do fails here, not mid-row. */
function attempt<T extends Call | { call: Call }>(prepare: () => T): T | undefined {
  try {
    const prepared = prepare();
    if (typeof prepared === "function") prepared();
    else prepared.call();
    return prepared;
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
    const arr = (d: Data, shape: number[]) => np.array(d, { shape, dtype: d instanceof Float32Array ? np.float32 : np.float64 });
    const read = (r: any) => r.dataSync();
    return {
      matvec: (A, v, M, K) =>
        attempt(() => {
          const a = arr(A, [M, K]);
          const x = arr(v, [K]);
          const f = jx.vmap(np.dot, [0, null]);
          return () => read(f(a.ref, x.ref));
        }),
      elementwise: (ad, bd, R, C, jitted = false) =>
        attempt(() => {
          const a = arr(ad, [R, C]);
          const b = arr(bd, [C, R]);
          const f = jx.vmap((x: any, y: any) => x.ref.mul(y).add(x), [1, 0]);
          if (!jitted) return () => read(np.moveaxis(f(a.ref, b.ref), 0, 1));
          const jf = jx.jit((x: any, y: any) => np.moveaxis(f(x, y), 0, 1));
          return () => read(jf(a.ref, b.ref));
        }),
      blog5d: (ad, bd, shape) =>
        attempt(() => {
          const a = arr(ad, shape);
          const b = arr(bd, shape);
          return () => read(np.moveaxis(jx.vmap(np.add, [null, 0])(a.ref, b.ref), 0, 3));
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
          return { first, call: () => read(f(x.ref)) };
        }),
      gradMlp: (xd, wd, N, D, jitted) =>
        attempt(() => {
          const x = arr(xd, [N, D]);
          const w = arr(wd, [D, D]);
          const loss = (w_: any, x_: any) => np.sum(np.square(np.tanh(np.matmul(x_, w_))));
          const g = jitted ? jx.jit(jx.grad(loss)) : jx.grad(loss);
          return () => read(g(w.ref, x.ref));
        }),
      perExampleGrad: (xd, wd, B, D) =>
        attempt(() => {
          const x = arr(xd, [B, D]);
          const w = arr(wd, [D, D]);
          const loss = (w_: any, x_: any) => np.sum(np.square(np.tanh(np.dot(x_, w_))));
          const g = jx.vmap(jx.grad(loss), [null, 0]);
          return () => read(g(w.ref, x.ref));
        }),
    };
  } catch (e) {
    console.error(`@jax-js/jax unavailable: ${(e as Error).message}`);
    return null;
  }
}
