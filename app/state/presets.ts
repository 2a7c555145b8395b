/**
 * The function presets: the blog post's examples and the classic vmap patterns from JAX's
 * docstring (matrix-vector dot, tuple outputs, pytree in_axes, nested vmap for all pairs).
 * Each is a whole explorer state, so choosing one is one undoable step.
 */
import { leaf, tuple, type ExplorerState } from "./explorerTypes";

export interface Preset {
  id: string;
  label: string;
  state: ExplorerState;
}

const u = "unique" as const;

export const PRESETS: Preset[] = [
  {
    id: "add",
    label: "Element-wise add, 2×2 (the blog)",
    state: { fnSource: "lambda a, b: a + b", args: { a: { tree: leaf(2, 2), fill: u }, b: { tree: leaf(2, 2), fill: u } }, inAxes: { a: 0, b: 0 }, outAxes: 0, axisSize: null },
  },
  {
    id: "jnp-add",
    label: "jnp.add with in_axes (None, 0)",
    state: { fnSource: "lambda a, b: jnp.add(a, b)", args: { a: { tree: leaf(2, 2), fill: u }, b: { tree: leaf(2, 2), fill: u } }, inAxes: { a: null, b: 0 }, outAxes: 0, axisSize: null },
  },
  {
    id: "add-5d",
    label: "Add (2,3,5,7,9) arrays, out_axes=3 (the blog)",
    state: { fnSource: "lambda a, b: a + b", args: { a: { tree: leaf(2, 3, 5, 7, 9), fill: u }, b: { tree: leaf(2, 3, 5, 7, 9), fill: u } }, inAxes: { a: null, b: 0 }, outAxes: 3, axisSize: null },
  },
  {
    id: "sum",
    label: "jnp.sum of each row",
    state: { fnSource: "lambda x: jnp.sum(x)", args: { x: { tree: leaf(3, 4), fill: u } }, inAxes: { x: 0 }, outAxes: 0, axisSize: null },
  },
  {
    id: "dot",
    label: "jnp.dot: matrix-vector, in_axes (0, None)",
    state: { fnSource: "lambda m, v: jnp.dot(m, v)", args: { m: { tree: leaf(3, 4), fill: u }, v: { tree: leaf(4), fill: u } }, inAxes: { m: 0, v: null }, outAxes: 0, axisSize: null },
  },
  {
    id: "matmul",
    label: "Batched matmul a @ b",
    state: { fnSource: "lambda a, b: a @ b", args: { a: { tree: leaf(2, 2, 3), fill: u }, b: { tree: leaf(2, 3, 2), fill: u } }, inAxes: { a: 0, b: 0 }, outAxes: 0, axisSize: null },
  },
  {
    id: "outer",
    label: "jnp.outer of paired vectors",
    state: { fnSource: "lambda u, v: jnp.outer(u, v)", args: { u: { tree: leaf(2, 3), fill: u }, v: { tree: leaf(2, 2), fill: u } }, inAxes: { u: 0, v: 0 }, outAxes: 0, axisSize: null },
  },
  {
    id: "tuple-out",
    label: "Tuple result, out_axes (0, None)",
    state: { fnSource: "lambda x, y: (x + y, y * 2.0)", args: { x: { tree: leaf(2), fill: u }, y: { tree: leaf(), fill: u } }, inAxes: { x: 0, y: null }, outAxes: [0, null], axisSize: null },
  },
  {
    id: "tuple-arg",
    label: "Tuple argument, in_axes ((None, None), 0)",
    state: { fnSource: "lambda p, x: p[0] * x + p[1]", args: { p: { tree: tuple(leaf(3), leaf(3)), fill: u }, x: { tree: leaf(4, 3), fill: u } }, inAxes: { p: [null, null], x: 0 }, outAxes: 0, axisSize: null },
  },
  {
    id: "all-pairs",
    label: "Nested jax.vmap: all-pairs distances",
    state: {
      fnSource: "lambda x, y: jax.vmap(lambda a, b: jnp.sqrt(jnp.sum((a - b) ** 2)), in_axes=(None, 0))(x, y)",
      args: { x: { tree: leaf(3, 2), fill: u }, y: { tree: leaf(3, 2), fill: u } },
      inAxes: { x: 0, y: null },
      outAxes: 0,
      axisSize: null,
    },
  },
];

export const presetById = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);
