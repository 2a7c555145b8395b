/**
 * Control flow and collectives under vmap, drawn per example (issue 18's picture): a batched
 * cond as every branch computed on every example with the one each example takes highlighted
 * (vmap made it select_n); a loop as its iterations, stepped, with the examples still running
 * and those done; a collective as each example's value flowing across the mapped axis into the
 * one result every example gets. The data is traceVmap's `control` story (engine/control/story.ts).
 */
import { useState } from "react";
import type { ControlStory, PrimitiveStory } from "../../engine";
import { useView } from "../state/hooks";
import { cellText } from "../viz/numberText";

const MAX_SHOWN = 4;

/** A value's first few numbers, `[0.84, 0.91, …]` or a scalar. */
function Values({ v }: { v: number[] }) {
  const shown = v.slice(0, MAX_SHOWN).map((x) => cellText(x));
  return <code>{v.length === 1 ? shown[0] : `[${shown.join(", ")}${v.length > MAX_SHOWN ? ", …" : ""}]`}</code>;
}

function branchName(i: number, n: number): string {
  if (n === 2) return i === 1 ? "true_fun" : "false_fun";
  return `branch ${i}`;
}

function CondPicture({ c }: { c: Extract<ControlStory, { kind: "cond" }> }) {
  return (
    <table className="control-table">
      <caption>
        {c.batchedIndex ? "Every branch runs on every example; select_n keeps the highlighted one" : "The predicate is the same for every example: one branch runs, on the whole batch"}
      </caption>
      <thead>
        <tr>
          <th scope="col">k</th>
          {Array.from({ length: c.branches }, (_, i) => (
            <th key={i} scope="col">
              {branchName(i, c.branches)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {c.taken.map((t, k) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            {c.values.map((b, i) => (
              <td key={i} className={i === t ? "taken" : "discarded"}>
                <Values v={b[k]} />
                <span className="visually-hidden">{i === t ? " (taken)" : " (computed, discarded)"}</span>
                {i === t && <span aria-hidden="true"> ✓</span>}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LoopPicture({ c }: { c: Extract<ControlStory, { kind: "loop" }> }) {
  const last = c.steps.length - 1;
  const [t0, setT] = useState(0);
  const t = Math.min(t0, last);
  const step = c.steps[t];
  const running = step.active.filter(Boolean).length;
  return (
    <div className="control-loop">
      <div className="control-stepper">
        <button type="button" onClick={() => setT(Math.max(0, t - 1))} disabled={t === 0} aria-label="Previous iteration">
          ◀
        </button>
        <input type="range" min={0} max={last} value={t} onChange={(e) => setT(Number(e.target.value))} aria-label="Iteration" />
        <button type="button" onClick={() => setT(Math.min(last, t + 1))} disabled={t === last} aria-label="Next iteration">
          ▶
        </button>
        <span aria-live="polite">
          {t === 0 ? "before the first iteration" : `after iteration ${t}`} of {last}
          {c.truncated ? "+" : ""} — {c.primitive === "while" ? `${running} of ${step.active.length} examples still running` : `${c.steps.length - 1} steps in all`}
        </span>
      </div>
      <table className="control-table">
        <thead>
          <tr>
            <th scope="col">k</th>
            <th scope="col">carry</th>
            {c.primitive === "while" && <th scope="col">predicate</th>}
          </tr>
        </thead>
        <tbody>
          {step.carry.map((v, k) => (
            <tr key={k} className={c.primitive === "while" && !step.active[k] ? "done" : undefined}>
              <th scope="row">{k}</th>
              <td>
                <Values v={v} />
              </td>
              {c.primitive === "while" && <td>{step.active[k] ? "True: runs the body" : "False: done, keeps its carry"}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CollectivePicture({ c }: { c: Extract<ControlStory, { kind: "collective" }> }) {
  const rowH = 26;
  const h = Math.max(c.perExample.length * rowH, rowH) + 8;
  const mid = h / 2;
  return (
    <div className="control-collective">
      <ol className="control-examples" aria-label="Each example's value">
        {c.perExample.map((v, k) => (
          <li key={k} style={{ height: rowH }}>
            k = {k}: <Values v={v} />
          </li>
        ))}
      </ol>
      <svg width={60} height={h} aria-hidden="true" className="control-flow-lines">
        {c.perExample.map((_, k) => (
          <line key={k} x1={2} y1={k * rowH + rowH / 2 + 4} x2={56} y2={mid} />
        ))}
      </svg>
      <div className="control-result">
        <span>every example gets</span> <Values v={c.result} />
      </div>
    </div>
  );
}

function One({ p }: { p: PrimitiveStory }) {
  const c = p.control!;
  return (
    <figure className="control-figure">
      <figcaption>
        <code className="tok-lib">{p.primitive}</code> under vmap → {p.becomes}
      </figcaption>
      {c.kind === "cond" ? <CondPicture c={c} /> : c.kind === "loop" ? <LoopPicture c={c} /> : <CollectivePicture c={c} />}
    </figure>
  );
}

export function ControlPicture() {
  const { shown: story } = useView();
  const prims = story?.primitives.filter((p) => p.control) ?? [];
  if (prims.length === 0) return null;
  return (
    <section className="control-picture" aria-label="Control flow and collectives">
      <h2>Control flow and collectives, per example</h2>
      {prims.map((p, i) => (
        <One key={`${i}:${p.primitive}`} p={p} />
      ))}
    </section>
  );
}
