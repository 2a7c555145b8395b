/**
 * The function presets: the blog post's examples and the classic vmap patterns from JAX's
 * docstring (matrix-vector dot, tuple outputs, pytree in_axes, nested vmap for all pairs).
 * Each is a whole explorer state, so choosing one is one undoable step.
 */
import { explorerOf as state, leaf, tuple, type ExplorerState, type Fill } from "./explorerTypes";

/** `s` with parameter `name` filled with `fill` (presets start from unique numbers). */
function filled(s: ExplorerState, name: string, fill: Fill): ExplorerState {
  const args = new Map(s.args);
  const a = args.get(name);
  if (a) args.set(name, { ...a, fill });
  return { ...s, args };
}

export interface Preset {
  id: string;
  label: string;
  state: ExplorerState;
}

export const PRESETS: Preset[] = [
  {
    id: "add",
    label: "Element-wise add, 2×2 (the blog)",
    state: state("lambda a, b: a + b", [["a", leaf(2, 2), 0], ["b", leaf(2, 2), 0]], 0),
  },
  {
    id: "jnp-add",
    label: "jnp.add with in_axes (None, 0)",
    state: state("lambda a, b: jnp.add(a, b)", [["a", leaf(2, 2), null], ["b", leaf(2, 2), 0]], 0),
  },
  {
    id: "add-5d",
    label: "Add (2,3,5,7,9) arrays, out_axes=3 (the blog)",
    state: state("lambda a, b: a + b", [["a", leaf(2, 3, 5, 7, 9), null], ["b", leaf(2, 3, 5, 7, 9), 0]], 3),
  },
  {
    id: "sum",
    label: "jnp.sum of each row",
    state: state("lambda x: jnp.sum(x)", [["x", leaf(3, 4), 0]], 0),
  },
  {
    id: "dot",
    label: "jnp.dot: matrix-vector, in_axes (0, None)",
    state: state("lambda m, v: jnp.dot(m, v)", [["m", leaf(3, 4), 0], ["v", leaf(4), null]], 0),
  },
  {
    id: "matmul",
    label: "Batched matmul a @ b",
    state: state("lambda a, b: a @ b", [["a", leaf(2, 2, 3), 0], ["b", leaf(2, 3, 2), 0]], 0),
  },
  {
    id: "outer",
    label: "jnp.outer of paired vectors",
    state: state("lambda u, v: jnp.outer(u, v)", [["u", leaf(2, 3), 0], ["v", leaf(2, 2), 0]], 0),
  },
  {
    id: "tuple-out",
    label: "Tuple result, out_axes (0, None)",
    state: state("lambda x, y: (x + y, y * 2.0)", [["x", leaf(2), 0], ["y", leaf(), null]], [0, null]),
  },
  {
    id: "tuple-arg",
    label: "Tuple argument, in_axes ((None, None), 0)",
    state: state("lambda p, x: p[0] * x + p[1]", [["p", tuple(leaf(3), leaf(3)), [null, null]], ["x", leaf(4, 3), 0]], 0),
  },
  {
    id: "all-pairs",
    label: "Nested jax.vmap: all-pairs distances",
    state: state("lambda x, y: jax.vmap(lambda a, b: jnp.sqrt(jnp.sum((a - b) ** 2)), in_axes=(None, 0))(x, y)", [["x", leaf(3, 2), 0], ["y", leaf(3, 2), null]], 0),
  },
  {
    // JAX's batching_test.py testDynamicSlice: a batched index makes dynamic_slice a gather.
    id: "gather",
    label: "x[i] with a batched index: a gather",
    state: filled(state("lambda x, i: x[i]", [["x", leaf(3, 4), null], ["i", leaf(4), 0]], 0), "i", "indices"),
  },
  {
    id: "argmax-pick",
    label: "Each row's largest value: x[jnp.argmax(x)]",
    state: filled(state("lambda x: x[jnp.argmax(x)]", [["x", leaf(3, 4), 0]], 0), "x", "random"),
  },
];

export const presetById = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);
