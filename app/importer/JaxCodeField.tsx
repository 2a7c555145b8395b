/**
 * The Import dialog's code field: a plain labelled <textarea>. It is a seam: the editor
 * (CodeMirror, loaded lazily) replaces it with the same props — the text, its change, and the
 * error's 1-based line and column to underline.
 */
import { useEffect, useRef } from "react";

export interface JaxCodeFieldProps {
  id: string;
  value: string;
  onChange: (text: string) => void;
  /** Where the last Load failed (1-based), or null. */
  error: { line: number; column: number } | null;
  /** id of the element describing the error, for aria-describedby. */
  describedBy?: string;
}

/** The offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let pos = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", pos);
    if (nl < 0) return text.length;
    pos = nl + 1;
  }
  return Math.min(text.length, pos + column - 1);
}

export function JaxCodeField({ id, value, onChange, error, describedBy }: JaxCodeFieldProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  // A failed Load puts the caret on the construct it could not read.
  useEffect(() => {
    const el = area.current;
    if (!el || !error) return;
    const at = offsetOf(el.value, error.line, error.column);
    el.setSelectionRange(at, at);
  }, [error]);
  return (
    <textarea
      id={id}
      ref={area}
      className="jax-code"
      value={value}
      rows={14}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      aria-invalid={error !== null}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
