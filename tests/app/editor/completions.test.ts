// The editor's completions and error ranges, without a DOM: `jnp.su` offers sum (with its
// signature from the engine's declared signatures) and only names the engine's parser accepts;
// nothing inside strings or after another object's dot; the error range covers the name or
// character the engine's line/column points at.
import { describe, expect, it } from "vitest";
import { CompletionContext } from "@codemirror/autocomplete";
import { python } from "@codemirror/lang-python";
import { EditorState } from "@codemirror/state";
import { jaxCompletions } from "../../../app/editor/completions";
import { errorRange } from "../../../app/editor/errorRange";
import { EngineError, languageNames, parseLambda, sourcePosition } from "../../../engine";

function complete(doc: string, explicit = false) {
  const state = EditorState.create({ doc, extensions: [python()] });
  return jaxCompletions(new CompletionContext(state, doc.length, explicit));
}

describe("completions", () => {
  it("offers jnp.sum after jnp.su, from where the member starts, with its signature", () => {
    const r = complete("lambda a, b: jnp.su")!;
    expect(r.from).toBe("lambda a, b: jnp.".length);
    const sum = r.options.find((o) => o.label === "sum")!;
    expect(sum.detail).toBe("(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None, promote_integers=True)");
    expect(r.options.map((o) => o.label)).toContain("tanh");
  });

  it("offers jax's members and its submodules, and jax.nn's functions", () => {
    expect(complete("lambda x: jax.")!.options.map((o) => o.label).sort()).toEqual(["grad", "jit", "lax", "nn", "numpy", "vmap"]);
    expect(complete("lambda x: jax.nn.re")!.options.map((o) => o.label)).toContain("relu");
    expect(complete("lambda x: jax.numpy.ma")!.options.map((o) => o.label)).toContain("matmul");
  });

  it("offers nothing inside a string, after another object's dot, or for an unknown module", () => {
    expect(complete("lambda x: jnp.einsum('jnp.su")).toBe(null);
    expect(complete("lambda x: x.T.su")).toBe(null);
    expect(complete("lambda x: foo.su")).toBe(null);
  });

  it("offers only what the engine's parser accepts", () => {
    const names = languageNames();
    expect(names.length).toBeGreaterThan(100);
    for (const n of names) {
      // A module is not a value: it is offered for its members, which must be listed too.
      const member = names.find((m) => m.kind === "function" && m.name.startsWith(`${n.name}.`));
      if (n.kind === "module") expect(member, n.name).toBeDefined();
      const src = n.kind === "constant" ? `lambda x: ${n.name}` : `lambda x: jax.vmap(${n.kind === "module" ? member!.name : n.name})`;
      expect(() => parseLambda(src), n.name).not.toThrow();
    }
    // And a name not in the list is refused by the parser.
    expect(() => parseLambda("lambda x: jnp.cumsum(x)")).toThrow(EngineError);
  });
});

describe("error ranges", () => {
  it("cover the name, one character, or an empty point at the line's end", () => {
    const src = "lambda a, b: a + jnp.foo(b)";
    let err: EngineError | null = null;
    try {
      parseLambda(src);
    } catch (e) {
      err = e as EngineError;
    }
    const at = sourcePosition(src, err!.column!);
    const r = errorRange(src, at)!;
    expect(src.slice(r.from, r.to)).toMatch(/^\.?foo$/);
    expect(errorRange("lambda a: (a +\n  b ** )", { line: 2, column: 8 })).toEqual({ from: 22, to: 23 });
    expect(errorRange("lambda a: (a", { line: 1, column: 13 })).toEqual({ from: 12, to: 12 });
    expect(errorRange("lambda a: a", { line: 3, column: 1 })).toBe(null);
  });

  it("sourcePosition counts lines and columns as the syntax error's text does", () => {
    const src = "lambda a, b: (a +\n  b ** )";
    let err: EngineError | null = null;
    try {
      parseLambda(src);
    } catch (e) {
      err = e as EngineError;
    }
    const at = sourcePosition(src, err!.column!);
    expect(err!.message).toContain(`line ${at.line}, column ${at.column}`);
    expect(sourcePosition("ab\ncd", 4)).toEqual({ line: 2, column: 1 });
    expect(sourcePosition("ab", 3)).toEqual({ line: 1, column: 3 });
  });
});
