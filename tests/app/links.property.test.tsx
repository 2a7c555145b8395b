// @vitest-environment jsdom
// Property: no link and no parameter name can break the page. Random parameter names (every
// Object.prototype member, __proto__, unicode identifiers, plain ones) and random links (any
// string, mutated valid links) go through the URL decoder and the rendered explorer: the page
// always shows either the state or the fallback notice, never throws, never goes blank, and no
// region falls back to its error boundary. fast-check prints the seed of a failing case.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { App } from "../../app/App";
import { argFor, defaultExplorer, formatArgTree } from "../../app/state/explorerTypes";
import { PRESETS } from "../../app/state/presets";
import { selectView } from "../../app/state/selectors";
import { resetStore, useStore } from "../../app/state/store";
import { syncUrl } from "../../app/state/urlSync";
import { decodeExplorer, encodeExplorer } from "../../app/state/urlState";
import { typeInto } from "./typeInto";

afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/");
});

const PROTO_NAMES = [...Object.getOwnPropertyNames(Object.prototype), "__proto__", "prototype"];
const ASCII_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const nameArb = fc.oneof(
  fc.constantFrom(...PROTO_NAMES),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/),
  // Python identifiers the engine's ASCII tokenizer refuses: the page must say so, not break.
  fc.constantFrom("é", "αβ", "变量", "x_ü", "ñame", "Δt"),
);
const namesArb = fc.uniqueArray(nameArb, { minLength: 1, maxLength: 3 });
const shapeArb = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 });
const axisArb = fc.option(fc.integer({ min: -3, max: 3 }), { nil: null });

const pyTuple = (xs: (number | null)[]) => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.map((x) => (x === null ? "None" : x)).join(", ")})`);

/** A link as the page would write one, for these names (valid or not for the decoder). */
const linkArb = fc
  .record({
    names: namesArb,
    shapes: fc.array(shapeArb, { minLength: 3, maxLength: 3 }),
    axes: fc.array(axisArb, { minLength: 3, maxLength: 3 }),
    out: axisArb,
    op: fc.constantFrom("+", "*", "-"),
  })
  .map(({ names, shapes, axes, out, op }) => {
    const q = new URLSearchParams({ f: `lambda ${names.join(", ")}: ${names.join(` ${op} `)}` });
    names.forEach((n, i) => {
      q.set(`shape.${n}`, pyTuple(shapes[i]));
      q.set(`in.${n}`, axes[i] === null ? "None" : String(axes[i]));
    });
    q.set("out", out === null ? "None" : String(out));
    return `#${q.toString()}`;
  });

/** A valid link with a few characters inserted, deleted or replaced. */
const mutatedArb = fc
  .tuple(
    fc.constantFrom(...PRESETS.map((p) => `#${encodeExplorer(p.state)}`)),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom("ins", "del", "rep"), fc.string({ unit: "binary", minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 4 }),
  )
  .map(([link, edits]) => {
    let s = link;
    for (const [at, how, text] of edits) {
      const i = at % (s.length + 1);
      s = how === "ins" ? s.slice(0, i) + text + s.slice(i) : how === "del" ? s.slice(0, i) + s.slice(i + text.length) : s.slice(0, i) + text + s.slice(i + text.length);
    }
    return s;
  });

const anyLinkArb = fc.oneof(
  { arbitrary: linkArb, weight: 3 },
  { arbitrary: mutatedArb, weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 60 }).map((s) => `#${s}`), weight: 1 },
  { arbitrary: fc.string({ maxLength: 60 }), weight: 1 },
);

describe("the URL decoder", () => {
  it("returns a writable state, or the default with a notice, for any link", () => {
    fc.assert(
      fc.property(anyLinkArb, (hash) => {
        const r = decodeExplorer(hash);
        if (r.ok) {
          // What was read writes back to a link that reads the same (the link holds the
          // lambda's own parameters; entries for others stay out of it).
          const link = encodeExplorer(r.state);
          const again = decodeExplorer(link);
          expect(again.ok).toBe(true);
          expect(encodeExplorer(again.state)).toBe(link);
        } else {
          expect(r.state).toEqual(defaultExplorer());
          expect(r.notice).toMatch(/^This link could not be read \(.+\), so the default example is shown\.$/s);
          expect(r.notice).not.toMatch(/undefined|\[object|NaN/);
        }
      }),
      { numRuns: Number(process.env.LINK_RUNS ?? 400) },
    );
  });

  it("keeps every ASCII parameter name, Object.prototype members included, through a link", () => {
    fc.assert(
      fc.property(linkArb, (hash) => {
        const r = decodeExplorer(hash);
        const names = new URLSearchParams(hash.slice(1)).get("f")!.replace(/^lambda /, "").split(":")[0].split(", ");
        // The engine reads ASCII identifiers only; a link with another name is refused whole.
        expect(r.ok).toBe(names.every((n) => ASCII_NAME.test(n)));
        if (!r.ok) return;
        expect([...r.state.args.keys()].sort()).toEqual([...names].sort());
        expect([...r.state.inAxes.keys()].sort()).toEqual([...names].sort());
      }),
      { numRuns: 300 },
    );
  });
});

/** The page for `hash`: what main.tsx does (the URL sync reads it, then React renders). */
function openPage(hash: string) {
  resetStore();
  window.history.replaceState(null, "", "/");
  window.location.hash = hash.startsWith("#") ? hash.slice(1) : hash;
  const stop = syncUrl(useStore, window);
  try {
    render(<App />);
  } finally {
    stop();
  }
}

/** Either the state is on the page or the notice says the link was not read; no region broke. */
function expectStateOrNotice() {
  const { explorer, notice } = useStore.getState();
  expect(document.body.textContent ?? "").not.toBe("");
  expect(document.querySelector("[data-region]")).toBeNull();
  expect((screen.getByLabelText("Function") as HTMLTextAreaElement).value).toBe(explorer.fnSource);
  if (notice) expect(screen.getAllByRole("status").some((el) => el.textContent?.includes("could not be read"))).toBe(true);
}

describe("the rendered explorer", () => {
  it("shows the state or the fallback notice for any link", () => {
    fc.assert(
      fc.property(anyLinkArb, (hash) => {
        cleanup();
        openPage(hash);
        expectStateOrNotice();
        // Every parameter of the shown function has its shape editor showing its argument.
        const s = useStore.getState().explorer;
        for (const n of selectView(s).params) {
          expect((screen.getByLabelText(`Shape of ${n}`) as HTMLInputElement).value).toBe(formatArgTree(argFor(s, n).tree));
        }
      }),
      { numRuns: 16 },
    );
  });

  it("keeps typed parameter names, any of them, as the function's arguments", () => {
    fc.assert(
      fc.property(namesArb, (names) => {
        cleanup();
        openPage("");
        const src = `lambda ${names.join(", ")}: ${names.join(" + ")}`;
        typeInto("Function", src);
        expectStateOrNotice();
        expect((screen.getByLabelText("Function") as HTMLTextAreaElement).value).toBe(src);
        if (names.every((n) => ASCII_NAME.test(n))) {
          for (const n of names) expect(screen.getByLabelText(`Shape of ${n}`)).toBeTruthy();
          // Every argument is the default 2×2 array mapped along 0: the sum has shape (2, 2).
          expect(screen.getByLabelText("Output shape").textContent).toBe("(2, 2)");
        } else {
          expect(screen.getByRole("alert").getAttribute("data-kind")).toBe("syntax");
        }
      }),
      { numRuns: 12 },
    );
  });
});
