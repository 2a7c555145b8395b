/** grad benchmarks: reverse mode, jitted reverse mode and per-example gradients. */
import { grad, jit, np, parseLambda, vmap } from "../engine";
import type { JaxJs } from "./jaxjs";
import { mismatch, randomData, read, timeIt, timeRow, type BenchRow } from "./timing";

/** G = Xᵀ · (2·T·(1 − T²)) with T = tanh(X·W): the backprop of sum(tanh(X·W)²), by hand. */
function handGrad(X: Float64Array, W: Float64Array, N: number, D: number, H: number): Float64Array {
  const Dz = new Float64Array(N * H);
  for (let n = 0; n < N; n++) {
    for (let h = 0; h < H; h++) {
      let z = 0;
      for (let d = 0; d < D; d++) z += X[n * D + d] * W[d * H + h];
      const t = Math.tanh(z);
      Dz[n * H + h] = 2 * t * (1 - t * t);
    }
  }
  const G = new Float64Array(D * H);
  for (let n = 0; n < N; n++) {
    for (let d = 0; d < D; d++) {
      const x = X[n * D + d];
      for (let h = 0; h < H; h++) G[d * H + h] += x * Dz[n * H + h];
    }
  }
  return G;
}

/** Per-example: G[b] = outer(x_b, 2·t·(1 − t²)) with t = tanh(x_b · W). */
function handPerExample(X: Float64Array, W: Float64Array, B: number, D: number): Float64Array {
  const G = new Float64Array(B * D * D);
  const dz = new Float64Array(D);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < D; h++) {
      let z = 0;
      for (let d = 0; d < D; d++) z += X[b * D + d] * W[d * D + h];
      const t = Math.tanh(z);
      dz[h] = 2 * t * (1 - t * t);
    }
    for (let d = 0; d < D; d++) {
      const x = X[b * D + d];
      const o = b * D * D + d * D;
      for (let h = 0; h < D; h++) G[o + h] = x * dz[h];
    }
  }
  return G;
}

export function gradBench(jx: JaxJs | null): BenchRow[] {
  const rows: BenchRow[] = [];
  const [N, D] = [256, 64];
  const Xd = randomData(N * D, 11);
  const Wd = randomData(D * D, 12).map((v) => v * 0.2);
  const X = np.array(Xd, [N, D]);
  const W = np.array(Wd, [D, D]);
  const loss = parseLambda("lambda w, x: jnp.sum(jnp.tanh(x @ w) ** 2)");
  const g = grad(loss);
  const gHand = handGrad(Xd, Wd, N, D, D);
  const tg = timeRow(() => read(g(W, X)), () => handGrad(Xd, Wd, N, D, D), jx?.gradMlp(Xd, Wd, N, D, false));
  rows.push({ section: "grad", name: "grad(sum(tanh(x @ w)**2)) x(256,64) w(64,64)", ours_ms: tg.ours, hand_ms: tg.hand, jaxjs_ms: tg.jaxjs, target: "≤ 2× hand", extra: mismatch(read(g(W, X)), gHand) });
  const jg = jit(g as (...a: any[]) => any);
  const tj = timeRow(() => read(jg(W, X)), () => handGrad(Xd, Wd, N, D, D), jx?.gradMlp(Xd, Wd, N, D, true));
  rows.push({ section: "grad", name: "jit(grad(...)) same workload", ours_ms: tj.ours, hand_ms: tj.hand, jaxjs_ms: tj.jaxjs, target: "≤ 2× hand", extra: mismatch(read(jg(W, X)), gHand) });

  const B = 128;
  const Xb = np.array(Xd.subarray(0, B * D), [B, D]);
  const perEx = parseLambda("lambda w, x: jnp.sum(jnp.tanh(jnp.dot(x, w)) ** 2)");
  const pg = vmap(grad(perEx), [null, 0]);
  const tp = timeRow(() => read(pg(W, Xb)), () => handPerExample(Xd, Wd, B, D), jx?.perExampleGrad(Xd.subarray(0, B * D), Wd, B, D));
  const gOne = grad(perEx);
  const rowsOf = Array.from({ length: B }, (_, b) => np.array(Xd.subarray(b * D, (b + 1) * D), [D]));
  const looped = timeIt(() => rowsOf.map((x) => read(gOne(W, x))), { reps: 5 });
  rows.push({
    section: "grad",
    name: "vmap(grad(loss), (None, 0)) x(128,64): per-example grads",
    ours_ms: tp.ours,
    hand_ms: tp.hand,
    jaxjs_ms: tp.jaxjs,
    target: "≤ 2× hand; < 128 grad calls",
    extra: `128 separate grad calls: ${looped.toFixed(2)} ms (${(looped / tp.ours).toFixed(1)}× slower)${mismatch(read(pg(W, Xb)), handPerExample(Xd, Wd, B, D))}`,
  });
  return rows;
}
