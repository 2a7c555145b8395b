/**
 * The trace in words and shapes, beside the grids: each argument's shape → the slice f sees,
 * the mapped size B, each primitive with its per-example and batched shapes (and where the batch
 * dimension sits), and each per-example result → the stacked result.
 */
import { pyShape, type OperandStory } from "../../engine";
import { useViewBeside } from "../state/hooks";
import { useStore } from "../state/store";
import { outputName } from "./Stage";
import { ShapeText } from "./ShapeText";
import { staleNote } from "./staleNote";

function Operand({ o }: { o: OperandStory }) {
  return (
    <span className="operand">
      <ShapeText shape={o.perExample} mapped={null} />
      <span className="batched">
        {" "}
        [batched <ShapeText shape={o.batched} mapped={o.bdim} />
        {o.bdim === null ? ", unbatched" : `, batch at ${o.bdim}`}]
      </span>
    </span>
  );
}

export function ShapeStory() {
  const view = useViewBeside();
  const { shown: story, stale, error } = view;
  // The line of the equation hovered in the jit panel's "How vmap rewrote the program".
  const linked = useStore((st) => st.storyLineHover);
  // The devices of the call the story is of (while this call fails, the last good one's).
  const from = view.shownState;
  const devices = from?.mapWith === "pmap" ? from.devices : null;
  // No story at all: the call fails and nothing before it on this page worked (a link to a mistake).
  if (!story) return <section className="story" aria-label="Shape story"><h2>Shape story</h2><p>{error ? "None yet: the call fails (its error shows with the call), so no shapes were traced." : "No trace yet."}</p></section>;
  return (
    <section className={`story${stale ? " stale" : ""}`} aria-label="Shape story">
      <h2>Shape story</h2>
      {stale && <p className="stale-note">Of the {staleNote(view)}.</p>}
      <ol>
        {story.args.map((a) => (
          <li key={`a${a.leaf}`}>
            <code>{a.param + a.path}</code> <ShapeText shape={a.shape} mapped={a.inAxis} />{" "}
            {a.inAxis === null ? (
              <>→ not mapped, f sees it whole</>
            ) : (
              <>
                → in_axes {a.inAxisWritten} takes axis {a.inAxis} (size {a.batchSize}) → slice <ShapeText shape={a.sliceShape} mapped={null} />
              </>
            )}
          </li>
        ))}
        {devices === null ? (
          <li>
            B = <strong>{story.axisSize}</strong>: f runs once, on batched values, as if for each k = 0 … {Math.max(0, story.axisSize - 1)}
          </li>
        ) : (
          <li>
            N = <strong>{story.axisSize}</strong> slices on {story.axisSize} of {devices} devices: pmap runs f once per device, on that device&apos;s
            slice (the per-example shapes below); vmap would run it once on the batch (the shapes in brackets)
          </li>
        )}
        {story.primitives.map((p, i) => (
          <li key={`p${i}`} className={linked === i ? "prim linked" : "prim"} data-linked={linked === i || undefined}>
            <code className="tok-lib">{p.primitive}</code>
            {p.params && <code className="params"> [{p.params}]</code>}:{" "}
            {p.inputs.map((o, j) => (
              <span key={j}>
                {j > 0 && ", "}
                <Operand o={o} />
              </span>
            ))}{" "}
            → <Operand o={p.output} />
            {p.becomes && <span className="becomes"> — vmap made it {p.becomes}</span>}
            {!p.becomes && p.batchedAs && (
              <span className="became">
                {" "}
                — vmap turned it into {p.batchedAs.map((n, j) => (
                  <span key={n}>
                    {j > 0 && ", "}
                    <code className="tok-lib">{n}</code>
                  </span>
                ))}
              </span>
            )}
            {p.byValue && !p.batchedAs && !p.becomes && <span className="became"> — the indices' values choose the cells</span>}
          </li>
        ))}
        {story.outputs.map((o, i) => (
          <li key={`o${i}`}>
            <code>{outputName(o.path, story.outputTree)}</code>: per-example <ShapeText shape={o.perExampleShape} mapped={null} /> →{" "}
            {o.outAxis === null ? "returned as is (out_axes None)" : `out_axes ${o.outAxisWritten} puts B at axis ${o.outAxis} →`}{" "}
            <ShapeText shape={o.shape} mapped={o.outAxis} /> <span className="visually-hidden">{pyShape(o.shape)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
