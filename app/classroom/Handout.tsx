/**
 * The printed handout (printHandout.tsx mounts it for printing; the print styles in
 * classroom.css show only it): the call, the animation's still frames k by k (each the frame
 * where slice k's result has landed, drawn by the export's scene writer, share/scene.ts, so
 * it shows what the page shows), the shape story, the out_axes table and the Python code. In
 * black and white and without a control; the stills share rows so it takes as few pages as
 * the example needs.
 */
import { viewCode } from "../state/viewCode";
import { useMemo } from "react";
import { useCellTexts, useExplorer, useInputLeaves, useView } from "../state/hooks";
import { buildScene, sceneSvg } from "../share/scene";
import { narrated } from "../explorer/PlaybackControls";
import { narrate } from "../viz/narration";
import { vmapCallText } from "../state/codegen";
import { ShapeStory } from "../explorer/ShapeStory";
import { OutAxesTable } from "../explorer/OutAxesTable";
import type { Frame } from "../viz/timeline";

/** At most this many stills (a handout of a batch of 100 shows the first ones and says so). */
export const MAX_STILLS = 12;
/** The widest a still is printed, in CSS px: two share a row on an A4 or Letter page. */
const STILL_MAX = 330;

export function Handout() {
  const explorer = useExplorer();
  const view = useView();
  const { shown: story, params, blocks } = view;
  const code = viewCode(view);
  const leaves = useInputLeaves();
  const texts = useCellTexts();
  const stills = useMemo(() => {
    if (!story || blocks) return [];
    const B = story.axisSize;
    const frames: Frame[] = Array.from({ length: Math.min(B, MAX_STILLS) }, (_, k) => ({ k, phase: 2, B }));
    // Each still is the frame where slice k's result has landed: the playback's words for it.
    const { inputs, outputs } = narrated(leaves, texts, story, null);
    return frames.map((f) => {
      const scene = buildScene(leaves, story, f, texts);
      return { k: f.k as number, svg: sceneSvg(scene), width: scene.width, caption: narrate(f, inputs, outputs).head };
    });
  }, [story, blocks, leaves, texts]);
  const call = `f = ${explorer.fnSource.replace(/\s*\n\s*/g, " ").trim()}\nout = ${vmapCallText(explorer, params)}`;
  const width = Math.min(STILL_MAX, Math.max(...stills.map((s) => s.width), 120));
  return (
    <article className="handout" aria-label="Handout">
      <h1>jax.vmap, step by step</h1>
      <pre className="handout-call">
        <code>{call}</code>
      </pre>
      {story && (
        <section aria-label="Still frames">
          <h2>The animation, k by k</h2>
          <div className="handout-stills" style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${width}px, 1fr))` }}>
            {stills.map((s) => (
              <figure key={s.k} className="handout-still">
                {/* Our own SVG text (scene.ts escapes every label): nothing from a link is markup. */}
                <div className="handout-svg" style={{ maxWidth: s.width }} dangerouslySetInnerHTML={{ __html: s.svg }} />
                <figcaption>{s.caption}</figcaption>
              </figure>
            ))}
          </div>
          {story.axisSize > MAX_STILLS && <p>The first {MAX_STILLS} of {story.axisSize} values of k are shown; the others go the same way.</p>}
          {blocks && <p>These arrays are too large to draw cell by cell; the shapes below tell their story.</p>}
        </section>
      )}
      <div className="handout-columns">
        <ShapeStory />
        <OutAxesTable readOnly />
      </div>
      <section aria-label="Python code">
        <h2>Run it in JAX</h2>
        <pre className="handout-code">
          <code>{code}</code>
        </pre>
      </section>
    </article>
  );
}
