/** Renders an AST as a compact prefix string, so parser tests can state structure in one line. */
import type { Expr } from "../../engine/lang";
import type { SliceNode } from "../../engine/lang/ast";

export function show(e: Expr | SliceNode | null): string {
  if (e === null) return "";
  switch (e.type) {
    case "number": return e.isFloat ? `${e.value}f` : String(e.value);
    case "string": return JSON.stringify(e.value);
    case "const": return String(e.value);
    case "name": return e.name;
    case "ellipsis": return "...";
    case "binary": case "compare": return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case "unary": return `(u${e.op} ${show(e.operand)})`;
    case "attr": return `${show(e.object)}.${e.name}`;
    case "call": return `${show(e.func)}(${[...e.args.map(show), ...e.keywords.map((k) => `${k.name}=${show(k.value)}`)].join(", ")})`;
    case "index": return `${show(e.object)}[${e.items.map(show).join(", ")}]`;
    case "slice": return `${show(e.start)}:${show(e.stop)}:${show(e.step)}`;
    case "tuple": return `(tuple ${e.items.map(show).join(" ")})`;
    case "list": return `[${e.items.map(show).join(" ")}]`;
    case "dict": return `{${e.keys.map((k, i) => `${show(k)}: ${show(e.values[i])}`).join(", ")}}`;
    case "lambda": return `(lambda ${e.params.join(",")}: ${show(e.body)})`;
  }
}
