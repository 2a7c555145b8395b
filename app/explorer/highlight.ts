/**
 * Python highlighting for the function editor: splits the text into spans (keywords, numbers,
 * `jnp.`/`jax.` names, strings, operators). Pure and lossless (the pieces join back to the
 * text), so the overlay lines up with the textarea character for character.
 */

export type TokenClass = "kw" | "num" | "lib" | "str" | "op" | "name" | "plain";

const KEYWORDS = new Set(["lambda", "None", "True", "False", "and", "or", "not", "if", "else", "in", "for"]);

const RULES: [TokenClass, RegExp][] = [
  ["str", /^('[^'\n]*'?|"[^"\n]*"?)/],
  ["lib", /^(jnp|jax|np)(\.[A-Za-z_][A-Za-z0-9_]*)+/],
  ["num", /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+)/],
  ["name", /^[A-Za-z_][A-Za-z0-9_]*/],
  ["op", /^(\*\*|[-+*/@<>=!]=?|[()[\],:.])/],
];

export function highlightPython(src: string): { text: string; cls: TokenClass }[] {
  const out: { text: string; cls: TokenClass }[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    let matched = false;
    for (const [cls, re] of RULES) {
      const m = re.exec(rest);
      if (m && m[0].length > 0) {
        const text = m[0];
        out.push({ text, cls: cls === "name" && KEYWORDS.has(text) ? "kw" : cls });
        i += text.length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      const last = out[out.length - 1];
      if (last && last.cls === "plain") last.text += src[i];
      else out.push({ text: src[i], cls: "plain" });
      i++;
    }
  }
  return out;
}
