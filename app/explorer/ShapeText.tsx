/** A shape printed like Python's tuple, each entry in its axis colour; the batch axis marked. */
import { axisVar } from "../viz/colors";

export function ShapeText({ shape, mapped, label }: { shape: readonly number[]; mapped: number | null; label?: string }) {
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
