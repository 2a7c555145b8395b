// importJax never throws and never fails with an internal error: whatever is pasted (the issue's
// example with characters deleted, inserted or swapped, or arbitrary text), it answers with the
// call or with an EngineError that has a line and column inside the text.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadImporter, type ImportResult } from "../../engine/index";
import { PREDICT_EXAMPLE } from "../../app/importer/example";

let importJax: (src: string) => ImportResult;
beforeAll(async () => {
  ({ importJax } = await loadImporter());
});

const PIECES = ["(", ")", "[", "]", ":", ",", "\n", "    ", "=", "def ", "return ", "for ", "lambda ", "jax.vmap(", "jnp.", "@", '"""', "#", "\\", "'", "*", "**", "+=", ";", "0", "1.5", "None", "x", "in_axes=", "print("];

function checked(src: string): void {
  const r = importJax(src);
  if (r.ok) return;
  expect(r.error.message).not.toMatch(/^Internal error/);
  expect(r.error.message).not.toMatch(/undefined|\[object Object\]|NaN/);
  const lines = src.split("\n").length;
  expect(r.line).toBeGreaterThanOrEqual(1);
  expect(r.line).toBeLessThanOrEqual(lines);
  expect(r.column).toBeGreaterThanOrEqual(1);
}

describe("importJax on mangled snippets", () => {
  it("answers every edit of the example with the call or a located EngineError", () => {
    const edit = fc.tuple(fc.nat(PREDICT_EXAMPLE.length), fc.nat(6), fc.constantFrom(...PIECES));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let src = PREDICT_EXAMPLE;
        for (const [at, del, ins] of edits) {
          const i = Math.min(at, src.length);
          src = src.slice(0, i) + ins + src.slice(i + del);
        }
        checked(src);
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it("answers arbitrary text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => checked(s)), { numRuns: 300, seed: 17 });
  });
});
