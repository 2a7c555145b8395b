/**
 * A fake LangHost for the lambda-language tests: tiny "arrays" that only know their shape,
 * and host functions that record each call and return a new fake array describing it.
 * The real engine is not needed to test what the language asks of it.
 */
import type { LangHost, IndexItem } from "../../engine/lang";

export class FakeArray {
  readonly ndim: number;
  constructor(readonly shape: readonly number[], readonly label: string, readonly call?: { op: string; args: unknown[] }) {
    this.ndim = shape.length;
  }
}

export const arr = (label: string, ...shape: number[]) => new FakeArray(shape, label);

export interface Recorded { op: string; args: unknown[] }

/** A fake host and the log of its calls (`jnp.add` logs as "add", `jax.nn.relu` as "nn.relu"). */
export function fakeHost() {
  const calls: Recorded[] = [];
  const record = (op: string) => (...args: unknown[]) => {
    calls.push({ op, args });
    const first = args.find((a): a is FakeArray => a instanceof FakeArray);
    return new FakeArray(first?.shape ?? [], op, { op, args });
  };
  const table = (prefix: string) =>
    new Proxy({} as Record<string, (...a: any[]) => any>, {
      get: (_t, k) => (typeof k === "string" ? record(prefix + k) : undefined),
    });
  const host: LangHost = {
    jnp: table(""),
    nn: table("nn."),
    vmap(fun, inAxes, outAxes, opts) {
      calls.push({ op: "vmap", args: [fun, inAxes, outAxes, opts] });
      return (...args: unknown[]) => {
        calls.push({ op: "vmapped", args });
        return (fun as (...a: unknown[]) => unknown)(...args);
      };
    },
    grad(fun, opts) {
      calls.push({ op: "grad", args: [fun, opts] });
      return (...args: unknown[]) => (fun as (...a: unknown[]) => unknown)(...args);
    },
    jit(fun) {
      calls.push({ op: "jit", args: [fun] });
      return fun;
    },
    isArray: (v) => v instanceof FakeArray,
    index(x, items: IndexItem[]) {
      calls.push({ op: "index", args: [x, items] });
      return new FakeArray([], "index", { op: "index", args: [x, items] });
    },
  };
  return { host, calls, ops: () => calls.map((c) => c.op) };
}
