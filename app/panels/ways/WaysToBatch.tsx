/**
 * "Ways to batch", a section of the jit panel (loaded on demand): the explorer's vmap call as
 * four programs with the same result (ways.ts) — each with its JAX code to copy and its jaxpr's
 * size — timed in the timing worker (waysJob.ts through timeAgainstSize/runners.ts) with the
 * spread of the runs, a bar chart (WaysChart.tsx) and a tick (or a cross with the difference)
 * for each result checked against vmap's. The quickstart preset adds JAX's quickstart `selu` on
 * 10⁶ elements, eager against jit.
 */
import { useId, useMemo, useRef } from "react";
import { canCompile, withinWorkBudget } from "../../../engine/index";
import { PAGE_BUDGET, vmapCall, withX64 } from "../../state/engineBridge";
import { explorerKey, type ExplorerState } from "../../state/explorerTypes";
import { QUICKSTART } from "./quickstart";
import { useStore } from "../../state/store";
import { LOCKED_TITLE, mayEditAll } from "../../classroom/lock";
import { CopyButton } from "../../share/CopyButton";
import { fmtMs } from "../jit/TimeIt";
import { TimingControls, useTimingJob } from "../timeAgainstSize/useTimingJob";
import { runStats } from "./waysChart";
import { WaysChart } from "./WaysChart";
import { buildWays, WAY_LABELS, type Way } from "./ways";
import { SELU_SOURCE, type ResultCheck, type TimedId, type WayTiming } from "./waysJob";
import "./ways.css";

const LABELS: Record<TimedId, string> = { ...WAY_LABELS, selu: "selu, eager (10⁶)", "selu-jit": "jit(selu) (10⁶)" };
const labelOf = (id: TimedId) => LABELS[id];
const SELU_IDS: TimedId[] = ["selu", "selu-jit"];

const SELU_CODE = `def selu(x, alpha=1.67, lmbda=1.05):
    return lmbda * jnp.where(x > 0, x, alpha * jnp.exp(x) - alpha)

x = jax.random.normal(jax.random.key(0), (1_000_000,))
selu(x).block_until_ready()            # eager: one dispatch per operation
selu_jit = jax.jit(selu)
selu_jit(x).block_until_ready()        # compiled once, then one fused program`;

const QUICKSTART_KEY = explorerKey(QUICKSTART.state);

type Shown = { ok: true; size: number; ways: (Way & { eqns: number | null })[] } | { ok: false; message: string };

/** The ways with their jaxpr sizes, built on the page within its budget. */
function staticWays(s: ExplorerState, outputIsTree: boolean): Shown {
  const r = withinWorkBudget(PAGE_BUDGET, () =>
    withX64(s, (): Shown => {
      const b = buildWays(vmapCall(s), outputIsTree);
      if (!b.ok) return { ok: false, message: b.error.message };
      const sized = b.ways.map((w) => {
        try {
          return { ...w, eqns: w.jaxprSize ? w.jaxprSize() : null };
        } catch {
          return { ...w, eqns: null };
        }
      });
      return { ok: true, size: b.size, ways: sized };
    }),
  );
  return r.done ? r.value : { ok: false, message: "This call is too big to build four ways of on the page." };
}

function CheckMark({ check }: { check: ResultCheck | null }) {
  if (!check) return <span className="ways-check">(the reference the others are checked against)</span>;
  if (check.equal) return <span className="ways-check ok">✓ equal</span>;
  return (
    <span className="ways-check bad">
      ✗ {check.shapeMismatch ? "different shapes" : `differs by up to ${Number(check.maxDiff.toPrecision(3))}`}
    </span>
  );
}

function Timing({ t }: { t: WayTiming | undefined }) {
  if (!t) return null;
  const st = runStats(t.runs);
  return (
    <p className="ways-timing">
      {fmtMs(st.median)} <span className="panel-aside">({fmtMs(st.fastest)}–{fmtMs(st.slowest)}; warm-up {fmtMs(t.runs[0])})</span> <CheckMark check={t.check} />
    </p>
  );
}

function CodeBlock({ code, label }: { code: string; label: string }) {
  const el = useRef<HTMLElement>(null);
  return (
    <div className="ways-code">
      <pre tabIndex={0} aria-label={`${label} code`}>
        <code ref={el}>{code}</code>
      </pre>
      <CopyButton text={code} label="Copy" selectTarget={el} ariaLabel={`Copy the ${label} code`} />
    </div>
  );
}

