/**
 * Play / pause / step / scrub over k / speed. The store holds only { playing, k, phase, speed };
 * while playing, one timer advances one phase at a time (lift → apply → land). Space and the
 * arrow keys drive it too (actions.ts). With reduced motion the steps still come, instantly.
 */
import { useEffect } from "react";
import { useInputLeaves, useView, type InputLeaf } from "../state/hooks";
import type { VmapStory } from "../../engine/index";
import { SPEEDS } from "../state/playbackSlice";
import { useStore, useStoreApi } from "../state/store";
import { describeFrame, type Frame } from "../viz/timeline";
import { outputName } from "./Stage";

/** Milliseconds per phase at speed 1. */
export const PHASE_MS = 420;

/** The words under the picture for one frame (the presenter's caption and the handout's too). */
export function frameCaption(frame: Frame, leaves: readonly InputLeaf[], story: VmapStory): string {
  return describeFrame(
    frame,
    leaves.map((l) => ({ name: l.label, rank: l.shape.length, axis: l.axis })),
    story.outputs.map((o) => ({ name: outputName(o.path, story.outputTree), rank: o.shape.length, axis: o.outAxis })),
  );
}

/** `showCaption` false: the caption is shown elsewhere (presenter mode shows it large with the picture). */
export function PlaybackControls({ showCaption = true }: { showCaption?: boolean }) {
  const { shown: story } = useView();
  const leaves = useInputLeaves();
  const playing = useStore((s) => s.playing);
  const k = useStore((s) => s.k);
  const phase = useStore((s) => s.phase);
  const speed = useStore((s) => s.speed);
  const { play, pause, tick, stepBack, stepForward, scrub, setSpeed } = useStoreApi().getState();
  const B = story?.axisSize ?? 0;

  useEffect(() => {
    if (!playing) return;
    const t = setTimeout(() => tick(B), PHASE_MS / speed);
    return () => clearTimeout(t);
  }, [playing, k, phase, speed, B, tick]);

  const kk = k !== null && k < B ? k : null;
  const caption = story ? frameCaption({ k: kk, phase, B }, leaves, story) : "";
  return (
    <section className="playback" aria-label="Playback">
      <div className="buttons">
        <button type="button" onClick={() => stepBack(B)} disabled={B === 0} aria-label="Step back" title="Step back (←)">
          ◀ Back
        </button>
        <button type="button" className="play" onClick={() => (playing ? pause() : play(B))} disabled={B === 0} aria-label={playing ? "Pause" : "Play"} title="Play / pause (space)">
          {playing ? "❚❚ Pause" : "▶ Play"}
        </button>
        <button type="button" onClick={() => stepForward(B)} disabled={B === 0} aria-label="Step forward" title="Step forward (→)">
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
        <p className="caption" aria-live="polite">
          {caption}
        </p>
      )}
    </section>
  );
}
