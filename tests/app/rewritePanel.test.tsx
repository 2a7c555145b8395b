// @vitest-environment jsdom
// "How vmap rewrote the program" in the jit panel, for every preset: both jaxprs are make_jaxpr's
// own, every variable of the batched jaxpr that depends on a mapped argument shows its batch
// axis (and only those), the equations vmap added are flagged, and hovering a row links it to
// its shape-story line.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { canvasesPaintNothing } from "./jsdomPage";
import { makeJaxpr, vmap, vmapRewrite, type EngineError } from "../../engine/index";
import { resetJitCaches } from "../../app/panels/jit/jitModel";
import { selectRewrite } from "../../app/panels/rewrite/rewriteModel";
import { PRESETS } from "../../app/state/presets";
import { useStore } from "../../app/state/store";
import { vmapCall } from "../../app/state/engineBridge";
import { typeInto } from "./typeInto";
import { besideCaughtUp, besideLoaded } from "../helpers/beside";

// Big grids on canvases as in a browser (jsdomPage.ts): the 5-d preset's thousands of SVG cells
// are not what this file tests.
vi.mock("../../app/viz/canvasSupport", () => ({ canvasAvailable: () => true }));
beforeAll(canvasesPaintNothing);
afterEach(cleanup);

/** What vmap itself raises for the error case below (the explorer shows the same words). */
function vmapErrorText(): string {
  const call = vmapCall(useStore.getState().explorer);
  if (!call.parsed.ok) throw new Error("does not parse");
  if (!call.args.ok) throw new Error("no arguments");
  try {
    vmap(call.parsed.fn, call.inAxes, call.outAxes)(...call.args.values);
  } catch (e) {
    const err = e as EngineError;
    return `${err.pyType}: ${err.message}`;
  }
  throw new Error("no error");
}

async function settle() {
  await act(() => new Promise<void>((r) => setTimeout(r, 40)));
  await waitFor(() => expect(document.querySelector('.panel[aria-busy="true"]')).toBeNull(), { timeout: 5000 });
}

/** A fresh page with the jit panel's rewrite section loaded. */
async function start() {
  resetJitCaches();
  selectRewrite.reset();
  renderApp();
  await screen.findByRole("heading", { name: "How vmap rewrote the program" }, { timeout: 10_000 });
}

const table = () => screen.getByRole("table", { name: "How vmap rewrote the program" });

