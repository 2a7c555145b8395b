/**
 * Tokenizer for the lambda language (a small subset of Python expressions).
 * Every token keeps its 0-based offset so errors can print a caret under the source;
 * columns shown to people are 1-based. Like CPython's tokenizer, it fails on the first
 * character it cannot read, with a `syntax` EngineError.
 */
import { EngineError, type PyType } from "../errors";

/** `newline`, `indent` and `dedent` come only from a program's layout (tokenize's `layout` mode). */
export type TokenKind = "number" | "name" | "string" | "op" | "punct" | "keyword" | "eof" | "newline" | "indent" | "dedent";

export interface Token {
  kind: TokenKind;
  /** The lexeme (for strings: the decoded value). */
  text: string;
  /** 0-based offset of the first character. */
  pos: number;
  /** 0-based offset just past the last character (set for every token but eof). */
  end?: number;
  /** For numbers: the value, and whether Python would read a float (`2.0`, `1e3`). */
  num?: number;
  isFloat?: boolean;
}

export const KEYWORDS = new Set(["lambda", "None", "True", "False"]);

/** Python keywords the language does not read; named so the error can say so. */
export const PY_KEYWORDS = new Set([
  "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
  "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);

// Longest first, so `**` wins over `*` and `<=` over `<`. `//` and `%` are read only to
// report "not supported" instead of "unexpected character".
const OPERATORS = ["**", "<=", ">=", "==", "!=", "//", "+", "-", "*", "/", "@", "<", ">", "%"];
const PUNCT = "()[]{},:.=;";

/**
 * Where an error's `column` (1-based in the whole source, as EngineError carries it) is in
 * lines: the 1-based line and the 1-based column within that line, as the syntax error's own
 * text says it and an editor underlines it. A column past the end stays on the last line.
 */
export function sourcePosition(src: string, column: number): { line: number; column: number } {
  const pos = Math.max(0, Math.min(column - 1, src.length));
  const lineStart = src.lastIndexOf("\n", pos - 1) + 1;
  let line = 1;
  for (let i = src.indexOf("\n"); i >= 0 && i < lineStart; i = src.indexOf("\n", i + 1)) line++;
  return { line, column: pos - lineStart + 1 };
}

/**
 * A syntax EngineError whose message is three lines: what is wrong and where, the source
 * line, and a caret under the offending character. `column` is 1-based in the source string.
 */
export function syntaxError(src: string, pos: number, what: string, hint?: string): EngineError {
  return locatedError(src, pos, "syntax", `invalid syntax: ${what}`, hint);
}

/** Python's IndentationError (a kind of SyntaxError; TabError is one of it), worded as Python words it: no "invalid syntax:" before it. */
export function indentationError(src: string, pos: number, what: string, pyType: "IndentationError" | "TabError" = "IndentationError"): EngineError {
  return locatedError(src, pos, "syntax", what, undefined, pyType);
}

/**
 * An EngineError of `kind` whose first line says `what` and where (line and column in a
 * multi-line source), then the source line and a caret; `column` is the 1-based offset.
 */
export function locatedError(src: string, pos: number, kind: "syntax" | "unsupported", what: string, hint?: string, pyType?: PyType): EngineError {
  const { line: lineNo, column: col } = sourcePosition(src, pos + 1);
  const lineStart = pos - (col - 1);
  let lineEnd = src.indexOf("\n", lineStart);
  if (lineEnd < 0) lineEnd = src.length;
  const line = src.slice(lineStart, lineEnd).replace(/\r$/, "");
  const multiLine = src.includes("\n");
  const where = multiLine ? `line ${lineNo}, column ${col}` : `column ${col}`;
  // Long lines are cut to a window around the caret so the message stays readable.
  let from = 0;
  let shown = line;
  if (line.length > 2 * WINDOW) {
    from = Math.max(0, Math.min(col - 1 - WINDOW, line.length - 2 * WINDOW));
    shown = (from > 0 ? "…" : "") + line.slice(from, from + 2 * WINDOW) + (from + 2 * WINDOW < line.length ? "…" : "");
  }
  // Keep tabs in the caret line so the caret lines up under a tab-indented source.
  const pad = (from > 0 ? " " : "") + line.slice(from, col - 1).replace(/[^\t]/g, " ");
  const first = `${what} at ${where}${hint ? ` (${hint})` : ""}`;
  return new EngineError(kind, `${first}\n${shown}\n${pad}^`, { column: pos + 1, pyType });
}

const WINDOW = 60;

const isDigit = (c: string) => c >= "0" && c <= "9";
const isNameStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isNameChar = (c: string) => isNameStart(c) || isDigit(c);

/** A program's layout while it is tokenized (layout.ts; only programs load it). */
export interface Layout {
  atLineStart: boolean;
  /** Measures the indentation of the line starting at `i`; returns where its first token starts. */
  lineStart(i: number): number;
  /** Reads what only programs have at `i` (end of line, `;`, docstrings, prefixed strings, `+=`): the offset after it, or `i`. */
  token(i: number): number;
  bracket(c: string, pos: number): void;
  finish(pos: number): void;
}
export type LayoutFactory = (src: string, toks: Token[]) => Layout;

/**
 * `stopAfter`: stop once that punctuation is read (the lambda header reader stops at ':').
 * `layout`: read a program as CPython's tokenizer does (Parser/tokenizer.c): a `newline` token
 * ends each logical line outside brackets (`;` too), `indent`/`dedent` tokens follow the
 * indentation, blank and comment-only lines are skipped, and triple-quoted strings may span lines.
 */
export function tokenize(src: string, stopAfter?: string, layout?: LayoutFactory): Token[] {
  const toks: Token[] = [];
  let i = 0;
  const n = src.length;
  const lay = layout ? layout(src, toks) : null;
  while (i < n) {
    if (lay?.atLineStart) {
      i = lay.lineStart(i);
      if (i >= n) break;
    }
    if (lay) {
      const j = lay.token(i);
      if (j > i) {
        i = j;
        continue;
      }
    }
    const c = src[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\\" && (src[i + 1] === "\n" || src.startsWith("\r\n", i + 1))) {
      i += src[i + 1] === "\n" ? 2 : 3; // explicit line continuation
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === "." && isDigit(src[i + 1] ?? ""))) {
      i = readNumber(src, i, toks);
      continue;
    }
    if (isNameStart(c)) {
      while (i < n && isNameChar(src[i])) i++;
      const text = src.slice(start, i);
      toks.push({ kind: KEYWORDS.has(text) ? "keyword" : "name", text, pos: start });
      continue;
    }
    if (c === "'" || c === '"') {
      i = readString(src, i, toks);
      continue;
    }
    if (src.startsWith("...", i)) {
      toks.push({ kind: "punct", text: "...", pos: start });
      i += 3;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      toks.push({ kind: "op", text: op, pos: start });
      i += op.length;
      continue;
    }
    if (PUNCT.includes(c)) {
      toks.push({ kind: "punct", text: c, pos: start });
      lay?.bracket(c, start);
      i++;
      if (c === stopAfter) break;
      continue;
    }
    const cp = src.codePointAt(i) ?? 0;
    const shown = cp >= 0x20 && cp !== 0x7f ? `'${String.fromCodePoint(cp)}'` : `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
    throw syntaxError(src, i, `unexpected character ${shown}`);
  }
  lay?.finish(i);
  toks.push({ kind: "eof", text: "", pos: i });
  for (const t of toks) if (t.end === undefined && t.kind !== "eof") t.end = t.pos + t.text.length;
  return toks;
}

function readNumber(src: string, i: number, toks: Token[]): number {
  const start = i;
  const digits = () => {
    const s = i;
    while (i < src.length && isDigit(src[i])) i++;
    return i > s;
  };
  digits();
  let isFloat = false;
  // `1.` is a float in Python, but `1..` / `1...` are not numbers we read.
  if (src[i] === "." && src[i + 1] !== ".") {
    isFloat = true;
    i++;
    digits();
  }
  if (src[i] === "e" || src[i] === "E") {
    const save = i;
    i++;
    if (src[i] === "+" || src[i] === "-") i++;
    if (!digits()) throw syntaxError(src, save, "invalid decimal literal");
    isFloat = true;
  }
  // `2x`, `1_000`, `0x1f`, `3j`: Python either rejects these or reads a type we do not have.
  if (i < src.length && isNameChar(src[i])) throw syntaxError(src, start, "invalid decimal literal");
  const text = src.slice(start, i);
  if (!isFloat && text.length > 1 && text[0] === "0" && /[1-9]/.test(text)) {
    throw syntaxError(src, start, "leading zeros in decimal integer literals are not permitted");
  }
  toks.push({ kind: "number", text, pos: start, num: Number(text), isFloat });
  return i;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };

export function readString(src: string, i: number, toks: Token[], raw = false): number {
  const start = i;
  const quote = src[i++];
  let out = "";
  while (true) {
    if (i >= src.length || src[i] === "\n") throw syntaxError(src, start, "unterminated string literal");
    const c = src[i];
    if (c === quote) break;
    if (c === "\\") {
      const e = src[i + 1];
      if (e === undefined) throw syntaxError(src, start, "unterminated string literal");
      out += raw ? `\\${e}` : (ESCAPES[e] ?? `\\${e}`);
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  toks.push({ kind: "string", text: out, pos: start, end: i + 1 });
  return i + 1;
}
