/**
 * The picture: argument grids, the function box, the output grids, in one frame computed from
 * (trace, k, phase) by viz/timeline.ts. Above the cell budget the arrays are drawn as shape
 * blocks with a notice; while an error shows or a big call computes in the background
 * (state/compute.ts), the last good output stays, dimmed.
 */
import { staleNote } from "./staleNote";
import { useMemo, useRef } from "react";
import { useCellTexts, useHighlight, useInputLeaves, useView } from "../state/hooks";
import { useStore } from "../state/store";
import { CELL_BUDGET } from "../state/selectors";
import { useReducedMotion } from "../viz/useReducedMotion";
import type { Frame } from "../viz/timeline";
import { ArgumentGrid } from "./ArgumentGrid";
import { pyShape } from "../../engine";
import { OutputLeafGrid, outputShapeText } from "./OutputGrid";
import { PHASE_MS } from "./PlaybackControls";
import { HoverReadout } from "./HoverReadout";
import { ComputeStatus } from "./ComputeStatus";
import { CellLocatorContext, CellLocators } from "./cellLocators";
import { GatherArrowsSlot } from "./PictureSlots";

export function outputName(path: string, tree: string): string {
  return tree === "array" ? "out" : `out${path}`;
}

export function Stage() {
  const view = useView();
  const leaves = useInputLeaves();
  const highlight = useHighlight();
  const texts = useCellTexts();
  const k = useStore((s) => s.k);
  const phase = useStore((s) => s.phase);
  const speed = useStore((s) => s.speed);
  const reduced = useReducedMotion();
  const story = view.shown;
  const B = story?.axisSize ?? 0;
  const kk = story && k !== null && k < B ? k : null;
  const frame: Frame = useMemo(() => ({ k: kk, phase, B }), [kk, phase, B]);
  const duration = reduced ? 0 : Math.round((PHASE_MS * 0.85) / speed);
  const shapeText = story ? outputShapeText(story.outputs, story.outputTree) : "—";
  const locators = useMemo(() => new CellLocators(), []);
  const stageRef = useRef<HTMLElement>(null);
  // A lesson's question waits for its answer: the results stay hidden until it is given.
  const conceal = useStore((s) => s.lessonConceal);

  return (
    <CellLocatorContext.Provider value={locators}>
    <section className="stage" aria-label="Arrays" aria-busy={view.computing} ref={stageRef}>
      <ComputeStatus />
      {/* Over the engine's limit nothing was computed: the too-large alert alone says so. */}
      {view.blocks && view.error?.kind !== "too-large" && (
        <p className="notice" role="status">
          These arrays have {view.cellCount.toLocaleString("en-US")} cells together, more than {CELL_BUDGET.toLocaleString("en-US")}: they are computed but drawn as shape blocks, not cells.
        </p>
      )}
      <div className="inputs">
        {leaves.map((l) =>
          view.blocks ? (
            <div key={l.leaf} className="block" role="img" aria-label={`Argument ${l.label}, shape ${pyShape(l.shape)}`}>
              <strong>{l.label}</strong> {pyShape(l.shape)}
              {l.axis !== null && <span className="note"> mapped along axis {l.axis}</span>}
            </div>
          ) : (
            <ArgumentGrid key={`${l.leaf}:${l.label}`} leaf={l} frame={frame} duration={duration} highlight={highlight.get(`in:${l.leaf}`)} texts={texts.inputs[l.leaf] ?? null} />
          ),
        )}
      </div>
      <div className={`fbox${kk !== null && phase === 1 ? " active" : ""}`} aria-hidden="true">
        ↓ f applied to each k, results stacked ↓
      </div>
      {conceal && <p className="outshape concealed-note">The output is hidden until you answer the question above.</p>}
      <div className={`outputs${view.stale ? " stale" : ""}`} hidden={conceal}>
        <p className="outshape">
          Output shape: <output aria-label="Output shape" data-stale={view.stale ? "true" : "false"}>{shapeText}</output>
          {story && staleNote(view) && <span className="note"> ({staleNote(view)})</span>}
        </p>
        {story?.outputs.map((o, i) =>
          view.blocks ? (
            <div key={i} className="block" role="img" aria-label={`Output ${outputName(o.path, story.outputTree)}, shape ${pyShape(o.shape)}`}>
              <strong>{outputName(o.path, story.outputTree)}</strong> {pyShape(o.shape)}
            </div>
          ) : (
            <OutputLeafGrid
              key={i}
              out={o}
              name={outputName(o.path, story.outputTree)}
              data={story.values[i].data.length <= 64 ? story.values[i].data : null}
              dtype={story.values[i].dtype}
              B={B}
              frame={frame}
              duration={duration}
              highlight={highlight.get(`out:${i}`)}
              symbolic={texts.symbolicOutputs[i] ?? false}
              texts={texts.outputs[i] ?? null}
            />
          ),
        )}
      </div>
      <HoverReadout />
      <GatherArrowsSlot stage={stageRef} />
    </section>
    </CellLocatorContext.Provider>
  );
}
