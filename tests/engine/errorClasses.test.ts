/**
 * The Python exception class of every error the engine raises (EngineError.pyType), as JAX,
 * NumPy or CPython raise it: vmap's E1–E13 (../shared/docs/vmap-semantics.md), broadcasting,
 * lax shape rules, jnp argument checks, grad, the lambda language's Python errors and the
 * playground's limits. The message never repeats the class (the app prints `Class: message`).
 */
import { describe, expect, it } from "vitest";
import { grad, jnp, np, parseLambda, vmap } from "../../engine";
import { caught } from "../helpers/caught";

const a23 = np.zeros([2, 3]);
const a32 = np.zeros([3, 2]);
const big = np.zeros([2, 3, 5, 7, 9]);
const small = np.zeros([2, 5, 7, 9]);
const L = (src: string) => parseLambda(src) as (...args: unknown[]) => unknown;
const add = L("lambda a, b: a + b");

/** [what, the call, Python class, start of the message]. */
const cases: [string, () => unknown, string, string][] = [
  ["E1 in_axes of a wrong type", () => vmap(add, 1.5 as never)(a23, a23), "TypeError", "vmap in_axes must be an int, None, or a tuple of entries"],
  ["E2 an in_axes leaf of a wrong type", () => vmap(add, [0, "a"] as never)(a23, a23), "TypeError", "vmap in_axes must be an int, None, or (nested) container"],
  ["E3 an out_axes leaf of a wrong type", () => vmap(add, 0, "a" as never)(a23, a23), "TypeError", "vmap out_axes must be an int, None, or (nested) container"],
  ["E4 in_axes of the wrong length", () => vmap(add, [0, 0, 0])(a23, a23), "ValueError", "vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got len(in_axes)=3"],
  ["E5 in_axes not a tree prefix", () => vmap(add, [[0, 0], 0])(a23, a23), "ValueError", "vmap in_axes specification must be a tree prefix"],
  ["E6 no arguments", () => vmap(L("lambda: 1"))(), "ValueError", "vmap wrapped function must be passed at least one argument"],
  ["E7 a mapped axis beyond the rank", () => vmap(add, [2, 0])(a23, a23), "ValueError", "vmap was requested to map its argument along axis 2"],
  ["E8 every in_axes None", () => vmap(add, [null, null])(a23, a23), "ValueError", "vmap must have at least one non-None value in in_axes"],
  ["E9 inconsistent sizes", () => vmap(add, [0, 0])(a23, a32), "ValueError", "vmap got inconsistent sizes for array axes to be mapped"],
  ["E11 out_axes not a tree prefix", () => vmap(add, 0, [0, 0])(a23, a23), "ValueError", "vmap out_axes specification must be a tree prefix"],
  ["E12 out_axes beyond the rank", () => vmap(add, 0, 3)(a23, a23), "ValueError", "axis 3 is out of bounds for array of dimension 2"],
  ["E13 out_axes None for a batched output", () => vmap(add, 0, null)(a23, a23), "ValueError", "at vmap out_axes, got axis spec None"],
  ["same-rank broadcasting", () => jnp.add(a23, a32), "TypeError", "add got incompatible shapes for broadcasting: (2, 3), (3, 2)."],
  ["different-rank broadcasting", () => add(big, small), "ValueError", "Incompatible shapes for broadcasting: shapes=[(2, 3, 5, 7, 9), (2, 5, 7, 9)]"],
  ["dot_general contracting sizes", () => jnp.dot(a23, a23), "TypeError", "dot_general requires contracting dimensions to have the same shape"],
  ["matmul shapes", () => jnp.matmul(np.zeros([2, 3, 4]), np.zeros([5, 4, 2])), "ValueError", "Incompatible shapes for matmul arguments"],
  ["jnp.reshape size", () => jnp.reshape(a23, [4]), "TypeError", "cannot reshape array of shape (2, 3) (size 6) into shape (4,) (size 4)"],
  ["jnp.transpose not a permutation", () => jnp.transpose(a23, [0, 0]), "TypeError", "transpose permutation isn't a permutation"],
  ["lax.concatenate shapes", () => jnp.concatenate([a23, a32], 0), "TypeError", "Cannot concatenate arrays with shapes that differ"],
  ["axis out of bounds", () => jnp.sum(a23, 2), "ValueError", "axis 2 is out of bounds for array of dimension 2"],
  ["squeeze a non-1 axis", () => jnp.squeeze(a23, 0), "ValueError", "cannot select an axis to squeeze out"],
  ["einsum subscripts", () => jnp.einsum("ij->k", a23), "ValueError", "Output character 'k' did not appear in the input"],
  ["a non-array argument", () => jnp.sum("a" as never), "TypeError", "sum requires ndarray or scalar arguments"],
  ["grad of a non-scalar", () => grad(L("lambda x: x"))(a23), "TypeError", "Gradient only defined for scalar-output functions."],
  ["lambda: tuple index", () => L("lambda p: p[2]")([a23]), "IndexError", "tuple index out of range"],
  ["lambda: array index", () => L("lambda x: x[5]")(a23), "IndexError", "index 5 is out of bounds for axis 0 with size 2"],
  ["lambda: missing dict key", () => L("lambda p: p['v']")({ w: a23 }), "KeyError", "'v'"],
  ["lambda: unknown name", () => L("lambda x: y"), "NameError", "name 'y' is not defined"],
  ["lambda: syntax", () => L("lambda x: x +"), "SyntaxError", "invalid syntax"],
  ["lambda: too many arguments", () => L("lambda x: x")(a23, a23), "TypeError", "<lambda>() takes 1 positional argument but 2 were given"],
  ["lambda: not callable", () => L("lambda x: (1)(x)")(a23), "TypeError", "'int' object is not callable"],
  ["lambda: bad operand types", () => L("lambda x: x + (1, 2)")(a23), "TypeError", "unsupported operand type(s) for +: 'Array' and 'tuple'"],
  ["lambda: tuple comparison", () => L("lambda x: (1,) < (2,)")(a23), "TypeError", "'<' not supported between instances of 'tuple' and 'tuple'"],
  ["lambda: division by zero", () => L("lambda x: 1 / 0")(a23), "ZeroDivisionError", "division by zero"],
  ["lambda: slice step zero", () => L("lambda p: p[::0]")([a23]), "ValueError", "slice step cannot be zero"],
  ["lambda: recursion", () => L("lambda x: (lambda f: f(f))(lambda f: f(f))")(a23), "RecursionError", "maximum recursion depth exceeded"],
  ["the size limit", () => np.zeros([10000, 10000]), "MemoryError", "An array of"],
];

describe("every error carries the class JAX raises", () => {
  it.each(cases)("%s", (_what, call, cls, start) => {
    const e = caught(call);
    expect(e.message.startsWith(start), `${e.pyType}: ${e.message}`).toBe(true);
    expect(e.pyType).toBe(cls);
    expect(e.message.startsWith(`${cls}:`)).toBe(false);
  });
});
