/**
 * The cheat sheet page: the rules of in_axes, None, out_axes, the swap pattern and the errors,
 * with tables the engine computes (cheatSheetModel.ts). It takes the explorer's place on the
 * page and prints on one or two A4 or Letter pages (lessons.css, print rules).
 */
import { useEffect, useMemo, useRef } from "react";
import { useStore } from "../state/store";
import { errorRows, inAxesRows, outAxesRows } from "./cheatSheetModel";
import "./lessons.css";

export default function CheatSheet() {
  const heading = useRef<HTMLHeadingElement>(null);
  const inRows = useMemo(inAxesRows, []);
  const out = useMemo(outAxesRows, []);
  const errors = useMemo(errorRows, []);
  useEffect(() => heading.current?.focus(), []);
  const close = () => useStore.getState().showCheatSheet(false);
  return (
    <article className="cheatsheet" aria-labelledby="cheatsheet-title">
      <div className="cheatsheet-head">
        <h2 id="cheatsheet-title" tabIndex={-1} ref={heading}>
          jax.vmap cheat sheet
        </h2>
        <div className="cheatsheet-actions">
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
          <button type="button" onClick={close}>
            Back to the explorer
          </button>
        </div>
      </div>
      <p className="cheatsheet-lead">
        <code>jax.vmap(f, in_axes, out_axes)(*args)</code> acts as if it sliced each mapped argument along its axis, ran <code>f</code> on slice <code>k</code> for <code>k = 0 … B−1</code>, and stacked the results along <code>out_axes</code>. It runs one batched computation, not a loop. Every table below was computed by this page's engine.
      </p>

      <section aria-labelledby="cs-in">
        <h3 id="cs-in">in_axes: which axis of each argument is sliced</h3>
        <ul>
          <li>One entry per positional argument: an axis, or <code>None</code> (passed whole to every example). A single int applies to all.</li>
          <li>An axis <code>i</code> of an array of rank <code>r</code> is valid for <code>−r ≤ i &lt; r</code>; <code>−1</code> is the last.</li>
          <li>Every mapped axis must have the same size <code>B</code>; <code>f</code> sees each argument without its mapped axis.</li>
          <li>For a tuple or dict argument the entry may mirror its structure: <code>((None, 0), 0)</code>, <code>({"{'w': None, 'b': 0}"}, 0)</code>.</li>
        </ul>
        <div className="cs-scroll" tabIndex={0} role="region" aria-label="in_axes table">
          <table>
            <caption>
              <code>jax.vmap(lambda a, b: a + b, in_axes)(a, b)</code>, <code>a</code> and <code>b</code> of shape (2, 2)
            </caption>
            <thead>
              <tr>
                <th scope="col">in_axes</th>
                <th scope="col">a's slice</th>
                <th scope="col">b's slice</th>
                <th scope="col">B</th>
                <th scope="col">output</th>
              </tr>
            </thead>
            <tbody>
              {inRows.map((r) => (
                <tr key={r.inAxes}>
                  <th scope="row">
                    <code>{r.inAxes}</code>
                  </th>
                  <td>{r.sliceA}</td>
                  <td>{r.sliceB}</td>
                  <td>{r.B}</td>
                  <td className={r.out.error ? "cs-error" : undefined}>{r.out.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="note">Integer pairs keep the shape (2, 2) and change which slices meet; one None makes each example (2, 2), so the output is (2, 2, 2).</p>
      </section>

      <section aria-labelledby="cs-out">
        <h3 id="cs-out">out_axes: where the batch axis goes, and the swap pattern</h3>
        <ul>
          <li>
            A result of rank <code>p</code> per example gets the new axis of size <code>B</code> at <code>out_axes</code>, valid for <code>−(p+1) ≤ o ≤ p</code>: shape <code>P[:o] + (B,) + P[o:]</code>.
          </li>
          <li>
            From <code>o</code> to <code>o + 1</code> one pair of output axes swaps: <code>result(o + 1) = swapaxes(result(o), o, o + 1)</code>.
          </li>
          <li>
            <code>None</code> returns an unbatched result as it is; an unbatched result with an int is broadcast <code>B</code> times. A tuple result may take a tuple of out_axes.
          </li>
        </ul>
        <div className="cs-scroll" tabIndex={0} role="region" aria-label="out_axes table">
          <table>
            <caption>
              <code>{out.call}</code>
            </caption>
            <thead>
              <tr>
                <th scope="col">out_axes</th>
                <th scope="col">output shape</th>
                <th scope="col">values against the row above</th>
              </tr>
            </thead>
            <tbody>
              {out.rows.map((r) => (
                <tr key={r.outAxes}>
                  <th scope="row">
                    <code>{r.outAxes}</code>
                  </th>
                  <td className={r.shape.error ? "cs-error" : undefined}>{r.shape.text}</td>
                  <td>{r.swap}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="cs-err">
        <h3 id="cs-err">The errors, in JAX's words</h3>
        <div className="cs-scroll" tabIndex={0} role="region" aria-label="errors table">
          <table className="cs-errors">
            <thead>
              <tr>
                <th scope="col">cause</th>
                <th scope="col">call</th>
                <th scope="col">JAX says</th>
                <th scope="col">fix</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e) => (
                <tr key={e.cause}>
                  <th scope="row">{e.cause}</th>
                  <td>
                    <code>{e.call}</code>
                  </td>
                  <td>
                    <code>
                      {e.pyType}: {e.message}
                    </code>
                  </td>
                  <td>{e.fix}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="note">Errors inside f quote per-example shapes (f never sees the batch axis); in_axes problems are raised before f runs, out_axes problems after.</p>
      </section>
    </article>
  );
}