describe("How vmap rewrote the program", () => {
  it("pairs the jaxprs for every preset: batch axes marked, added equations flagged", async () => {
    await start();
    for (const p of PRESETS) {
      fireEvent.change(screen.getByLabelText("Presets"), { target: { value: p.id } });
      await settle();
      const s = useStore.getState();
      const call = vmapCall(s.explorer);
      if (!call.parsed.ok || !call.args.ok) throw new Error(`preset ${p.id} does not run`);
      const args = call.args.values;
      const want = vmapRewrite(call.parsed.fn, call.inAxes, call.outAxes, args, call.opts);
      // The batched text is make_jaxpr(vmap(f))'s, and the table shows each of its equations once.
      expect(want.batched.text, p.id).toBe(makeJaxpr(vmap(call.parsed.fn, call.inAxes, call.outAxes, call.opts))(...args).toString());
      const rows = within(table()).getAllByRole("row").filter((r) => r.classList.contains("rw-row"));
      const batchedCells = rows.map((r) => r.querySelectorAll("td")[1].querySelector(".rw-eqn")?.textContent ?? null).filter((t) => t !== null);
      expect(batchedCells, p.id).toEqual(want.batched.eqns.map((e) => e.text));
      const perCells = rows.map((r) => r.querySelectorAll("td")[0].querySelector(".rw-eqn")?.textContent ?? null).filter((t) => t !== null);
      expect(perCells, p.id).toEqual(want.perExample.eqns.map((e) => e.text));
      // Every batched variable that depends on a mapped input shows its batch axis, of size B.
      const dep = new Set(want.batched.invars.filter((v) => v.bdim !== null).map((v) => v.name));
      // ... and so does a broadcast vmap added to give an unmapped operand the batch axis (a
      // batched index's constant start, JAX `_batch_dynamic_slice_indices`).
      const broadcastByVmap = (e: (typeof want.batched.eqns)[number]) => e.origin.kind === "added" && / = broadcast_in_dim\[/.test(e.text);
      for (const e of want.batched.eqns) if (e.inputs.some((x) => dep.has(x.name)) || broadcastByVmap(e)) e.outputs.forEach((o) => dep.add(o.name));
      const chips = [...rows.map((r) => r.querySelectorAll("td")[1]), table().querySelectorAll(".rw-io td")[1]].flatMap((td) => [
        ...td.querySelectorAll<HTMLElement>(".rw-var"),
      ]);
      expect(chips.length).toBeGreaterThan(0);
      for (const chip of chips) {
        const name = chip.dataset.var!;
        const marked = chip.querySelector(".dim.mapped");
        if (dep.has(name)) {
          expect(chip.dataset.bdim, `${p.id}: ${name}`).not.toBe("none");
          expect(marked?.textContent, `${p.id}: ${name}`).toBe(String(want.axisSize));
          expect(chip.textContent).toContain(`batch at ${chip.dataset.bdim}`);
        } else {
          expect(chip.dataset.bdim, `${p.id}: ${name}`).toBe("none");
          expect(marked).toBeNull();
        }
      }
      // Added equations are flagged, each with the reason; the others are not.
      const added = want.batched.eqns.filter((e) => e.origin.kind === "added").map((e) => e.text);
      const flagged = rows.filter((r) => r.classList.contains("rw-added"));
      expect(flagged.map((r) => r.querySelector("td:last-child .rw-eqn")!.textContent), p.id).toEqual(added);
      flagged.forEach((r) => expect(r.textContent).toMatch(/added by vmap: /));
    }
  }, 120_000);

  it("the 5-d add with out_axes=3 flags the transpose to out_axes; hovering a row lights its shape-story line", async () => {
    await start();
    fireEvent.change(screen.getByLabelText("Presets"), { target: { value: "add-5d" } });
    await settle();
    await besideCaughtUp();
    const rows = within(table()).getAllByRole("row").filter((r) => r.classList.contains("rw-row"));
    const moved = rows.find((r) => r.dataset.owner === "out_axes")!;
    expect(moved.className).toContain("rw-added");
    expect(moved.textContent).toMatch(/transpose\[permutation=\(1, 2, 3, 0, 4, 5\)\]/);
    expect(moved.textContent).toContain("moves the result's batch axis to out_axes");
    // The add row: hovering it highlights the story line of `add` in the explorer's shape story.
    const addRow = rows.find((r) => / = add /.test(r.querySelectorAll("td")[1].textContent ?? ""))!;
    await besideLoaded();
    fireEvent.mouseEnter(addRow);
    const story = screen.getByRole("region", { name: "Shape story" });
    const linked = story.querySelectorAll("li.linked");
    expect(linked).toHaveLength(1);
    expect(linked[0].textContent).toMatch(/^add/);
    expect(addRow.className).toContain("rw-hot");
    fireEvent.mouseLeave(table());
    expect(story.querySelectorAll("li.linked")).toHaveLength(0);
  }, 30_000);

  it("an error is shown as in the explorer and the rest of the panel keeps working", async () => {
    await start();
    typeInto("Function", "lambda a, b: jnp.dot(a, jnp.concatenate([b, b]))");
    await settle();
    const section = screen.getByRole("heading", { name: "How vmap rewrote the program" }).closest("section")!;
    const status = within(section).getByRole("status");
    expect(status.textContent).toBe(vmapErrorText());
    expect(status.textContent).toMatch(/^TypeError: dot_general requires contracting dimensions/);
    expect(screen.getByLabelText("jit code")).toBeTruthy();
  }, 30_000);
});
