/** vmap benchmarks: ours against a hand-written loop and @jax-js/jax, in one run. */
import { jit, jnp, np, traceVmap, vmap, parseLambda } from "../engine";
import { mismatch, randomData, read, timeInterleaved, timeIt, timeRow, type BenchRow } from "./timing";
import type { JaxJs } from "./jaxjs";
import { traceCall, vmapCall } from "../app/state/engineBridge";
import { explorerOf, leaf } from "../app/state/explorerTypes";

export function vmapBench(jx: JaxJs | null): BenchRow[] {
  const rows: BenchRow[] = [];

  // 1. Matrix-vector product as vmap(jnp.dot, in_axes=(0, None)).
  {
    const [M, K] = [1024, 256];
    const Ad = randomData(M * K, 1);
    const vd = randomData(K, 2);
    const A = np.array(Ad, [M, K]);
    const v = np.array(vd, [K]);
    const mv = vmap(jnp.dot, [0, null]);
    const handLoop = () => {
      const out = new Float64Array(M);
      for (let i = 0; i < M; i++) {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += Ad[i * K + k] * vd[k];
        out[i] = acc;
      }
      return out;
    };
    const t = timeRow(() => read(mv(A, v)), handLoop, jx?.matvec(Ad, vd, M, K), { reps: 41 });
    rows.push({ section: "vmap", name: "vmap(jnp.dot, (0, None)) A(1024,256)·v(256)", ours_ms: t.ours, hand_ms: t.hand, jaxjs_ms: t.jaxjs, target: "≤ 1.5× hand", extra: mismatch(read(mv(A, v)), handLoop()) });
  }

  // 2. Element-wise with transposed in_axes and out_axes=1.
  {
    const [R, C] = [512, 1024];
    const ad = randomData(R * C, 3);
    const bd = randomData(C * R, 4);
    const a = np.array(ad, [R, C]);
    const b = np.array(bd, [C, R]);
    const f = vmap(parseLambda("lambda a, b: a * b + a"), [1, 0], 1);
    const handLoop = () => {
      // out[i, k] = a[i, k] * b[k, i] + a[i, k]
      const out = new Float64Array(R * C);
      for (let k = 0; k < C; k++) {
        for (let i = 0; i < R; i++) {
          const x = ad[i * C + k];
          out[i * C + k] = x * bd[k * R + i] + x;
        }
      }
      return out;
    };
    const t = timeRow(() => read(f(a, b)), handLoop, jx?.elementwise(ad, bd, R, C), { reps: 21 });
    rows.push({ section: "vmap", name: "vmap(a*b+a, in_axes=(1,0), out_axes=1) (512,1024)·(1024,512)", ours_ms: t.ours, hand_ms: t.hand, jaxjs_ms: t.jaxjs, target: "≤ 1.5× hand", extra: mismatch(read(f(a, b)), handLoop()) });
    const jf = jit(f);
    const tj = timeRow(() => read(jf(a, b)), handLoop, jx?.elementwise(ad, bd, R, C, true), { reps: 21 });
    rows.push({ section: "vmap", name: "jit(vmap(a*b+a, (1,0), 1)), same arrays", ours_ms: tj.ours, hand_ms: tj.hand, jaxjs_ms: tj.jaxjs, target: "≤ 1.5× hand", extra: mismatch(read(jf(a, b)), handLoop()) });
  }

  // 3. The blog's 5-d case: one UI interaction must stay under a millisecond.
  {
    const shape = [2, 3, 5, 7, 9];
    const n = shape.reduce((x, y) => x * y, 1);
    const [ad, bd] = [randomData(n, 5), randomData(n, 6)];
    const a = np.array(ad, shape);
    const b = np.array(bd, shape);
    const ours = () => read(vmap(jnp.add, [null, 0], 3)(a, b));
    const theirs = jx?.blog5d(ad, bd, shape);
    const [call, jaxjs5d] = timeInterleaved(theirs ? [ours, theirs] : [ours], { reps: 200 });
    rows.push({ section: "vmap", name: "blog 5-d: vmap(jnp.add, (None, 0), out_axes=3), incl. tracing", ours_ms: call, jaxjs_ms: jaxjs5d, target: "< 1 ms" });
    const add = parseLambda("lambda a, b: a + b");
    const story = timeIt(() => traceVmap(add, [null, 0], 3, [a, b], { provenance: false }), { reps: 200 });
    // jax-js has no per-example story; beside it stands its plain vmap call from the row above.
    rows.push({ section: "vmap", name: "blog 5-d: traceVmap (no provenance)", ours_ms: story, jaxjs_ms: jaxjs5d, target: "< 1 ms", extra: "jax-js: its vmap call (it has no story)" });
  }
  // 4. What the page does before handing a call past its budget to the worker: building two
  // arguments at the size limit (10⁷ cells each). Once 4 s (an element-by-element copy).
  {
    // A new state each time: the page memoizes a state's call and arguments (engineBridge.ts).
    const fresh = () => explorerOf("lambda a, b: a + b", [["a", leaf(10_000, 1_000), 0], ["b", leaf(10_000, 1_000), 0]], 0);
    const ms = timeIt(() => traceCall(vmapCall(fresh())), { reps: 5, warm: 1 });
    rows.push({ section: "vmap", name: "page: build two 10⁷-cell arguments and hand the call to the worker", ours_ms: ms, target: "< 500 ms" });
  }
  return rows;
}
