/**
 * Play / pause / step / scrub over k / speed. The store holds only { playing, k, phase, speed };
 * Step ▶ and ◀ Back move one phase (take the slices, apply f, place the result) and Play walks the
 * same phases on a timer (playbackSlice.ts). Space and the arrow keys drive it too (actions.ts).
 * With reduced motion the steps still come, instantly. The caption narrates each phase
 * (viz/narration.ts) with the slices' cells and the engine's expression of each result cell.
 */
import { useEffect, useMemo } from "react";
import { useCellTexts, useInputLeaves, useView, useViewPart, type InputLeaf } from "../state/hooks";
import type { VmapStory } from "../../engine/index";
import type { VmapCall } from "../state/engineBridge";
import { SPEEDS } from "../state/playbackSlice";
import { useStore, useStoreApi } from "../state/store";
import { SYMBOL_WRITER, type CellTexts, type SymbolWriter } from "../state/symbols";
import { workingText } from "../viz/numberText";
import type { NarratedInput, NarratedOutput } from "../viz/narration";
import { lazyModule, useLazyModule, usePrefetchWhenIdle } from "../state/lazyModule";
import { idleAfter } from "../state/idleAfter";
import { outputName } from "./Stage";

/** Milliseconds per phase at speed 1. */
export const PHASE_MS = 420;

const PHASE_NAMES = ["take the slices", "apply f", "place the result"] as const;

/** The narration of each phase: loaded on the first step or play (not needed at rest), or when the page is idle. */
const NARRATION = lazyModule(() => import("../viz/narration"));

/** The caption at rest (the first screen's). */
export function restCaption(B: number): string {
  if (B === 0) return "The batch is empty (size 0).";
  return B === 1 ? "The one result is stacked. Press Step ▶ or Play to watch it built." : `${B === 2 ? "Both" : `All ${B}`} results are stacked. Press Step ▶ or Play to watch them built one k at a time.`;
}

/**
 * The narration's inputs and outputs for `story`: each cell as the picture writes it (`texts`),
 * and each result cell's expression when `expressions` gives the writer and the call traced.
 */
export function narrated(
  leaves: readonly InputLeaf[],
  texts: CellTexts,
  story: VmapStory | null,
  expressions: { writer: SymbolWriter; call: VmapCall } | null,
): { inputs: NarratedInput[]; outputs: NarratedOutput[] } {
  const inputs = leaves.map((l, i) => ({
    name: l.label,
    shape: l.shape,
    axis: l.axis,
    sliceShape: l.sliceShape,
    cell: (c: number) => texts.inputs[i]?.[c] ?? (l.values[c] === undefined ? "?" : workingText(l.values[c], l.dtype)),
  }));
  if (!story) return { inputs, outputs: [] };
  const writer = expressions?.writer;
  const exprs = expressions ? expressions.writer.outputExprs(expressions.call) : null;
  const shapes = leaves.map((l) => l.shape);
  // The caption has room for whole values (a grid's cell shortens 10010000 to 1.0e+7, as it does
  // 10000000: the working would not tell b's cells apart on the blog's 5-d example).
  const bySymbol = expressions?.writer.namerFor(expressions.call, leaves, false, workingText);
  const byValue = expressions?.writer.namerFor(expressions.call, leaves, true, workingText);
  const outputs = story.outputs.map((o, i) => {
    const cells = exprs?.[i] ?? null;
    const vals = story.values[i];
    return {
      name: outputName(o.path, story.outputTree),
      shape: o.shape,
      axis: o.outAxis,
      perExampleShape: o.perExampleShape,
      value: (c: number) => (vals?.data[c] === undefined ? "?" : workingText(vals.data[c], vals.dtype)),
      expr: cells && writer && bySymbol ? (c: number) => writer.exprText(cells[c], bySymbol, shapes) : null,
      exprByValue: cells && writer && byValue ? (c: number) => writer.exprText(cells[c], byValue, shapes, false) : null,
    };
  });
  return { inputs, outputs };
}

const NOTHING_NARRATED = { inputs: [], outputs: [] };

/** How long a call stays shown, at rest, before its cells' expressions are worked out ahead of a step. */
export const EXPRESSIONS_AHEAD_MS = 1000;

/**
 * At rest, once a call has been shown for EXPRESSIONS_AHEAD_MS and the page is idle, its output
 * cells' expressions are worked out ahead (the writer remembers them per call), so the first
 * step or Play narrates at once: worked out on the step, the symbolic trace was one task of
 * ~160 ms at 4× CPU throttling on the blog's 5-d example, in the animation's first frames
 * (bench/throttled.ts, the fps rows). A change within the wait starts it again; keys typed
 * since the call was drawn (their text waits for a pause: typingPause.ts) skip it, so it never
 * runs between a typist's keys.
 */
function useExpressionsAhead(call: VmapCall, stale: boolean, stepping: boolean): void {
  const store = useStoreApi();
  useEffect(() => {
    if (stepping || stale) return;
    const work = (w: SymbolWriter) => {
      if (store.getState().explorer === call.state) w.outputExprs(call);
    };
    return idleAfter(EXPRESSIONS_AHEAD_MS, () => void SYMBOL_WRITER.load().then(work, () => {}));
  }, [store, call, stale, stepping]);
}

