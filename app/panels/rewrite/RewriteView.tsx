/**
 * "How vmap rewrote the program": `make_jaxpr(f)` at the per-example shapes beside
 * `make_jaxpr(vmap(f, in_axes, out_axes))` at the batched shapes, equation by equation. Every
 * variable shows its shape with the batch axis marked (or "unbatched"); the equations vmap added
 * (a `transpose` or `broadcast_in_dim` to line batch axes up, the move to out_axes) are flagged.
 * Hovering or focusing a row highlights the equations that belong together and the shape-story
 * line (explorer) that batched them. The pairing is the engine's (rewriteModel.ts).
 */
import { useId, useState } from "react";
import { pyShape, type RewriteEqn, type RewriteVar } from "../../../engine/index";
import { ShapeText } from "../../explorer/ShapeText";
import { useStore } from "../../state/store";
import type { ExplorerState } from "../../state/explorerTypes";
import { OutcomeView } from "../Outcome";
import { selectRewrite, type RewriteRow } from "./rewriteModel";
import "./rewrite.css";

function VarChip({ v, batched }: { v: RewriteVar; batched: boolean }) {
  return (
    <span className="rw-var" data-var={v.name} data-bdim={v.bdim ?? "none"}>
      <code>{v.name}</code> <ShapeText shape={v.shape} mapped={v.bdim} label={`${v.name} shape ${pyShape(v.shape)}`} />
      {batched && <span className="panel-aside">{v.bdim === null ? " unbatched" : ` batch at ${v.bdim}`}</span>}
    </span>
  );
}

function VarList({ title, vars, batched }: { title: string; vars: RewriteVar[]; batched: boolean }) {
  return (
    <div className="rw-vars">
      <span>{title}</span>
      {vars.map((v, i) => (
        <VarChip key={i} v={v} batched={batched} />
      ))}
    </div>
  );
}

function IoRow({ title, per, batched }: { title: string; per: RewriteVar[]; batched: RewriteVar[] }) {
  return (
    <tr className="rw-io">
      <td>
        <VarList title={title} vars={per} batched={false} />
      </td>
      <td>
        <VarList title={title} vars={batched} batched />
      </td>
    </tr>
  );
}

function EqnCell({ e, batched }: { e: RewriteEqn; batched: boolean }) {
  return (
    <>
      <pre className="rw-eqn">
        <code>{e.text}</code>
      </pre>
      <div className="rw-vars">
        {e.outputs.map((v) => (
          <VarChip key={v.name} v={v} batched={batched} />
        ))}
      </div>
    </>
  );
}

function addedNote(row: RewriteRow): string | null {
  const o = row.batched?.origin;
  if (!o || o.kind !== "added") return null;
  return `added by vmap: ${o.why}`;
}

export function RewriteView({ s }: { s: ExplorerState }) {
  const r = selectRewrite(s, undefined);
  const head = useId();
  const [hot, setHot] = useState<number | null>(null);
  const setStoryLine = useStore((st) => st.setStoryLineHover);
  const enter = (row: RewriteRow, perLine: number | null) => {
    setHot(row.owner);
    setStoryLine(perLine);
  };
  const leave = () => {
    setHot(null);
    setStoryLine(null);
  };
  return (
    <section className="rewrite" aria-labelledby={head}>
      <h3 id={head}>How vmap rewrote the program</h3>
      {!r.ok ? (
        <OutcomeView outcome={r} what="Rewrite" />
      ) : (
        <>
          <p className="panel-aside">
            Left, <code>jax.make_jaxpr(f)</code> at one example's shapes; right, <code>jax.make_jaxpr(jax.vmap(f, …))</code> at the batched shapes
            (B = {r.rewrite.axisSize}). The batch axis of every variable is marked; equations vmap added are flagged. Hover or focus a row to see
            which equations belong together and the shape-story line that batched them.
          </p>
          <table className="rw-table" aria-label="How vmap rewrote the program" onMouseLeave={leave}>
            <thead>
              <tr>
                <th scope="col">per example: make_jaxpr(f)</th>
                <th scope="col">batched: make_jaxpr(vmap(f))</th>
              </tr>
            </thead>
            <tbody>
              <IoRow
                title="inputs"
                per={[...r.rewrite.perExample.constvars, ...r.rewrite.perExample.invars]}
                batched={[...r.rewrite.batched.constvars, ...r.rewrite.batched.invars]}
              />
              {r.rows.map((row, i) => {
                const perLine = row.owner === null ? null : (r.rewrite.perExample.eqns[row.owner]?.storyLine ?? null);
                const note = addedNote(row);
                const cls = ["rw-row", row.added ? "rw-added" : "", hot !== null && hot === row.owner ? "rw-hot" : ""].filter(Boolean).join(" ");
                return (
                  <tr
                    key={i}
                    className={cls}
                    tabIndex={0}
                    data-owner={row.owner ?? "out_axes"}
                    onMouseEnter={() => enter(row, perLine)}
                    onFocus={() => enter(row, perLine)}
                    onBlur={leave}
                  >
                    <td>{row.perExample ? <EqnCell e={row.perExample} batched={false} /> : <span className="panel-aside">—</span>}</td>
                    <td>
                      {row.batched ? <EqnCell e={row.batched} batched /> : <span className="panel-aside">no equation of its own</span>}
                      {note && <p className="rw-note">{note}</p>}
                      {row.batched?.origin.kind === "unchanged" && <p className="panel-aside">unchanged: no operand is batched</p>}
                    </td>
                  </tr>
                );
              })}
              <IoRow title="result" per={r.rewrite.perExample.outvars} batched={r.rewrite.batched.outvars} />
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
