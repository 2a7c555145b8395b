/**
 * Presenter mode: the call, the picture and its caption scaled together to fill the screen
 * (useFitScale: one transform, so the grids, their numbers and the text keep their proportions
 * at any projector size and browser zoom), in high contrast. The controls (leave, full screen,
 * playback) sit in a bar that stays out of sight until the pointer comes near the top or
 * focus enters it. Keys: actions.ts (the clicker's PageDown/PageUp, arrows and Space; Esc).
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { Stage } from "../explorer/Stage";
import { GridSizing } from "../explorer/CellGrid";
import { PlaybackControls, useCaption } from "../explorer/PlaybackControls";
import { ReadOnlyCall } from "../embed/EmbedView";
import { useStore } from "../state/store";
import { togglePresenter } from "./presenterActions";
import { useFitScale } from "./useFitScale";
import { questionPrompt } from "../lessons/answer";

/**
 * The tile labels' size in presenter mode, in layout units: big against the cells, so that
 * once the picture is scaled to the screen the labels of a 5-d array stay ≥ 24 px at 1920×1080.
 */
const PRESENTER_LABEL = 24;

/** How near the top (CSS px) the pointer brings the controls back. */
const NEAR_TOP = 96;
/** How long the controls stay after the pointer leaves them (ms). */
const LINGER_MS = 2500;

function useNearTop(): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onMove = (e: PointerEvent) => {
      if (e.clientY > NEAR_TOP) return;
      setNear(true);
      clearTimeout(timer);
      timer = setTimeout(() => setNear(false), LINGER_MS);
    };
    window.addEventListener("pointermove", onMove);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("pointermove", onMove);
    };
  }, []);
  return near;
}

/**
 * A lesson's question, while its answer is hidden: the class predicts, then the presenter shows
 * the answer (this button, or the clicker's next press: presenterActions.ts clickerNext).
 */
function Question() {
  const step = useStore((s) => (s.lessonConceal && s.lesson ? (s.lessonLibrary?.get(s.lesson.id)?.steps[s.lesson.step] ?? null) : null));
  const revealAnswer = useStore((s) => s.revealAnswer);
  if (!step?.question || !step.state) return null;
  return (
    <div className="presenter-question">
      <p>
        <strong>Predict:</strong> {questionPrompt(step.state, step.question.prompt)}
      </p>
      <button type="button" onClick={revealAnswer}>
        Show the answer (PageDown)
      </button>
    </div>
  );
}

/** The playback's narration (PlaybackControls.tsx useCaption), large under the picture. */
function Caption() {
  const said = useCaption();
  if (!said) return null;
  return (
    <div className="caption presenter-caption" aria-live="polite">
      <p>{said.head}</p>
      {said.detail && <p className="working">{said.detail}</p>}
    </div>
  );
}

export default function Presenter() {
  const near = useNearTop();
  const box = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const fit = useFitScale(box, content);
  // Canvas grids paint for the scale they are shown at (to a tenth: a resize does not repaint them at every pixel).
  const zoom = Math.max(1, Math.round(fit.scale * 10) / 10);
  const grids = useMemo(() => ({ label: PRESENTER_LABEL, zoom }), [zoom]);
  const [fullscreen, setFullscreen] = useState(() => typeof document !== "undefined" && !!document.fullscreenElement);
  useEffect(() => {
    const on = () => setFullscreen(!!document.fullscreenElement);
    document.addEventListener("fullscreenchange", on);
    return () => document.removeEventListener("fullscreenchange", on);
  }, []);
  const canFullscreen = typeof document !== "undefined" && document.fullscreenEnabled === true;
  return (
    <div className="presenter">
      <header className={`presenter-bar${near ? " near" : ""}`}>
        <div className="presenter-tools" role="toolbar" aria-label="Presenter controls">
        <button type="button" onClick={() => togglePresenter(useStore.getState(), false)}>
          Leave presenter mode (Esc)
        </button>
        {canFullscreen && !fullscreen && (
          <button type="button" onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}>
            Full screen
          </button>
        )}
        <PlaybackControls showCaption={false} />
        <span className="presenter-keys">PageDown / → next · PageUp / ← back · ? keys</span>
        </div>
      </header>
      <main className="presenter-box" ref={box}>
        <div className="presenter-fit" ref={content} style={{ transform: `translate(${fit.x}px, ${fit.y}px) scale(${fit.scale})` }} data-scale={fit.scale.toFixed(3)}>
          <ReadOnlyCall />
          <Question />
          <GridSizing.Provider value={grids}>
            <Stage />
          </GridSizing.Provider>
          <Caption />
        </div>
      </main>
    </div>
  );
}