/** The narration's inputs and outputs for the picture shown, at a step (expressions only then: they cost a trace). */
function useNarrated(playingK: boolean): { inputs: NarratedInput[]; outputs: NarratedOutput[] } {
  const view = useView();
  const leaves = useInputLeaves();
  const texts = useCellTexts();
  const story = view.shown;
  const writer = useLazyModule(SYMBOL_WRITER, playingK);
  useExpressionsAhead(view.call, view.stale, playingK);
  // Expressions of this state's trace (not of a dimmed last good picture).
  // At rest the caption narrates nothing: nothing is built for it on each change of the call.
  return useMemo(
    () => (playingK ? narrated(leaves, texts, story, !view.stale && writer ? { writer, call: view.call } : null) : NOTHING_NARRATED),
    [leaves, texts, story, view.call, view.stale, playingK, writer],
  );
}

/**
 * What the caption says of the frame shown: at rest, the stacked results; at k, the phase
 * narrated (viz/narration.ts). Presenter mode shows it large under the picture.
 */
export function useCaption(): { head: string; detail: string | null } | null {
  const view = useView();
  const story = view.shown;
  // A lesson's question hides the result: the caption would say whether the call works.
  const conceal = useStore((s) => s.lessonConceal);
  const k = useStore((s) => s.k);
  const phase = useStore((s) => s.phase);
  const B = story?.axisSize ?? 0;
  const kk = k !== null && k < B ? k : null;
  const { inputs, outputs } = useNarrated(kk !== null);
  const narration = useLazyModule(NARRATION, kk !== null);
  // Ready before the first step when the page has a moment (the first visit plays at once).
  usePrefetchWhenIdle(NARRATION);
  if (!story || conceal) return null;
  if (view.stale && kk === null) return { head: view.computing ? "Computing this call; the picture is the last result." : "This call fails (its error shows with the call); the picture is the last good result.", detail: null };
  return kk === null ? { head: restCaption(B), detail: null } : narration ? narration.narrate({ k: kk, phase, B }, inputs, outputs) : { head: `k = ${kk} of ${B}`, detail: null };
}

/** `showCaption` false: the phases and caption are shown elsewhere (presenter mode shows them large with the picture). */
export function PlaybackControls({ showCaption = true }: { showCaption?: boolean }) {
  // The batch size alone: a change of the call that keeps it does not re-render the controls
  // (the caption, which narrates the call, is its own component).
  const B = useViewPart((v) => v.shown?.axisSize ?? 0);
  const playing = useStore((s) => s.playing);
  const k = useStore((s) => s.k);
  const phase = useStore((s) => s.phase);
  const speed = useStore((s) => s.speed);
  const { play, pause, tick, stepBack, stepForward, scrub, setSpeed } = useStoreApi().getState();

  useEffect(() => {
    if (!playing) return;
    const t = setTimeout(() => tick(B), PHASE_MS / speed);
    return () => clearTimeout(t);
  }, [playing, k, phase, speed, B, tick]);

  const kk = k !== null && k < B ? k : null;
  return (
    <section className="playback" aria-label="Playback">
      <div className="buttons">
        <button type="button" onClick={() => stepBack(B)} disabled={B === 0} aria-label="Step back" title="Step back one phase (←)">
          ◀ Back
        </button>
        <button type="button" className="play" onClick={() => (playing ? pause() : play(B))} disabled={B === 0} aria-label={playing ? "Pause" : "Play"} title="Play / pause (space)">
          {playing ? "❚❚ Pause" : "▶ Play"}
        </button>
        <button type="button" onClick={() => stepForward(B)} disabled={B === 0} aria-label="Step forward" title="Step forward one phase (→)">
          Step ▶
        </button>
        <label className="scrub">
          k
          <input type="range" min={0} max={B} step={1} value={kk ?? B} onChange={(e) => scrub(Number(e.target.value), B)} aria-valuetext={kk === null ? "all stacked" : `k = ${kk}`} disabled={B === 0} />
        </label>
        <label>
          Speed{" "}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {showCaption && (
        <>
          {/* Always there (at rest none is current), so stepping does not move the page below. */}
          <ol className="phases" aria-label={kk === null ? "Phases of each k" : `Phases of k = ${kk}`}>
            {PHASE_NAMES.map((name, i) => {
              const current = kk !== null && i === phase;
              return (
                <li key={name} aria-current={current ? "step" : undefined} className={current ? "current" : kk !== null && i < phase ? "done" : undefined}>
                  {i + 1}. {name}
                </li>
              );
            })}
          </ol>
          <Caption />
        </>
      )}
    </section>
  );
}

function Caption() {
  const said = useCaption();
  return (
    <div className="caption" aria-live="polite">
      <p>{said?.head ?? ""}</p>
      {said?.detail && <p className="working">{said.detail}</p>}
    </div>
  );
}
