/** A shape printed like Python's tuple, each entry in its axis colour; the batch axis marked. */
import { memo } from "react";
import { axisVar } from "../viz/colors";
import { sameShape } from "../state/explorerTypes";

interface ShapeTextProps {
  shape: readonly number[];
  mapped: number | null;
  label?: string;
}

/** Shapes arrive as new arrays with each view: one with the same entries is not drawn again. */
export const ShapeText = memo(ShapeTextOf, (a, b) => a.mapped === b.mapped && a.label === b.label && sameShape(a.shape, b.shape));

function ShapeTextOf({ shape, mapped, label }: ShapeTextProps) {
  const parts = shape.map((d, i) => (
    <span key={i} className={i === mapped ? "dim mapped" : "dim"} style={{ color: axisVar(i, mapped) }} title={`axis ${i}${i === mapped ? " (mapped)" : ""}`}>
      {d}
    </span>
  ));
  const inner: React.ReactNode[] = [];
  parts.forEach((p, i) => {
    if (i > 0) inner.push(", ");
    inner.push(p);
  });
  return (
    <code className="shape" aria-label={label}>
      ({inner}
      {shape.length === 1 ? "," : ""})
    </code>
  );
}
