/**
 * Indexing by values through the public surface: the jaxprs JAX stages for it (dynamic_slice
 * for a scalar index, one gather once vmap batches it or the index is an array, a scatter for
 * `.at[]`), argmax/argmin as indices, and JAX's errors word for word.
 */
import { describe, expect, it } from "vitest";
import { caught } from "../../helpers/caught";
import { jnp, makeJaxpr, NDArray, np, parseLambda, vmap } from "../../../engine";

const i32 = (data: number[], shape: number[]) => np.array(data, shape, "int32");
const fails = caught;

describe("jaxprs of indexing by values", () => {
  const x = np.array([[1, 2, 3], [4, 5, 6]]);
  const f = parseLambda("lambda x, i: x[i]");

  it("x[i] with a traced scalar is a dynamic_slice with the negative index wrapped", () => {
    expect(makeJaxpr(f)(x, i32([1], []).reshape([])).toString()).toBe(`{ lambda ; a:f32[2,3] b:i32[]. let
    c:bool[] = lt b 0:i32[]
    d:i32[] = add b 2:i32[]
    e:i32[] = select_n c b d
    f:f32[1,3] = dynamic_slice[slice_sizes=(1, 3)] a e 0:i32[]
    g:f32[3] = squeeze[dimensions=(0,)] f
  in (g,) }`);
  });

  it("vmap turns it into one gather with mode=CLIP (the shape story's `gather`)", () => {
    const text = makeJaxpr(vmap(f, [null, 0]))(x, i32([1, 0, 1], [3])).toString();
    expect(text).toContain(`gather[
      dimension_numbers=GatherDimensionNumbers(offset_dims=(1, 2), collapsed_slice_dims=(), start_index_map=(0, 1), operand_batching_dims=(), start_indices_batching_dims=())
      fill_value=None
      indices_are_sorted=False
      mode=GatherScatterMode.CLIP
      slice_sizes=(1, 3)
      unique_indices=False
    ] a h
    j:f32[3,3] = squeeze[dimensions=(1,)] i`);
    // The batched start (B, 1) beside the unbatched one, as `_batch_dynamic_slice_indices` builds it.
    expect(text).toContain("h:i32[3,2] = concatenate[dimension=1] f g");
    expect(text).not.toContain("dynamic_slice");
  });

  it("an index array is a gather in promise_in_bounds mode; .at[].add a scatter-add in FILL_OR_DROP", () => {
    const g = makeJaxpr(f)(x, i32([1, 0], [2])).toString();
    expect(g).toContain("collapsed_slice_dims=(0,), start_index_map=(0,)");
    expect(g).toContain("mode=GatherScatterMode.PROMISE_IN_BOUNDS");
    const s = makeJaxpr(parseLambda("lambda x, i: x.at[i].add(1.0)"))(x, i32([1, 0], [2])).toString();
    expect(s).toContain("scatter-add[");
    expect(s).toContain("mode=GatherScatterMode.FILL_OR_DROP");
  });

  it("argmax results index: x[jnp.argmax(x)] and take_along_axis(argmax keepdims)", () => {
    const y = np.array([[3, 9, 1], [7, 2, 8]]);
    expect((parseLambda("lambda x: jnp.argmax(x, axis=1)")(y) as NDArray).tolist()).toEqual([1, 2]);
    expect((parseLambda("lambda x: x.argmin()")(y) as NDArray).item()).toBe(2);
    expect((vmap(parseLambda("lambda r: r[jnp.argmax(r)]"))(y) as NDArray).tolist()).toEqual([9, 8]);
    // NaN wins and ties go to the first index (JAX's _ArgMinMaxReducer).
    expect((jnp.argmax(np.array([1, NaN, 3])) as NDArray).item()).toBe(1);
    expect((jnp.argmin(np.array([2, 1, 1])) as NDArray).item()).toBe(1);
    expect((jnp.argmax(np.array([[1, 2], [3, 0]]), null, { keepdims: true }) as NDArray).shape).toEqual([1, 1]);
    expect((jnp.argmax(np.array([1, 2])) as NDArray).dtype).toBe("int32");
  });
});

describe("JAX's errors for indexing by values", () => {
  const x = np.array([1, 2, 3]);
  it("a float index array or Python float: TypeError", () => {
    const e = fails(() => parseLambda("lambda x: x[jnp.array([0.0, 1.0])]")(x));
    expect([e.pyType, e.message]).toEqual(["TypeError", "Indexer must have integer or boolean type, got indexer with type float32"]);
    const p = fails(() => parseLambda("lambda x: x[1.0]")(x));
    expect([p.pyType, p.message]).toEqual(["TypeError", "Indexer must have integer or boolean type, got indexer with type float64"]);
  });
  it("gather with non-integer indices: ValueError from the primitive (jnp.take)", () => {
    const e = fails(() => jnp.take(x, np.array([0.5])));
    expect([e.pyType, e.message]).toEqual(["ValueError", "indices must have an integer type"]);
    const t = fails(() => jnp.take_along_axis(x, np.array([0.5]), 0));
    expect([t.pyType, t.message]).toEqual(["TypeError", "take_along_axis indices must be of integer type, got float32"]);
  });
  it("too many indices, argmax of nothing, an unknown mode", () => {
    expect(fails(() => parseLambda("lambda x, i: x[i, i]")(x, i32([0], [1]))).message).toBe("Too many indices: array is 1-dimensional, but 2 were indexed");
    expect(fails(() => jnp.argmax(np.zeros([0]))).message).toBe("attempt to get argmax of an empty sequence");
    expect(fails(() => parseLambda("lambda x, i: x.at[i].get(mode='wrap')")(x, i32([0], [1]))).message).toBe('Unknown gather mode "wrap"');
  });
});

