import { describe, expect, it } from "vitest";
import { compare, errorKind, loadOracleCases, loadSemanticsCases, runCase, type OracleCase } from "../helpers/fixtures";

function check(c: OracleCase) {
  const { result, error } = runCase(c);
  if ("error" in c.expect) {
    expect(error, `expected ${c.expect.error}`).toBeDefined();
    expect(errorKind(error)).toBe(c.expect.error);
  } else {
    if (error) throw error;
    expect(compare(result, c.expect)).toBeNull();
  }
}

const oracle = loadOracleCases();

// The oracle file lives beside the repository, not in it: without it these are reported as
// skipped, never as passing.
describe.skipIf(!oracle.file)("oracle fixtures (vmap-oracle.public.json), every case, unchanged", () => {
  it("the fixture file holds cases", () => {
    expect(oracle.cases.length).toBeGreaterThan(0);
  });
  for (const c of oracle.cases) it(c.id, () => check(c));
});

describe("worked cases of our vmap-semantics notes", () => {
  for (const c of loadSemanticsCases()) it(c.id, () => check(c));
});
