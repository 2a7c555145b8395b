/**
 * The jit panel: `jax.jit(jax.vmap(f, in_axes, out_axes))` on the explorer's arguments. It shows
 * how many times f was traced (and that a second call with the same shapes does not retrace),
 * trace and compile time, whether the program runs compiled or interpreted (the interpreter is
 * used when the page's Content-Security-Policy forbids eval), the result, the jaxpr, the
 * generated JavaScript, and a timing against the eager vmap call. Numbers: jitModel.ts.
 */
import { lazy, Suspense, useId, type ReactNode } from "react";
import { resultShapeText } from "../format";
import { ResultValues } from "../ValueGrid";
import { usePanelExplorer } from "../usePanelInputs";
import { PanelLoading } from "../PanelLoading";
import { OutcomeView } from "../Outcome";
import type { ExplorerState } from "../../state/explorerTypes";
import { selectJitReport, type JitRun } from "./jitModel";
import { fmtMs, TimeIt } from "./TimeIt";
import { RewriteView } from "../rewrite/RewriteView";
import { TimeAgainstSize } from "../timeAgainstSize/TimeAgainstSize";

/** "Ways to batch" is its own chunk, loaded when the jit panel renders it. */
const WaysToBatch = lazy(() => import("../ways/WaysToBatch"));

function Stat({ label, children, note }: { label: string; children: ReactNode; note?: string }) {
  const id = useId();
  return (
    <div className="stat">
      <dt id={id}>{label}</dt>
      <dd>
        <strong aria-labelledby={id}>{children}</strong>
        {note && <span className="panel-aside"> {note}</span>}
      </dd>
    </div>
  );
}

/** A scrollable code block; arrows and space scroll it instead of driving the page's playback keys. */
function ScrollPre({ label, children }: { label: string; children: string }) {
  return (
    <pre className="jaxpr" tabIndex={0} aria-label={label} onKeyDown={(e) => (e.key === " " || e.key.startsWith("Arrow")) && e.stopPropagation()}>
      {children}
    </pre>
  );
}

const MODE_NOTE = {
  compiled: "the jaxpr was fused and turned into JavaScript",
  interpreted: "this page's Content-Security-Policy forbids eval, so the engine's interpreter runs the jaxpr",
};

function JitBody({ run, params }: { run: JitRun; params: string[] }) {
  const retraced = run.tracesAfterSecond > run.tracesAfterFirst;
  return (
    <>
      <dl className="jit-stats">
        <Stat label="Traces" note={run.tracedNow ? "this call traced f: a new signature (shapes)" : "no trace: these shapes were cached by an earlier call"}>
          {run.tracesAfterFirst}
        </Stat>
        <Stat label="Traces after a 2nd call, same shapes" note={retraced ? "retraced!" : "cache hit: no retrace"}>
          {run.tracesAfterSecond}
        </Stat>
        <Stat label="Cached signatures">{run.cacheSize}</Stat>
        <Stat label="Trace time" note={run.tracedNow ? undefined : "when these shapes were first traced"}>
          {fmtMs(run.traceMs)}
        </Stat>
        <Stat label="Compile time" note={run.tracedNow ? undefined : "when these shapes were first traced"}>
          {fmtMs(run.compileMs)}
        </Stat>
        <Stat label="Mode" note={run.mode ? MODE_NOTE[run.mode] : undefined}>
          {run.mode ?? "not run"}
        </Stat>
      </dl>
      <div className="panel-result">
        <p className="panel-shape">
          result shape <code aria-label="jit result shape">{resultShapeText(run.out)}</code>
        </p>
        <ResultValues leaves={run.out} label="jit result values" />
      </div>
      <h3>
        jaxpr <code className="panel-aside">jax.make_jaxpr(jax.vmap(f, …))({params.join(", ")})</code>
      </h3>
      <ScrollPre label="jaxpr">{run.jaxpr}</ScrollPre>
      {run.optimizedJaxpr && run.optimizedJaxpr !== run.jaxpr && (
        <details>
          <summary>After dce, cse and constant folding (what runs)</summary>
          <ScrollPre label="Optimized jaxpr">{run.optimizedJaxpr}</ScrollPre>
        </details>
      )}
      <details>
        <summary>Generated JavaScript</summary>
        {run.source ? (
          <ScrollPre label="Generated JavaScript">{run.source}</ScrollPre>
        ) : (
          <p className="panel-aside">None: the program is interpreted, no code was generated.</p>
        )}
      </details>
      <TimeIt run={run} />
    </>
  );
}

export default function JitPanel() {
  const { s, pending } = usePanelExplorer();
  return s === null ? <PanelLoading name="jax.jit" /> : <JitReportView s={s} pending={pending} />;
}

function JitReportView({ s, pending }: { s: ExplorerState; pending: boolean }) {
  const r = selectJitReport(s, undefined);
  const head = useId();
  return (
    <section className="panel jit-panel" aria-labelledby={head} aria-busy={pending}>
      <h2 id={head}>
        <code>jax.jit</code>: trace once, then run the program
      </h2>
      {s.mapWith === "pmap" && (
        <p className="panel-note">
          The call line maps with <code>jax.pmap</code>, which compiles f itself (pmap implies jit); this panel jits the same call mapped with <code>jax.vmap</code>.
        </p>
      )}
      <pre className="panel-code">
        <code aria-label="jit code">{r.code}</code>
      </pre>
      {r.ok ? (
        <JitBody run={r.run} params={r.params} />
      ) : (
        <OutcomeView outcome={{ ok: false, error: r.error }} what="jit result" />
      )}
      <RewriteView s={s} />
      <TimeAgainstSize s={s} />
      <Suspense fallback={<p className="panel-aside">Loading “Ways to batch”…</p>}>
        <WaysToBatch s={s} outputIsTree={r.ok && !(r.run.out.length === 1 && r.run.out[0].path === "")} />
      </Suspense>
    </section>
  );
}
