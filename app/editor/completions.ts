/**
 * Autocompletion of the `jnp.` / `jax.` names the engine knows (engine `languageNames`, the
 * tables its resolver checks names against): after `jnp.su` it offers `sum` with its Python
 * signature, after `jax.` the functions and the `numpy` and `nn` modules. Not inside strings
 * or comments. Part of the lazily loaded editor chunk (it imports CodeMirror).
 */
import type { Completion, CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import { syntaxTree } from "@codemirror/language";
import { languageNames } from "../../engine";

const TYPES = { function: "function", constant: "constant", module: "namespace" } as const;

/** The members of each module spelling (`jnp`, `jax.numpy`, `jax`, `jax.nn`), and the roots. */
function byModule(): Map<string, Completion[]> {
  const map = new Map<string, Completion[]>();
  for (const n of languageNames()) {
    const dot = n.name.lastIndexOf(".");
    const mod = n.name.slice(0, dot);
    const list = map.get(mod) ?? [];
    list.push({ label: n.name.slice(dot + 1), type: TYPES[n.kind], detail: n.signature });
    map.set(mod, list);
  }
  map.set("", [...map.keys()].filter((m) => !m.includes(".")).map((m) => ({ label: m, type: "namespace" })));
  return map;
}

let modules: Map<string, Completion[]> | null = null;

export function jaxCompletions(ctx: CompletionContext): CompletionResult | null {
  const node = syntaxTree(ctx.state).resolveInner(ctx.pos, -1);
  if (/String|Comment/.test(node.type.name)) return null;
  const chain = ctx.matchBefore(/[A-Za-z_][\w.]*$/);
  if (!chain) return ctx.explicit ? { from: ctx.pos, options: (modules ??= byModule()).get("") ?? [] } : null;
  // The preceding character must not make this an attribute of something else (`x.T`, `a[0].`).
  const before = chain.from > 0 ? ctx.state.sliceDoc(chain.from - 1, chain.from) : "";
  if (before === "." || before === ")" || before === "]") return null;
  const dot = chain.text.lastIndexOf(".");
  const mod = dot < 0 ? "" : chain.text.slice(0, dot);
  const options = (modules ??= byModule()).get(mod);
  if (!options) return null;
  if (dot < 0 && !ctx.explicit && !options.some((o) => o.label.startsWith(chain.text))) return null;
  return { from: chain.from + dot + 1, options, validFor: /^\w*$/ };
}
