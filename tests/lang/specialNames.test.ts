/**
 * User text is never a key with a meaning in JavaScript: parameters, dict keys, in_axes dicts and
 * keyword arguments named `__proto__`, `constructor`, `toString`, `valueOf`, `hasOwnProperty` are
 * ordinary names (Maps and null-prototype objects).
 */
import { describe, expect, it } from "vitest";
import { EngineError, grad, jit, makeJaxpr, np, parseLambda, vmap, type NDArray } from "../../engine";

const SPECIAL = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"];
const x = np.array([0, 1, 2]); // float32: grad refuses int inputs, as JAX does
const list = (v: unknown) => (v as NDArray).tolist();

/** A dict argument with one key, made the way a JSON payload would be (an ordinary own key). */
const dictOf = (key: string, value: unknown): Record<string, unknown> => JSON.parse(`{"${key}": 0}`, (k, v) => (k === key ? value : v));

describe.each(SPECIAL)("the name %s", (name) => {
  it("is an ordinary parameter", () => {
    expect(list(parseLambda(`lambda ${name}: ${name} * 2`)(x))).toEqual([0, 2, 4]);
    expect(list(parseLambda(`lambda a, ${name}: a + ${name}`)(x, x))).toEqual([0, 2, 4]);
    expect(list(parseLambda(`lambda a: (lambda ${name}: ${name} + 1)(${name}=a)`)(x))).toEqual([1, 2, 3]);
    expect(list(vmap(parseLambda(`lambda ${name}: ${name} * 2`))(x))).toEqual([0, 2, 4]);
  });

  it("is an ordinary dict key, in arguments and results, under vmap, grad and jit", () => {
    const p = dictOf(name, x);
    expect(Object.hasOwn(p, name)).toBe(true);
    expect(list(parseLambda(`lambda p: p['${name}'] * 2`)(p))).toEqual([0, 2, 4]);
    const out = parseLambda(`lambda a: {'${name}': a, 'other': a + 1}`)(x) as Record<string, NDArray>;
    expect(Object.keys(out).sort()).toEqual([name, "other"].sort());
    expect(list(out[name])).toEqual([0, 1, 2]);
    const mapped = vmap(parseLambda(`lambda p: {'${name}': p['${name}'] * 2}`), [{ [name]: 0 }])(p) as Record<string, NDArray>;
    expect(Object.hasOwn(mapped, name) && list(mapped[name])).toEqual([0, 2, 4]);
    const g = grad(parseLambda(`lambda p: jnp.sum(p['${name}'] ** 2)`))(p) as Record<string, NDArray>;
    expect(Object.hasOwn(g, name) && list(g[name])).toEqual([0, 2, 4]);
    const j = jit(parseLambda(`lambda p: {'${name}': p['${name}'] + 1}`))(p) as Record<string, NDArray>;
    expect(Object.hasOwn(j, name) && list(j[name])).toEqual([1, 2, 3]);
    expect(String(makeJaxpr(parseLambda(`lambda p: p['${name}'] * 2`))(p))).toContain("mul");
  });

  it("is an ordinary key of a null-prototype dict, as arguments, in_axes and results", () => {
    const p = Object.create(null) as Record<string, unknown>;
    Object.defineProperty(p, name, { value: x, enumerable: true });
    const axes = Object.create(null) as Record<string, unknown>;
    Object.defineProperty(axes, name, { value: 0, enumerable: true });
    expect(list(vmap(parseLambda(`lambda p: p['${name}'] * 2`), [axes])(p))).toEqual([0, 2, 4]);
    const g = grad(parseLambda(`lambda p: jnp.sum(p['${name}'] ** 2)`))(p) as Record<string, NDArray>;
    expect(Object.getPrototypeOf(g)).toBeNull();
    expect(list(g[name])).toEqual([0, 2, 4]);
  });

  it("is an ordinary in_axes dict key in the lambda language", () => {
    const f = parseLambda(`lambda a: jax.vmap(lambda p: p['${name}'] * 2, in_axes=({'${name}': 0},))({'${name}': a})`);
    expect(list(f(x))).toEqual([0, 2, 4]);
  });

  it("is a missing key, not an inherited one, on a dict without it", () => {
    const e = (() => {
      try {
        parseLambda(`lambda p: p['${name}']`)({ w: x });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).pyType).toBe("KeyError");
    expect((e as EngineError).message).toBe(`'${name}'`);
  });

  it("is an unexpected keyword argument, not an inherited option", () => {
    expect(() => parseLambda(`lambda a: jnp.sum(a, ${name}=1)`)(x)).toThrow(`got an unexpected keyword argument '${name}'`);
  });
});