describe("jnp.argsort (sort with an iota, JAX's lax_numpy.argsort)", () => {
  it("ascending and descending, stable, NaN last, along an axis and under vmap", () => {
    const x = np.array([3, 1, NaN, 1, 2]);
    expect((jnp.argsort(x) as NDArray).tolist()).toEqual([1, 3, 4, 0, 2]);
    expect((jnp.argsort(x, -1, { descending: true }) as NDArray).tolist()).toEqual([2, 0, 4, 1, 3]);
    const m = np.array([[3, 1, 2], [0, 5, 4]]);
    expect((jnp.argsort(m, 0) as NDArray).tolist()).toEqual([[1, 0, 0], [0, 1, 1]]);
    const f = parseLambda("lambda r: r[jnp.argsort(r)]");
    expect((vmap(f)(m) as NDArray).tolist()).toEqual([[1, 2, 3], [0, 4, 5]]);
    expect((vmap(f, 1, 1)(m) as NDArray).tolist()).toEqual([[0, 1, 2], [3, 5, 4]]);
    expect(makeJaxpr(parseLambda("lambda r: jnp.argsort(r)"))(m).toString()).toContain("sort[dimension=1 is_stable=True num_keys=1]");
  });
});

describe("x[i, j] with traced ints and int arrays", () => {
  const x = np.array([[0, 1, 2], [10, 11, 12]]);
  it("scalars: one dynamic_slice per example, batched into one gather", () => {
    const f = parseLambda("lambda x, i, j: x[i, j]");
    const i = i32([1, 0, 1, -1], [4]);
    const j = i32([2, 2, 0, -3], [4]);
    expect((vmap(f, [null, 0, 0])(x, i, j) as NDArray).tolist()).toEqual([12, 2, 10, 10]);
    expect(makeJaxpr(vmap(f, [null, 0, 0]))(x, i, j).toString().match(/gather\[/g)).toHaveLength(1);
  });
  it("arrays broadcast together (NumPy's advanced indexing); a slice between them moves their axes first", () => {
    const f = parseLambda("lambda x, i, j: x[i, j]");
    expect((f(x, i32([1, 0], [2, 1]), i32([0, 1, 2], [3])) as NDArray).tolist()).toEqual([[10, 11, 12], [0, 1, 2]]);
    const y = jnp.reshape(jnp.arange(24), [2, 3, 4]) as NDArray;
    // Advanced indices separated by a slice: their axes go first (NumPy's rule), shape (2, 3).
    const g = parseLambda("lambda y, i, j: y[i, :, j]");
    expect((g(y, i32([0, 1], [2]), i32([3, 0], [2])) as NDArray).tolist()).toEqual([[3, 7, 11], [12, 16, 20]]);
  });
});

describe("scatter's update_jaxpr is typed as its operand", () => {
  it("int32 and float32 operands print their own combiner jaxpr", () => {
    const f = parseLambda("lambda x, i: x.at[i].max(1)");
    expect(makeJaxpr(f)(i32([1, 2], [2]), i32([0], [1])).toString()).toContain("update_jaxpr={ lambda ; a:i32[] b:i32[]. let c:i32[] = max a b in (c) }");
    expect(makeJaxpr(f)(np.array([1, 2]), i32([0], [1])).toString()).toContain("update_jaxpr={ lambda ; a:f32[] b:f32[]. let c:f32[] = max a b in (c) }");
  });
});

describe("boolean masks (JAX's expand_bool_indices)", () => {
  it("a concrete mask picks its True positions; a traced one is NonConcreteBooleanIndexError", () => {
    const x = np.array([[1, 2, 3], [4, 5, 6]]);
    const mask = np.array([1, 0, 1, 1, 0, 0], [2, 3], "bool");
    expect((jnp.index(x, [mask]) as NDArray).tolist()).toEqual([1, 3, 4]);
    expect((jnp.index(x, [{}, np.array([0, 1, 1], [3], "bool")]) as NDArray).tolist()).toEqual([[2, 3], [5, 6]]);
    const e = fails(() => vmap(parseLambda("lambda r: r[r > 2.0]"))(x));
    expect(e.pyType).toBe("IndexError");
    expect(e.message).toBe("Array boolean indices must be concrete; got bool[3]\n\nSee https://docs.jax.dev/en/latest/errors.html#jax.errors.NonConcreteBooleanIndexError");
    expect(fails(() => jnp.index(x, [np.array([1, 0], [2], "bool"), np.array([1, 0], [2], "bool")])).message).toBe(
      "boolean index did not match shape of indexed array in index 1: got (2,), expected [3]",
    );
  });
});
