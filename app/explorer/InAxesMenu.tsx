/**
 * An axis menu for one in_axes (or out_axes) entry: None, every legal axis, the negative forms
 * shown with their positive twin, and for a tuple argument "per part", which opens one nested
 * menu per part (`in_axes for p[0]`). A value that is no longer legal (the shape changed) stays
 * selected and marked, so JAX's error can say why.
 */
import { argLeaves, type ArgTree, type AxisTree } from "../state/explorerTypes";
import { useExplorerPart } from "../state/hooks";
import { argFor, inAxisFor } from "../state/explorerTypes";
import { formatPyLiteral, type PyLit } from "../state/pyLiteral";
import { useStore } from "../state/store";
import { LOCKED_TITLE, mayEdit } from "../classroom/lock";

export interface AxisMenuProps {
  label: string;
  tree: ArgTree;
  value: AxisTree;
  onChange: (v: AxisTree) => void;
  /** Also offer the first axis past the end (out_axes: lets a student see JAX's error). */
  offerPastEnd?: boolean;
  /**
   * The label of nested entry i. It must not contain the parent's label: outside checks find
   * controls by label substring, so `in_axes for p` must match exactly one control.
   */
  partLabel?: (i: number) => string;
  /** Locked by a student link (classroom/lock.ts): shown, not changeable. */
  disabled?: boolean;
  /** What the tree is, for the tuple entry over a plain array: an argument (in_axes) or a result (out_axes). */
  noun?: "argument" | "result";
}

function optionsFor(tree: ArgTree, value: AxisTree, offerPastEnd: boolean, noun: string): { key: string; text: string }[] {
  const ranks = argLeaves(tree).map((l) => l.shape.length);
  const r = Math.min(...ranks);
  const same = ranks.every((x) => x === r);
  const opts = [{ key: "None", text: "None" }];
  for (let i = 0; i < r; i++) opts.push({ key: String(i), text: String(i) });
  for (let i = -1; i >= -r; i--) opts.push({ key: String(i), text: same ? `${i} (= ${i + r})` : String(i) });
  if (offerPastEnd) opts.push({ key: String(r), text: `${r} (out of range)` });
  if (tree.kind === "tuple") opts.push({ key: "tuple", text: Array.isArray(value) ? formatPyLiteral(value as PyLit) : "per part (…)" });
  else if (Array.isArray(value)) opts.push({ key: "tuple", text: `${formatPyLiteral(value as PyLit)} (not a tuple ${noun})` });
  if (typeof value === "number" && !opts.some((o) => o.key === String(value))) opts.push({ key: String(value), text: `${value} (out of range)` });
  return opts;
}

export function AxisMenu({ label, tree, value, onChange, offerPastEnd = false, partLabel = (i) => `${label} entry ${i}`, disabled = false, noun = "argument" }: AxisMenuProps) {
  const key = value === null ? "None" : Array.isArray(value) ? "tuple" : String(value);
  const pick = (k: string) => {
    if (k === "None") return onChange(null);
    if (k === "tuple") {
      const fill = typeof value === "number" || value === null ? value : null;
      return onChange(tree.kind === "tuple" ? tree.items.map(() => fill) : [fill]);
    }
    onChange(Number(k));
  };
  const items = tree.kind === "tuple" ? tree.items : [];
  return (
    <span className="axis-menu">
      <select aria-label={label} value={key} onChange={(e) => pick(e.target.value)} disabled={disabled} title={disabled ? LOCKED_TITLE : undefined}>
        {optionsFor(tree, value, offerPastEnd, noun).map((o) => (
          <option key={o.key} value={o.key}>
            {o.text}
          </option>
        ))}
      </select>
      {Array.isArray(value) && tree.kind === "tuple" && (
        <span className="nested">
          (
          {value.map((v, i) => (
            <span key={i}>
              {i > 0 && ", "}
              <AxisMenu
                noun={noun}
                label={partLabel(i)}
                tree={items[i] ?? { kind: "leaf", shape: [] }}
                value={v}
                onChange={(nv) => onChange(value.map((x, j) => (j === i ? nv : x)))}
                offerPastEnd={offerPastEnd}
                partLabel={(j) => `${partLabel(i)} entry ${j}`}
                disabled={disabled}
              />
            </span>
          ))}
          {value.length === 1 ? ",)" : ")"}
        </span>
      )}
    </span>
  );
}

/** The `in_axes for NAME` menu of one parameter. */
export function InAxesMenu({ name }: { name: string }) {
  const { tree, value } = useExplorerPart((s) => ({ tree: argFor(s, name).tree, value: inAxisFor(s, name) }));
  const setInAxis = useStore((st) => st.setInAxis);
  const locked = useStore((st) => !mayEdit(st.lock, "in_axes"));
  return (
    <AxisMenu
      label={`in_axes for ${name}`}
      partLabel={(i) => `in_axes entry for ${name}[${i}]`}
      tree={tree}
      value={value}
      onChange={(v) => setInAxis(name, v)}
      disabled={locked}
    />
  );
}
