// @vitest-environment jsdom
/**
 * Indexing by values in the app: the "indices" fill (int values, their Python, the link),
 * the gather preset's story and readout, and the arrows' pure geometry.
 */
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { fillDtype, leafValues, uniqueFill } from "../../app/state/fills";
import { pythonCode } from "../../app/state/codegen";
import { decodeExplorer, encodeExplorer } from "../../app/state/urlState";
import { presetById } from "../../app/state/presets";
import { vmapCall } from "../../app/state/engineBridge";
import { arrowPath } from "../../app/viz/arrows";
import { useStore } from "../../app/state/store";
import { renderApp } from "./renderApp";
import { besideCaughtUp } from "../helpers/beside";

afterEach(cleanup);

describe("the indices fill", () => {
  it("counts 0, 1, 2 and round again, as JAX's default int, in the engine and in the Python", () => {
    expect(Array.from(leafValues([5], "indices", 1, uniqueFill([5, 5])))).toEqual([0, 1, 2, 0, 1]);
    expect(fillDtype("indices", false)).toBe("int32");
    expect(fillDtype("indices", true)).toBe("int64");
    const s = presetById("gather")!.state;
    const call = vmapCall(s);
    if (!call.args.ok) throw new Error("no args");
    expect(call.args.leafDtypes).toEqual(["float32", "int32"]);
    expect((call.args.values[1] as { dtype: string }).dtype).toBe("int32");
    expect(pythonCode(s, ["x", "i"], false)).toContain("i = jnp.array([0, 1, 2, 0])");
  });

  it("survives the link; an unknown fill is refused by name", () => {
    const s = presetById("gather")!.state;
    const back = decodeExplorer(encodeExplorer(s)).state;
    expect(back.args.get("i")?.fill).toBe("indices");
    const bad = decodeExplorer(encodeExplorer(s).replace("fill.i=indices", "fill.i=ints"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(`${bad.notice} ${bad.why}`).toMatch(/fill of i is unknown/);
  });
});

describe("the gather preset on the page", () => {
  it("says vmap turned dynamic_slice into gather, and the readout names the chosen cells", async () => {
    renderApp();
    fireEvent.change(screen.getByLabelText("Presets"), { target: { value: "gather" } });
    await waitFor(() => expect(screen.getByLabelText("Output shape").textContent).toBe("(4, 4)"));
    await besideCaughtUp();
    const story = screen.getByRole("region", { name: "Shape story" });
    expect(story.textContent).toMatch(/dynamic_slice.*vmap turned it into gather/);
    // i = [0, 1, 2, 0]: out[3, 2] = x[0, 2] = 2, chosen by i[3].
    act(() => useStore.getState().setHover({ side: "out", leaf: 0, cell: 14 }));
    await waitFor(() => expect(screen.getByText(/^out\[3, 2\] = /).textContent).toBe("out[3, 2] = 2.0, from k = 3 ← x[0, 2], chosen by i[3]"));
  });
});

describe("arrow geometry", () => {
  it("runs from inside the source cell to a tip inside the target cell, bowed sideways", () => {
    const d = arrowPath({ x: 110, y: 20, size: 40 }, { x: 110, y: 220, size: 40 }, { left: 10, top: 20 });
    const [m, q] = d.split(" Q");
    const [x1, y1] = m.slice(1).split(",").map(Number);
    const [, end] = q.split(" ");
    const [x2, y2] = end.split(",").map(Number);
    expect([x1, y1]).toEqual([100, 12]); // 0.3 of a cell below the source centre (100, 0)
    expect([x2, y2]).toEqual([100, 190]); // a quarter cell above the target centre (100, 200)
    // The control point sits a sixth of the centre distance (200) off the straight line.
    expect(Number(q.split(",")[0])).toBeCloseTo(100 - 200 / 6, 1);
  });
});
