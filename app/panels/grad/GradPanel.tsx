/**
 * The grad panel: `jax.grad(f, argnums=k)(a, b)` for the explorer's function and arguments, with
 * an argnums menu, the gradient's shape and values or JAX's error, a one-click `jnp.sum` loss
 * (shown as text; the explorer's function changes only through its own button), and the
 * per-example gradients `jax.vmap(jax.grad(f, argnums=k), in_axes=…)`. Numbers: gradModel.ts.
 */
import { useId } from "react";
import { useStore } from "../../state/store";
import { LOCKED_TITLE, mayEdit } from "../../classroom/lock";
import { inAxisFor, type ExplorerState } from "../../state/explorerTypes";
import { OutcomeView } from "../Outcome";
import { usePanelExplorer } from "../usePanelInputs";
import { PanelLoading } from "../PanelLoading";
import { selectGradReport, type GradReport } from "./gradModel";
import { GraphView } from "../graph/GraphView";

function LossHelper({ r }: { r: GradReport }) {
  const on = useStore((st) => st.gradSumLoss);
  const setSumLoss = useStore((st) => st.setGradSumLoss);
  const setFnSource = useStore((st) => st.setFnSource);
  // A student link that locks the function: shown, not offered (the store would refuse it).
  const locked = useStore((st) => !mayEdit(st.lock, "function"));
  const scalarError = !r.grad.ok && r.grad.error.message.startsWith("Gradient only defined for scalar-output");
  return (
    <div className="loss-helper">
      <button type="button" aria-pressed={on} className={scalarError && !on ? "suggest" : undefined} onClick={() => setSumLoss(!on)}>
        Use jnp.sum(f(…)) as the loss
      </button>
      {r.loss && (
        <div className="loss-text">
          <pre>
            <code aria-label="Loss function">loss = {r.loss}</code>
          </pre>
          <button
            type="button"
            disabled={locked}
            title={locked ? LOCKED_TITLE : undefined}
            onClick={() => {
              setFnSource(r.loss!);
              setSumLoss(false);
            }}
          >
            Put this function in the explorer
          </button>
        </div>
      )}
    </div>
  );
}

function perExampleNote(r: GradReport, mapped: boolean): string {
  const p = r.params[r.k];
  const f = r.loss ? "loss" : "f";
  const each = mapped
    ? `Each example k differentiates ${f} with respect to its own slice of ${p}; the gradients are stacked along axis 0.`
    : `${p} is not mapped (in_axes None), so every example differentiates ${f} with respect to the same whole ${p}; the gradients are stacked along a new axis 0.`;
  // The classic surprise: per example the output is a scalar even when it is not for the whole call.
  return r.grad.ok ? each : `${f} gives a scalar for each example, so jax.vmap(jax.grad(${f})) works here. ${each}`;
}

export default function GradPanel() {
  const { s, pending } = usePanelExplorer();
  return s === null ? <PanelLoading name="jax.grad" /> : <GradReport s={s} pending={pending} />;
}

function GradReport({ s, pending }: { s: ExplorerState; pending: boolean }) {
  const argnums = useStore((st) => st.gradArgnums);
  const sumLoss = useStore((st) => st.gradSumLoss);
  const setArgnums = useStore((st) => st.setGradArgnums);
  const r = selectGradReport(s, { argnums, sumLoss });
  const head = useId();
  const name = r.loss ? "loss" : "f";
  const mapped = r.params.length > 0 && inAxisFor(s, r.params[r.k]) !== null;
  return (
    <section className="panel grad-panel" aria-labelledby={head} aria-busy={pending}>
      <h2 id={head}>
        <code>jax.grad</code> and per-example gradients
      </h2>
      {r.parseError ? (
        <p className="panel-note" role="status">
          {r.parseError.kind === "syntax"
            ? "The function above does not parse yet; its gradient shows here once it does."
            : "The function above has an error (shown with it); its gradient shows here once it is fixed."}
        </p>
      ) : (
        <>
          <p className="panel-code">
            <code>jax.grad({name}, argnums=</code>
            <select aria-label="argnums" value={r.k} onChange={(e) => setArgnums(Number(e.target.value))}>
              {r.params.map((p, i) => (
                <option key={p} value={i}>
                  {i}
                </option>
              ))}
            </select>
            <code>)({r.params.join(", ")})</code>
            <span className="panel-aside"> the gradient with respect to {r.params[r.k] ?? "nothing"}</span>
          </p>
          <LossHelper r={r} />
          <OutcomeView outcome={r.grad} what="Gradient" />
          <h3>Per-example gradients</h3>
          <pre className="panel-code">
            <code aria-label="Per-example gradient code">{r.perExampleCode}</code>
          </pre>
          {r.perExample.ok && <p className="panel-aside">{perExampleNote(r, mapped)}</p>}
          <OutcomeView outcome={r.perExample} what="Per-example gradient" />
          <GraphView s={s} />
        </>
      )}
    </section>
  );
}
