/**
 * "The computation graph": `jax.grad(loss)` as a graph from its jaxpr (nodes = primitives, edges
 * = values with their shapes; laid out by dagre, graphLayout.ts) and a step control that walks
 * the forward pass (each value appears) and then the backward pass (each VJP rule runs and the
 * cotangents it sends appear), ending at the gradients grad returns. Frames: graphSteps.ts.
 * React draws the SVG; d3-shape only computes the edge curves (style P12, the "d3 for math" end).
 */
import { useId, useState } from "react";
import { curveBasis, line } from "d3-shape";
import { pyShape, type DType } from "../../../engine/index";
import { useStore } from "../../state/store";
import type { ExplorerState } from "../../state/explorerTypes";
import { OutcomeView } from "../Outcome";
import { fmt } from "../format";
import type { PerExampleReport } from "./perExample";
import { CT_GAP, type GraphLayout } from "./graphLayout";
import { brief, graphFrame, stepCount, type GraphFrame } from "./graphSteps";
import { LOSSES, selectGraph, type GraphReport } from "./graphModel";
import "./graph.css";

const curve = line<{ x: number; y: number }>()
  .x((p) => p.x)
  .y((p) => p.y)
  .curve(curveBasis);

function GraphSvg({ layout, frame, diff }: { layout: GraphLayout; frame: GraphFrame; diff: Set<string> }) {
  return (
    <svg
      className="cg-svg"
      viewBox={`0 0 ${Math.max(1, layout.width)} ${Math.max(1, layout.height)}`}
      width={layout.width}
      height={layout.height}
      role="img"
      aria-label={`Computation graph: ${layout.nodes.filter((n) => n.kind === "eqn").length} primitives`}
    >
      <defs>
        <marker id="cg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0L10,5L0,10z" />
        </marker>
      </defs>
      {layout.edges.map((e) => {
        const v = frame.values.get(e.name);
        const ct = frame.cotangents.get(e.name);
        const fresh = frame.fresh.has(e.name);
        return (
          <g key={`${e.name}>${e.to}`} className={`cg-edge${fresh ? " fresh" : ""}${ct ? " has-ct" : ""}`} data-var={e.name}>
            <path d={curve(e.points) ?? ""} markerEnd="url(#cg-arrow)" />
            <text x={e.labelX} y={e.labelY - 10} textAnchor="middle" className="cg-edge-label">
              {e.name} {e.shape}
            </text>
            {v && (
              <text x={e.labelX} y={e.labelY + 2} textAnchor="middle" className="cg-value" data-value={e.name}>
                = {brief(v)}
              </text>
            )}
            {ct && (
              <text x={e.labelX} y={e.labelY + 14} textAnchor="middle" className="cg-ct" data-ct={e.name}>
                ct {brief(ct)}
              </text>
            )}
          </g>
        );
      })}
      {layout.nodes.map((n) => {
        // An input's label names it as f does (`w (a)`); its variable is the jaxpr's.
        const v = n.vars[0];
        const cls = ["cg-node", `cg-${n.kind}`, frame.active === n.id ? "active" : "", n.kind === "input" && diff.has(v) ? "differentiated" : ""];
        const ct = n.kind === "input" ? frame.cotangents.get(v) : undefined;
        return (
          <g key={n.id} className={cls.filter(Boolean).join(" ")} data-node={n.id} transform={`translate(${n.x - n.width / 2},${n.y - n.height / 2})`}>
            <rect width={n.width} height={n.height} rx={n.kind === "eqn" ? 4 : 14} />
            <text x={n.width / 2} y={n.height / 2 + 4} textAnchor="middle">
              {n.label}
            </text>
            {ct && (
              <text x={n.width + CT_GAP} y={n.height / 2 + 4} className="cg-ct" data-ct={v}>
                ct {brief(ct)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function Stepper({ r }: { r: Extract<GraphReport, { ok: true }> }) {
  const total = stepCount(r.tape);
  const [at, setAt] = useState<{ tape: unknown; k: number }>({ tape: r.tape, k: 0 });
  const k = at.tape === r.tape ? at.k : 0; // a new tape starts again at the inputs
  const go = (to: number) => setAt({ tape: r.tape, k: Math.max(0, Math.min(total - 1, to)) });
  const frame = graphFrame(r.tape, k, r.params);
  const diff = new Set(r.tape.inputs.filter((v) => v.differentiated).map((v) => v.name));
  const n = r.tape.eqns.length;
  return (
    <>
      <div className="cg-controls" role="group" aria-label="Graph steps">
        <button type="button" onClick={() => go(k - 1)} disabled={k === 0}>
          Previous step
        </button>
        <button type="button" onClick={() => go(k + 1)} disabled={k === total - 1}>
          Next step
        </button>
        <button type="button" onClick={() => go(n + 1)}>
          Start of backward pass
        </button>
        <input type="range" aria-label="Step" min={0} max={total - 1} value={k} onChange={(e) => go(Number(e.target.value))} />
        <span className="panel-aside">
          {" "}
          step {k + 1} of {total} · {frame.phase === "inputs" || frame.phase === "forward" ? "forward pass" : frame.phase === "backward" ? "backward pass" : "done"}
        </span>
      </div>
      <p className="cg-caption" aria-live="polite" aria-label="Step caption">
        {frame.caption}
      </p>
      <div className="cg-scroll">
        <GraphSvg layout={r.layout} frame={frame} diff={diff} />
      </div>
    </>
  );
}

const MAX_VALUES = 8;
const short = (xs: Float64Array, dtype: DType) =>
  Array.from(xs.subarray(0, MAX_VALUES), (v) => fmt(v, dtype)).join(", ") + (xs.length > MAX_VALUES ? ", …" : "");

/** Row k: example k's slice of the data beside its gradient, so the batch axes line up. */
function PerExampleTable({ r, lossName }: { r: PerExampleReport; lossName: string }) {
  if (r === null) return null;
  if (!r.ok) return <OutcomeView outcome={r} what="Per-example gradients" />;
  const { param, dataAxis, sliceShape, rows, count, dtypes } = r.value;
  return (
    <>
      <h4>Per-example gradients, lined up with the data</h4>
      <p className="panel-aside">
        {dataAxis === null
          ? `${param} is not mapped: every example reads all of it, and each row is that example's gradient with respect to the whole ${param}.`
          : `Row k is example k: the slice ${param}[k] taken along in_axes ${dataAxis}, and the gradient of ${lossName} for that example alone, each of shape ${pyShape(sliceShape)}.`}
      </p>
      <table className="cg-per-example" aria-label="Per-example gradients beside the data">
        <thead>
          <tr>
            <th scope="col">k</th>
            <th scope="col">{dataAxis === null ? param : `${param}[k]`}</th>
            <th scope="col">∂{lossName}/∂{param} for example k</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, k) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{short(row.data, dtypes.data)}</td>
              <td>{short(row.grad, dtypes.grad)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {count > rows.length && <p className="panel-aside">{`… ${count - rows.length} more examples`}</p>}
    </>
  );
}

export function GraphView({ s }: { s: ExplorerState }) {
  const argnums = useStore((st) => st.gradArgnums);
  const chosen = useStore((st) => st.graphLoss);
  // The grad panel's own "jnp.sum as the loss" switch applies here too unless a loss is chosen.
  const sumLoss = useStore((st) => st.gradSumLoss);
  const loss = chosen === "f" && sumLoss ? "sum" : chosen;
  const setLoss = useStore((st) => st.setGraphLoss);
  const r = selectGraph(s, { argnums, loss });
  const head = useId();
  const name = r.lossSource ? "loss" : "f";
  return (
    <section className="cg" aria-labelledby={head}>
      <h3 id={head}>The computation graph</h3>
      <p className="panel-aside">
        <code>
          jax.grad({name}, argnums={r.k})({r.params.join(", ")})
        </code>{" "}
        as the primitives of its jaxpr. Step through the forward pass (each value appears), then the backward pass: each primitive's VJP rule
        turns the cotangent of its result into cotangents for the values it read.
      </p>
      {r.nonScalar && (
        <div className="cg-loss" role="group" aria-label="Loss">
          <p>
            {sumLoss && chosen === "f" ? (
              <>
                The graph uses the panel&apos;s loss, <code>jnp.sum</code>; choose another for the graph alone:
              </>
            ) : sumLoss ? (
              <>
                The graph&apos;s own loss (the gradients above use <code>jnp.sum</code>, the panel&apos;s); press it again to follow the panel:
              </>
            ) : (
              <>
                f's output is not a scalar, so <code>jax.grad</code> needs a scalar loss of it. Choose one:
              </>
            )}
          </p>
          {LOSSES.map((l) => (
            <button key={l.kind} type="button" aria-pressed={loss === l.kind} onClick={() => setLoss(loss === l.kind ? "f" : l.kind)}>
              {l.label}
            </button>
          ))}
          {r.lossSource && (
            <pre>
              <code aria-label="Graph loss function">loss = {r.lossSource}</code>
            </pre>
          )}
        </div>
      )}
      {r.ok ? (
        <Stepper r={r} />
      ) : "tooBig" in r ? (
        <p className="panel-note" role="status">
          This call is too big to step through on the page (past its work budget); the graph is drawn for smaller shapes.
        </p>
      ) : (
        <OutcomeView outcome={r} what="Graph" />
      )}
      {r.ok && <PerExampleTable r={r.perExample} lossName={name} />}
    </section>
  );
}
