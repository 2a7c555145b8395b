/** jnp.einsum against a brute-force sum over every label value; implicit form, `...`, errors. */
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import { jnp } from "../../../engine/numpy";
import { closeTo, einsumRef, fromEngine, randomRef, toEngine } from "../../helpers/reference";

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
    expect(() => jnp.einsum("ii->i", toEngine(randomRef([2, 2])))).toThrow(/diagonal/);
  });
});
