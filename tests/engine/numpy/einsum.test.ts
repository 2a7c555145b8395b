/** jnp.einsum against a brute-force sum over every label value; implicit form, `...`, errors. */
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import { jnp } from "../../../engine/numpy";
import { grad, jit, vmap } from "../../../engine";
import { closeTo, einsumRef, fromEngine, randomRef, toEngine } from "../../helpers/reference";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

const sizes: Record<string, number> = { i: 2, j: 3, k: 4, l: 2, b: 3 };
const operandsFor = (spec: string) =>
  spec
    .split("->")[0]
    .split(",")
    .map((t, n) => randomRef(t.split("").map((c) => sizes[c]), n + 1));

describe("jnp.einsum", () => {
  const specs = [
    "ij,jk->ik",
    "ij,kj->ki",
    "bij,bjk->bik",
    "ij->ji",
    "ij->j",
    "ij->",
    "i,i->",
    "i,j->ij",
    "ij,j->i",
    "ijk,kl->lij",
    "ij,jk,kl->il",
    "ij,ij->ij",
    "ik,jk,k->ij",
    "ij,k->ijk",
    "bik,bk->bi",
    "ij,jk->",
  ];
  it.each(specs)("%s matches the brute-force sum", (spec) => {
    const refs = operandsFor(spec);
    const out = jnp.einsum(spec, ...refs.map(toEngine)) as NDArray;
    expect(closeTo(fromEngine(out), einsumRef(spec, ...refs), 1e-12, 1e-12)).toBeNull();
  });

  it("implicit output: labels seen once, in alphabetical order", () => {
    const a = randomRef([2, 3], 1);
    const b = randomRef([3, 4], 2);
    const out = jnp.einsum("ij,jk", toEngine(a), toEngine(b)) as NDArray;
    expect(closeTo(fromEngine(out), einsumRef("ij,jk->ik", a, b))).toBeNull();
    const t = jnp.einsum("ji", toEngine(a)) as NDArray;
    expect(closeTo(fromEngine(t), einsumRef("ji->ij", a))).toBeNull();
  });

  it("ellipsis stands for the leading axes", () => {
    const a = randomRef([3, 2, 4], 1);
    const b = randomRef([3, 4, 2], 2);
    const out = jnp.einsum("...ij,...jk->...ik", toEngine(a), toEngine(b)) as NDArray;
    expect(closeTo(fromEngine(out), einsumRef("bij,bjk->bik", a, b), 1e-12, 1e-12)).toBeNull();
  });

  it("raises opt_einsum's messages", () => {
    const a = toEngine(randomRef([2, 3]));
    expect(() => jnp.einsum("ij,jk->ik", a, toEngine(randomRef([2, 4])))).toThrow("Size of label 'j' for operand 1 (2) does not match previous terms (3).");
    expect(() => jnp.einsum("ij,jk->ik", a)).toThrow("Number of einsum subscripts must be equal to the number of operands.");
    expect(() => jnp.einsum("ijk->i", a)).toThrow("Einstein sum subscript 'ijk' does not contain the correct number of indices for operand 0.");
    expect(() => jnp.einsum("ij->q", a)).toThrow("Output character 'q' did not appear in the input");
    expect(() => jnp.einsum("ii->i", toEngine(randomRef([2, 3])))).toThrow("Size of label 'i' for operand 0 (3) does not match previous terms (2).");
  });
});

describe("jnp.einsum with a label repeated in one operand (diagonals)", () => {
  const specs = ["ii->", "ii->i", "iij->j", "iji->ij", "iii->i", "ij,jj->i", "ii,i->i", "bii->b", "bii,bj->bij"];
  const cube = (spec: string) =>
    spec
      .split("->")[0]
      .split(",")
      .map((t, n) => randomRef(t.split("").map((c) => ({ i: 3, j: 2, b: 2 })[c]!), n + 1));
  it.each(specs)("%s matches the brute-force sum", (spec) => {
    const refs = cube(spec);
    const out = jnp.einsum(spec, ...refs.map(toEngine)) as NDArray;
    expect(closeTo(fromEngine(out), einsumRef(spec, ...refs), 1e-12, 1e-12)).toBeNull();
  });

  it("implicit mode: a repeated label is summed (ii is the trace, iij keeps j)", () => {
    const m = randomRef([3, 3], 1);
    expect(closeTo(fromEngine(jnp.einsum("ii", toEngine(m)) as NDArray), einsumRef("ii->", m))).toBeNull();
    const t = randomRef([3, 3, 2], 2);
    expect(closeTo(fromEngine(jnp.einsum("iij", toEngine(t)) as NDArray), einsumRef("iij->j", t))).toBeNull();
  });

  it("batches, differentiates and compiles: vmap of the trace, its gradient is the identity, jit agrees", () => {
    const batch = randomRef([4, 3, 3], 3);
    const traces = vmap((m: NDArray) => jnp.einsum("ii->", m))(toEngine(batch)) as NDArray;
    const ref = Array.from({ length: 4 }, (_, k) => [0, 1, 2].reduce((acc, d) => acc + batch.data[k * 9 + d * 4], 0));
    expect(closeTo(fromEngine(traces), { shape: [4], data: ref })).toBeNull();
    const g = grad((m: NDArray) => jnp.einsum("ii", m))(toEngine(randomRef([3, 3], 4))) as NDArray;
    expect(g.tolist()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    // d/dA sum_i A_ii x_i = diag(x); per example under vmap.
    const x = randomRef([2, 3], 5);
    const gv = vmap(grad((m: NDArray, v: NDArray) => jnp.sum(jnp.einsum("ii,i->i", m, v) as NDArray)), [null, 0])(toEngine(randomRef([3, 3], 6)), toEngine(x)) as NDArray;
    const want = [0, 1].flatMap((k) => [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => (r === c ? x.data[k * 3 + r] : 0))));
    expect(closeTo(fromEngine(gv), { shape: [2, 3, 3], data: want })).toBeNull();
    const d = toEngine(randomRef([3, 3, 2], 7));
    expect(closeTo(fromEngine(jit((t: NDArray) => jnp.einsum("iij->j", t))(d) as NDArray), fromEngine(jnp.einsum("iij->j", d) as NDArray))).toBeNull();
  });
});
