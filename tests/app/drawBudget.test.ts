/**
 * The drawing budget (issue 15): up to 100,000 cells in all arrays together are drawn as cells
 * (on canvas above a few hundred), above that as shape blocks. The count is the view's, from the
 * engine's shapes: the arguments as the state sets them and the outputs as vmap returns them.
 */
import { describe, expect, it } from "vitest";
import { decodeExplorer } from "../../app/state/urlState";
import { selectView } from "../../app/state/selectors";

const enc = encodeURIComponent;
const link = (f: string, args: [string, string, string][]) =>
  [`f=${enc(f)}`, ...args.flatMap(([n, shape, ax]) => [`shape.${n}=${enc(shape)}`, `in.${n}=${ax}`]), "out=0"].join("&");

function viewOf(hash: string) {
  const r = decodeExplorer(hash);
  if (!r.ok) throw new Error(r.notice);
  return selectView(r.state, null);
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

describe("the drawing budget", () => {
  it.each([
    ["(64,128) @ (128,64), in_axes (0, None)", link("lambda a, b: a @ b", [["a", "(64,128)", "0"], ["b", "(128,64)", "None"]]), [[64, 128], [128, 64]], [64, 64]],
    ["jnp.dot of (8,64,128) and (128,), in_axes (0, None)", link("lambda m, v: jnp.dot(m, v)", [["m", "(8,64,128)", "0"], ["v", "(128,)", "None"]]), [[8, 64, 128], [128]], [8, 64]],
    ["(4,64,128) * (4,64,128), in_axes (0, 0)", link("lambda a, b: a * b", [["a", "(4,64,128)", "0"], ["b", "(4,64,128)", "0"]]), [[4, 64, 128], [4, 64, 128]], [4, 64, 128]],
  ])("draws %s as cells", (_name, hash, inputs, output) => {
    const v = viewOf(hash);
    expect(v.error).toBeNull();
    expect(v.shown?.outputs[0].shape).toEqual(output);
    expect(v.cellCount).toBe(inputs.reduce((n, s) => n + size(s), 0) + size(output));
    expect(v.cellCount).toBeLessThanOrEqual(100_000);
    expect(v.blocks).toBe(false);
  });

  it("draws (8,64,128) * (8,64,128) (196,608 cells) as shape blocks", () => {
    const v = viewOf(link("lambda a, b: a * b", [["a", "(8,64,128)", "0"], ["b", "(8,64,128)", "0"]]));
    expect(v.cellCount).toBe(3 * 65_536);
    expect(v.blocks).toBe(true);
  });
});