function WayItem({ way, timing }: { way: Way & { eqns: number | null }; timing: WayTiming | undefined }) {
  return (
    <li className="ways-item" data-way={way.id}>
      <h4>
        {way.label}
        {way.code !== null && <span className="panel-aside"> · jaxpr: {way.eqns === null ? "—" : `${way.eqns} equation${way.eqns === 1 ? "" : "s"}`}</span>}
      </h4>
      {way.code === null ? <p className="ways-none">{way.why}</p> : <CodeBlock code={way.code} label={way.label} />}
      {way.code !== null && <p className="panel-aside">{way.why}</p>}
      <Timing t={timing} />
    </li>
  );
}

export default function WaysToBatch({ s, outputIsTree }: { s: ExplorerState; outputIsTree: boolean }) {
  const head = useId();
  const shown = useMemo(() => staticWays(s, outputIsTree), [s, outputIsTree]);
  const quickstart = explorerKey(s) === QUICKSTART_KEY;
  const loadPreset = useStore((st) => st.loadPreset);
  // A whole new example: not under a student link that locks anything (the store would refuse it).
  const locked = useStore((st) => !mayEditAll(st.lock));
  const { current, running, start, cancel } = useTimingJob("ways", s);
  const timings = current?.progress.map((m) => m.timing) ?? [];
  const timingOf = (id: TimedId) => timings.find((t) => t.id === id);
  return (
    <section className="ways" aria-labelledby={head}>
      <h3 id={head}>Ways to batch</h3>
      <p className="panel-aside">
        The same call written four ways that give the same result{shown.ok ? ` (a batch of ${shown.size})` : ""}: a Python loop over the slices, batching by
        hand, <code>vmap(f)</code> and <code>jit(vmap(f))</code>. vmap rewrites f into one program on the whole batch, so its jaxpr stays the size of
        f&apos;s while the loop&apos;s repeats f for every slice.
      </p>
      {quickstart ? (
        <div className="ways-quickstart">
          <p>
            JAX&apos;s quickstart: <code>apply_matrix</code> (<code>{QUICKSTART.state.fnSource}</code>) batched naively, by hand and with vmap,
            and <code>selu</code> on 10⁶ elements, eager against jit (<code>{SELU_SOURCE}</code>).
          </p>
          <CodeBlock code={SELU_CODE} label="selu, eager and jit" />
        </div>
      ) : (
        <p>
          <button type="button" disabled={locked} title={locked ? LOCKED_TITLE : undefined} onClick={() => loadPreset(QUICKSTART)}>
            Load JAX&apos;s quickstart
          </button>
        </p>
      )}
      {shown.ok ? (
        <ol className="ways-list">
          {shown.ways.map((w) => (
            <WayItem key={w.id} way={w} timing={timingOf(w.id)} />
          ))}
        </ol>
      ) : (
        <div className="panel-error" role="status">
          <pre>{shown.message}</pre>
        </div>
      )}
      <TimingControls
        label="Time the ways"
        progressLabel="Ways timing progress"
        running={running}
        disabled={!shown.ok}
        done={current?.done ?? 0}
        total={current?.total ?? 0}
        onStart={() => start({ state: s, runs: 7, compile: canCompile(), quickstart })}
        onCancel={cancel}
      />
      {current?.error && (
        <p className="panel-note" role="status">
          {current.error}
        </p>
      )}
      {timings.length > 0 && (
        <>
          {/* selu's 10⁶ elements take far longer than the batch: its own chart, so both stay readable. */}
          <WaysChart timings={timings.filter((t) => !SELU_IDS.includes(t.id))} labels={labelOf} />
          {quickstart && timings.some((t) => SELU_IDS.includes(t.id)) && (
            <>
              <h4>selu on 10⁶ elements</h4>
              <WaysChart timings={timings.filter((t) => SELU_IDS.includes(t.id))} labels={labelOf} />
              {SELU_IDS.map((id) => timingOf(id) && (
                <div key={id} className="ways-timing">
                  {labelOf(id)}: <Timing t={timingOf(id)} />
                </div>
              ))}
            </>
          )}
        </>
      )}
    </section>
  );
}
