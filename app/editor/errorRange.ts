/**
 * Where an editor underlines an error: the engine gives a 1-based line and column
 * (engine `sourcePosition` of EngineError.column); the mark covers the name or number that
 * starts there (`jnp.foo` marks `foo`), or the one character there, or an empty point at the
 * end of the text (an unclosed bracket: the parser stopped at the end). Pure, shared by the
 * plain editor's overlay and CodeMirror's diagnostic.
 */

export interface ErrorAt {
  /** 1-based line. */
  line: number;
  /** 1-based column within the line. */
  column: number;
}

/** The [from, to) offsets to mark in `text`, or null when the position is not in it. */
export function errorRange(text: string, at: ErrorAt): { from: number; to: number } | null {
  let lineStart = 0;
  for (let l = 1; l < at.line; l++) {
    const nl = text.indexOf("\n", lineStart);
    if (nl < 0) return null;
    lineStart = nl + 1;
  }
  let lineEnd = text.indexOf("\n", lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const from = lineStart + at.column - 1;
  if (at.column < 1 || from > lineEnd) return null;
  if (from === lineEnd) return { from, to: from };
  // A name (`.foo` when the engine points at the dot of `jnp.foo`) or a number, else one character.
  const word = /^\.?\w+/.exec(text.slice(from, lineEnd));
  return { from, to: from + (word ? word[0].length : 1) };
}
