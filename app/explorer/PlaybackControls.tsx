/**
 * Play / pause / step / scrub over k / speed. The store holds only { playing, k, phase, speed };
 * while playing, one timer advances one phase at a time (lift → apply → land). Space and the
 * arrow keys drive it too (actions.ts). With reduced motion the steps still come, instantly.
 */
import { useEffect } from "react";
import { useInputLeaves, useView } from "../state/hooks";
import { SPEEDS } from "../state/playbackSlice";
import { useStore, useStoreApi } from "../state/store";
import { describeFrame } from "../viz/timeline";
import { outputName } from "./Stage";

/** Milliseconds per phase at speed 1. */
export const PHASE_MS = 420;

export function PlaybackControls() {
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
  const caption = story
    ? describeFrame(
        { k: kk, phase, B },
        leaves.map((l) => ({ name: l.label, rank: l.shape.length, axis: l.axis })),
        story.outputs.map((o) => ({ name: outputName(o.path, story.outputTree), rank: o.shape.length, axis: o.outAxis })),
      )
    : "";
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
      <p className="caption" aria-live="polite">
        {caption}
      </p>
    </section>
  );
}
