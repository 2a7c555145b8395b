/**
 * float32 rows (JAX's default dtype): the same work as the float64 rows, ours at float32
 * against hand loops over Float32Arrays (the fair baseline: the loop rounds when it stores, ours
 * rounds every operation as JAX's float32 does), and @jax-js/jax in float32 beside them. Values
 * are checked to float32's precision.
 */
import { config, jit, jnp, np, parseLambda, vmap } from "../engine";
import { mismatch, randomData, read, timeRow, type BenchRow } from "./timing";
import type { JaxJs } from "./jaxjs";

/** Float32 results: ours rounds each operation, the hand loop once when it stores. */
const mismatch32 = (ours: ArrayLike<number>, ref: ArrayLike<number>, tol = 1e-5) => mismatch(ours, ref, tol);

export function float32Bench(jx: JaxJs | null): BenchRow[] {
  const before = config.jax_enable_x64;
  config.update("jax_enable_x64", false);
  try {
    return rows(jx);
  } finally {
    config.update("jax_enable_x64", before);
  }
}

function rows(jx: JaxJs | null): BenchRow[] {
  const out: BenchRow[] = [];
  {
    const [M, K] = [1024, 256];
    const Ad = Float32Array.from(randomData(M * K, 1));
    const vd = Float32Array.from(randomData(K, 2));
    const A = np.array(Ad, [M, K]);
    const v = np.array(vd, [K]);
    const mv = vmap(jnp.dot, [0, null]);
    const hand = () => {
      const o = new Float32Array(M);
      for (let i = 0; i < M; i++) {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += Ad[i * K + k] * vd[k];
        o[i] = acc;
      }
      return o;
    };
    const t = timeRow(() => read(mv(A, v)), hand, jx?.matvec(Ad, vd, M, K), { reps: 41 });
    out.push({ section: "f32", name: "vmap(jnp.dot, (0, None)) A(1024,256)·v(256), float32", ours_ms: t.ours, hand_ms: t.hand, jaxjs_ms: t.jaxjs, target: "≤ 1.5× hand", extra: mismatch32(read(mv(A, v)), hand()) });
  }
  {
    const [R, C] = [512, 1024];
    const ad = Float32Array.from(randomData(R * C, 3));
    const bd = Float32Array.from(randomData(C * R, 4));
    const a = np.array(ad, [R, C]);
    const b = np.array(bd, [C, R]);
    const f = vmap(parseLambda("lambda a, b: a * b + a"), [1, 0], 1);
    const hand = () => {
      const o = new Float32Array(R * C);
      for (let k = 0; k < C; k++) {
        for (let i = 0; i < R; i++) {
          const x = ad[i * C + k];
          o[i * C + k] = x * bd[k * R + i] + x;
        }
      }
      return o;
    };
    const t = timeRow(() => read(f(a, b)), hand, jx?.elementwise(ad, bd, R, C), { reps: 21 });
    out.push({ section: "f32", name: "vmap(a*b+a, in_axes=(1,0), out_axes=1) (512,1024)·(1024,512), float32", ours_ms: t.ours, hand_ms: t.hand, jaxjs_ms: t.jaxjs, target: "≤ 1.5× hand", extra: mismatch32(read(f(a, b)), hand()) });
  }
  {
    const N = 1_000_000;
    const d = Float32Array.from(randomData(N, 21));
    const x = np.array(d, [N]);
    const jf = jit((y: any) => jnp.sum(jnp.add(jnp.multiply(jnp.multiply(y, y), 0.5), y)));
    const hand = () => {
      let s = 0;
      for (let i = 0; i < N; i++) {
        const v = d[i];
        s += v * v * 0.5 + v;
      }
      return Math.fround(s);
    };
    const t = timeRow(() => read(jf(x)), hand, jx?.jitChain(d, "cheap")?.call);
    out.push({ section: "f32", name: "jit(sum(x * x * 0.5 + x)), x f32[1e6], cached call", ours_ms: t.ours, hand_ms: t.hand, jaxjs_ms: t.jaxjs, target: "≤ 1.5× hand", extra: mismatch32([jf(x).item()], [hand()], 1e-4) + ` mode ${jf.stats.mode}` });
  }
  return out;
}
