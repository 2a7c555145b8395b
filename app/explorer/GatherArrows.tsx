/**
 * Indexing by values, drawn: while a cell is hovered in a program that gathers or scatters
 * (a primitive the engine marks `byValue`), arrows run from the input cells that were chosen
 * (solid: the value; dashed: the index that chose it) to the output cell, or from a hovered
 * input cell to every output cell it went to. Positions come from the grids' locators
 * (cellLocators.ts), measured when the hover changes; the geometry is app/viz/arrows.ts.
 * Decorative (aria-hidden): the readout says the same in words.
 */
import { useContext, useLayoutEffect, useState, type RefObject } from "react";
import { useHover, useInputLeaves, useProvenance, useView } from "../state/hooks";
import { arrowPath, type Arrow } from "../viz/arrows";
import { useStore } from "../state/store";
import { CellLocatorContext } from "./cellLocators";
import { PHASE_MS } from "./PlaybackControls";

/** Past this many arrows the picture is a tangle: the highlight alone shows them. */
const MAX_ARROWS = 24;

export function GatherArrows({ stage }: { stage: RefObject<HTMLElement | null> }) {
  const hover = useHover();
  const prov = useProvenance();
  const { shown: story, stale } = useView();
  const leaves = useInputLeaves();
  const reg = useContext(CellLocatorContext);
  const [arrows, setArrows] = useState<Arrow[]>([]);
  const byValue = story?.primitives.some((p) => p.byValue) ?? false;

  // Playback moves cells (a slice lifts out, a result lands): measure again when the frame
  // changes and once its transition has ended (under 2 × PHASE_MS at half speed).
  const frame = useStore((st) => `${st.k}:${st.phase}:${st.playing}`);

  useLayoutEffect(() => {
    const measure = () => {
      // Measured only when arrows are drawn: a layout read after every commit forced a layout.
      const box = byValue && !stale && hover && prov && reg ? stage.current?.getBoundingClientRect() : undefined;
      if (!byValue || stale || !hover || !prov || !reg || !box) return setArrows((a) => (a.length ? [] : a));
      const out: Arrow[] = [];
      const isIndex = (l: number) => leaves[l]?.dtype === "int32" || leaves[l]?.dtype === "int64";
      const add = (fromKey: string, fromCell: number, toKey: string, toCell: number, index: boolean) => {
        const a = reg.locate(fromKey, fromCell);
        const b = reg.locate(toKey, toCell);
        if (a && b) out.push({ d: arrowPath(a, b, box), index });
      };
      if (hover.side === "out") {
        const src = prov.source(hover.leaf, hover.cell);
        src?.sources.forEach((cells, l) => cells.forEach((c) => add(`in:${l}`, c, `out:${hover.leaf}`, hover.cell, isIndex(l))));
      } else {
        for (const u of prov.users(hover.leaf, hover.cell)) add(`in:${hover.leaf}`, hover.cell, `out:${u.out}`, u.cell, isIndex(hover.leaf));
      }
      setArrows(out.length > MAX_ARROWS ? [] : out);
    };
    measure();
    const again = setTimeout(measure, 2 * PHASE_MS);
    return () => clearTimeout(again);
  }, [byValue, stale, hover, prov, reg, leaves, stage, frame]);

  if (arrows.length === 0) return null;
  return (
    <svg className="gather-arrows" aria-hidden="true" data-testid="gather-arrows">
      <defs>
        <marker id="gather-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
      {arrows.map((a, i) => (
        <path key={i} d={a.d} className={a.index ? "index" : "value"} markerEnd="url(#gather-head)" />
      ))}
    </svg>
  );
}
