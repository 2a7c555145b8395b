/**
 * `Shape of NAME`: type a shape like `(2,3,5,7,9)` (or `((3,), (3,))` for a tuple argument), or
 * add/remove axes with buttons; a tuple argument also gets one field per part (`Shape of p[0]`).
 * The field keeps exactly what was typed: a shape that does not read stays in the box with a
 * hint saying exactly what is wrong (shapeText.ts, the reader links use too), and only a
 * readable one reaches the store. Plus the fill choice (`Fill of NAME`).
 */
import { useEffect, useState } from "react";
import { argFor, formatArgTree, type ArgTree, type Fill } from "../state/explorerTypes";
import { useExplorerPart } from "../state/hooks";
import { MAX_RANK, readShape } from "../state/shapeText";
import { useStore, useStoreApi } from "../state/store";
import { LOCKED_TITLE } from "../classroom/lock";

function readTree(text: string, leafOnly: boolean): ArgTree | string {
  const r = readShape(text, leafOnly);
  return r.ok ? r.tree : r.problem;
}

function ShapeField({ label, value, leafOnly, onCommit }: { label: string; value: ArgTree; leafOnly: boolean; onCommit: (t: ArgTree) => void }) {
  const text = formatArgTree(value);
  const [draft, setDraft] = useState(text);
  const parsed = readTree(draft, leafOnly);
  // Follow outside changes (undo, presets, the +/- buttons) unless the draft already means the same.
  useEffect(() => {
    const cur = readTree(draft, leafOnly);
    if (typeof cur === "string" || formatArgTree(cur) !== text) setDraft(text);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  const hintId = `hint-${label.replace(/\W+/g, "-")}`;
  return (
    <span className="shape-field">
      <input
        type="text"
        aria-label={label}
        value={draft}
        spellCheck={false}
        aria-invalid={typeof parsed === "string"}
        aria-describedby={typeof parsed === "string" ? hintId : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const t = readTree(e.target.value, leafOnly);
          if (typeof t !== "string") onCommit(t);
        }}
      />
      {typeof parsed === "string" && (
        <span id={hintId} className="hint">
          {parsed}
        </span>
      )}
    </span>
  );
}

function AxisButtons({ shape, onChange, name }: { shape: number[]; onChange: (s: number[]) => void; name: string }) {
  return (
    <span className="axis-buttons">
      <button type="button" aria-label={`Add an axis to ${name}`} disabled={shape.length >= MAX_RANK} onClick={() => onChange([...shape, 2])}>
        + axis
      </button>
      <button type="button" aria-label={`Remove the last axis of ${name}`} disabled={shape.length === 0} onClick={() => onChange(shape.slice(0, -1))}>
        − axis
      </button>
    </span>
  );
}

/** `locked`: shown but not changeable (a student link, classroom/lock.ts): the fieldset disables every control in it. */
export function ShapeEditor({ name, locked = false }: { name: string; locked?: boolean }) {
  const arg = useExplorerPart((s) => argFor(s, name));
  const imported = useExplorerPart((s) => s.code !== undefined);
  const { setArgTree, setLeafShape, setFill } = useStoreApi().getState();
  const leafPaths = (t: ArgTree, path: number[] = []): { path: number[]; shape: number[] }[] =>
    t.kind === "leaf" ? [{ path, shape: t.shape }] : t.items.flatMap((x, i) => leafPaths(x, [...path, i]));
  return (
    <fieldset className="shape-editor" disabled={locked} title={locked ? LOCKED_TITLE : undefined}>
      <legend>{name}</legend>
      <label>
        <span className="field-name">shape</span>
        <ShapeField label={`Shape of ${name}`} value={arg.tree} leafOnly={false} onCommit={(t) => setArgTree(name, t)} />
      </label>
      {arg.tree.kind === "leaf" ? (
        <AxisButtons shape={arg.tree.shape} name={name} onChange={(sh) => setArgTree(name, { kind: "leaf", shape: sh })} />
      ) : (
        <div className="parts">
          {leafPaths(arg.tree).map((l) => {
            const part = `${name}${l.path.map((i) => `[${i}]`).join("")}`;
            return (
              <div key={part} className="part">
                <ShapeField label={`Part ${part} shape`} value={{ kind: "leaf", shape: l.shape }} leafOnly onCommit={(t) => t.kind === "leaf" && setLeafShape(name, l.path, t.shape)} />
                <AxisButtons shape={l.shape} name={part} onChange={(sh) => setLeafShape(name, l.path, sh)} />
              </div>
            );
          })}
        </div>
      )}
      <label className="fill">
        <span className="field-name">fill</span>
        <select aria-label={`Fill of ${name}`} value={arg.fill} onChange={(e) => setFill(name, e.target.value as Fill)}>
          <option value="symbols">symbols (a₀₁ …)</option>
          <option value="unique">unique numbers</option>
          <option value="random">small random numbers</option>
          <option value="indices">indices 0, 1, 2, … (int)</option>
          {(imported || arg.fill === "code") && <option value="code">the imported code's values</option>}
        </select>
      </label>
    </fieldset>
  );
}

