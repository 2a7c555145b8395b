/**
 * An engine result's numbers as a small table: a vector as one row, a matrix as rows, higher
 * ranks as rows of the last axis headed by their leading index (`[1, 0, :]`). Above MAX_SHOWN
 * values it is summarised (count, min, max, mean, the first few) instead of drawn.
 */
import { pyShape } from "../../engine";
import { fmt as fmtAs, summarize, type Leaf } from "./format";

const MAX_SHOWN = 144;

function rowIndex(r: number, lead: readonly number[]): string {
  const idx: number[] = [];
  for (let d = lead.length - 1; d >= 0; d--) {
    idx.unshift(r % lead[d]);
    r = Math.floor(r / lead[d]);
  }
  return `[${[...idx, ":"].join(", ")}]`;
}

export function ValueGrid({ leaf, label }: { leaf: Leaf; label: string }) {
  const { shape, values, dtype } = leaf;
  const fmt = (v: number) => fmtAs(v, dtype);
  if (values.length === 0) return <p className="vgrid-note">{pyShape(shape)}: no values</p>;
  if (values.length > MAX_SHOWN) {
    const s = summarize(values);
    const first = Array.from(values.subarray(0, 6), fmt).join(", ");
    return (
      <p className="vgrid-summary" aria-label={label}>
        {s.n} values (too many to list): min {fmt(s.min)}, max {fmt(s.max)}, mean {fmt(s.mean)}; first {first} …
      </p>
    );
  }
  const cols = shape.length === 0 ? 1 : shape[shape.length - 1];
  const lead = shape.slice(0, -1);
  const rows = values.length / cols;
  const headed = shape.length > 2;
  return (
    <div className="vgrid-wrap">
      <table className="vgrid" aria-label={label}>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            <tr key={r}>
              {headed && <th scope="row">{rowIndex(r, lead)}</th>}
              {Array.from(values.subarray(r * cols, (r + 1) * cols), (v, c) => (
                <td key={c}>{fmt(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every leaf of a result: one table, or one per tuple part with its key path. */
export function ResultValues({ leaves, label }: { leaves: Leaf[]; label: string }) {
  if (leaves.length === 1 && leaves[0].path === "") return <ValueGrid leaf={leaves[0]} label={label} />;
  return (
    <>
      {leaves.map((l) => (
        <div key={l.path} className="vgrid-part">
          <code>
            {l.path} {pyShape(l.shape)}
          </code>
          <ValueGrid leaf={l} label={`${label} ${l.path}`} />
        </div>
      ))}
    </>
  );
}
