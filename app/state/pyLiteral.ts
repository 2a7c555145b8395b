/**
 * A tiny reader and printer for the Python literals the explorer edits: ints, `None` and
 * tuples of them (`(0, None)`, `((None, None), 0)`, `(2, 3, 5, 7, 9)`). It is the one
 * whitelist through which in_axes, out_axes and shapes enter from a text field or the URL:
 * anything else is refused with a short reason, never evaluated. JAX prints tuples the same
 * way (`(2,)` for one entry), which is what the call line and the generated code show.
 */

export type PyLit = number | null | PyLit[];

export class LiteralError extends Error {}

const MAX_LEN = 400;
const MAX_DEPTH = 4;

/** Parses `text` as an int, `None` or a (nested) tuple of those. Throws LiteralError. */
export function parsePyLiteral(text: string): PyLit {
  if (text.length > MAX_LEN) throw new LiteralError("the text is too long");
  let pos = 0;
  const ws = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const value = (depth: number): PyLit => {
    ws();
    if (depth > MAX_DEPTH) throw new LiteralError("too deeply nested");
    const ch = text[pos];
    if (ch === "(" || ch === "[") {
      const close = ch === "(" ? ")" : "]";
      pos++;
      const items: PyLit[] = [];
      let trailingComma = false;
      ws();
      while (text[pos] !== close) {
        if (pos >= text.length) throw new LiteralError(`missing '${close}'`);
        items.push(value(depth + 1));
        ws();
        trailingComma = false;
        if (text[pos] === ",") {
          pos++;
          trailingComma = true;
          ws();
        } else if (text[pos] !== close) {
          throw new LiteralError(`expected ',' or '${close}' at column ${pos + 1}`);
        }
      }
      pos++;
      // `(3)` is just 3 in Python; only `(3,)` is a tuple.
      if (close === ")" && items.length === 1 && !trailingComma) return items[0];
      return items;
    }
    const m = /^(-?\d{1,10})|^(None)\b/.exec(text.slice(pos));
    if (!m) throw new LiteralError(pos >= text.length ? "unexpected end" : `unexpected '${text[pos]}' at column ${pos + 1}`);
    pos += m[0].length;
    return m[2] ? null : Number(m[1]);
  };
  const out = value(0);
  ws();
  if (pos !== text.length) throw new LiteralError(`unexpected '${text[pos]}' at column ${pos + 1}`);
  return out;
}

/** Python's repr: `None`, `3`, `(2,)`, `(0, None)`, `((None, None), 0)`. */
export function formatPyLiteral(v: PyLit): string {
  if (v === null) return "None";
  if (typeof v === "number") return String(v);
  if (v.length === 1) return `(${formatPyLiteral(v[0])},)`;
  return `(${v.map(formatPyLiteral).join(", ")})`;
}
