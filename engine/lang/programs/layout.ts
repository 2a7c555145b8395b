/**
 * A program's layout for the tokenizer (tokens.ts `tokenize(src, stopAfter, layout)`), as
 * CPython's tokenizer reads it (Parser/tokenizer.c): newline tokens outside brackets, indent and
 * dedent tokens, blank and comment lines skipped, triple-quoted strings. Only programs load it.
 */
import { indentationError, readString, syntaxError, type Layout, type Token } from "../tokens";

/** Augmented assignments (statements only). */
const AUG_ASSIGN = ["**=", "+=", "-=", "*=", "/=", "@="];

/** A program's layout while it is tokenized: bracket depth and the indentation stack. */
export class ProgramLayout implements Layout {
  depth = 0;
  atLineStart = true;
  private readonly indents = [0];
  /** Each level's indentation with a tab counted as one column: CPython's "altcol", for TabError. */
  private readonly altIndents = [0];
  private readonly opens: { c: string; pos: number }[] = [];

  constructor(private readonly src: string, private readonly toks: Token[]) {}

  /** Ends a logical line (a newline outside brackets, or `;`); empty lines make no token. */
  newline(pos: number, text = "\n"): void {
    const t = this.toks[this.toks.length - 1];
    if (t && t.kind !== "newline" && t.kind !== "indent" && t.kind !== "dedent") this.toks.push({ kind: "newline", text, pos, end: pos + 1 });
    if (text === "\n") this.atLineStart = true;
  }

  bracket(c: string, pos: number): void {
    if ("([{".includes(c)) {
      this.depth++;
      this.opens.push({ c, pos });
    } else if (")]}".includes(c)) {
      this.depth = Math.max(0, this.depth - 1);
      this.opens.pop();
    }
  }

  /** Measures a line's indentation (a tab to the next multiple of 8, as CPython); skips blank and comment lines. */
  lineStart(i: number): number {
    const src = this.src;
    while (i < src.length) {
      let col = 0;
      let alt = 0;
      let j = i;
      while (j < src.length && (src[j] === " " || src[j] === "\t" || src[j] === "\f")) {
        col = src[j] === "\t" ? (Math.floor(col / 8) + 1) * 8 : col + 1;
        alt++;
        j++;
      }
      const c = src[j];
      if (c === undefined) return j;
      if (c === "\n" || c === "\r" || c === "#") {
        while (j < src.length && src[j] !== "\n") j++;
        i = j + 1;
        continue;
      }
      this.atLineStart = false;
      const top = this.indents[this.indents.length - 1];
      // As CPython's tokenizer: a line whose place among the levels would change with the tab
      // size (8 against 1) mixes tabs and spaces inconsistently.
      const tabError = () => indentationError(src, j, "inconsistent use of tabs and spaces in indentation", "TabError");
      const altTop = () => this.altIndents[this.altIndents.length - 1];
      if (col > top) {
        if (this.toks.length === 0) throw indentationError(src, j, "unexpected indent");
        if (alt <= altTop()) throw tabError();
        this.indents.push(col);
        this.altIndents.push(alt);
        this.toks.push({ kind: "indent", text: "", pos: j, end: j });
      } else if (col < top) {
        while (col < this.indents[this.indents.length - 1]) {
          this.indents.pop();
          this.altIndents.pop();
          this.toks.push({ kind: "dedent", text: "", pos: j, end: j });
        }
        if (col !== this.indents[this.indents.length - 1]) throw indentationError(src, j, "unindent does not match any outer indentation level");
        if (alt !== altTop()) throw tabError();
      } else if (alt !== altTop()) throw tabError();
      return j;
    }
    return i;
  }

  token(i: number): number {
    const src = this.src;
    const c = src[i];
    if ((c === "\n" || c === ";") && this.depth === 0) {
      this.newline(i, c);
      return i + 1;
    }
    if ((c === "'" || c === '"') && src.startsWith(c.repeat(3), i)) return readLongString(src, i, this.toks);
    const prefix = /^[rRfFbBuU]{1,2}(?=['"])/.exec(src.slice(i, i + 3));
    if (prefix) {
      const p = prefix[0];
      if (/[fF]/.test(p)) throw syntaxError(src, i, "f-strings are not supported", "print(x.shape) prints a shape");
      if (/[bB]/.test(p)) throw syntaxError(src, i, "bytes literals are not supported");
      const j = readString(src, i + p.length, this.toks, /[rR]/.test(p));
      this.toks[this.toks.length - 1].pos = i;
      return j;
    }
    const aug = AUG_ASSIGN.find((o) => src.startsWith(o, i));
    if (aug) {
      this.toks.push({ kind: "op", text: aug, pos: i });
      return i + aug.length;
    }
    return i;
  }

  finish(pos: number): void {
    const open = this.opens[this.opens.length - 1];
    if (open) throw syntaxError(this.src, open.pos, `'${open.c}' was never closed`);
    this.newline(pos, "");
    while (this.indents.length > 1) {
      this.indents.pop();
      this.altIndents.pop();
      this.toks.push({ kind: "dedent", text: "", pos, end: pos });
    }
  }
}

/** A triple-quoted string (a docstring): it may span lines; its text is kept as written. */
export function readLongString(src: string, i: number, toks: Token[]): number {
  const start = i;
  const q = src.slice(i, i + 3);
  const close = src.indexOf(q, i + 3);
  if (close < 0) throw syntaxError(src, start, "unterminated triple-quoted string literal");
  toks.push({ kind: "string", text: src.slice(i + 3, close), pos: start, end: close + 3 });
  return close + 3;
}


export const programLayout = (src: string, toks: Token[]): Layout => new ProgramLayout(src, toks);
