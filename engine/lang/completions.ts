/**
 * Every dotted name the lambda language knows (`jnp.sum`, `jax.vmap`, `jax.nn.relu`,
 * `jax.numpy.sum`, `jnp.pi`), with the Python signature of each function as JAX declares it
 * (numpy/signatures.ts): what an editor offers as completions. Built from the same tables the
 * resolver checks names against (names.ts `moduleMembers`), so it offers exactly what parses.
 */
import { JNP_SIGNATURES, NN_SIGNATURES } from "../numpy/signatures";
import type { Param, Signature } from "../numpy/signature";
import { JNP_CONSTANTS, moduleMembers, type ModulePath } from "./names";

export interface LanguageName {
  /** The full dotted name as written: `jnp.sum`, `jax.numpy.sum`, `jax.nn`. */
  name: string;
  kind: "function" | "constant" | "module";
  /** A function's parameters as Python prints its signature: `(a, axis=None, …)`. */
  signature?: string;
}

/** A default as Python prints it (JAX's signatures hold None, booleans, numbers, short strings). */
function pyDefault(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return `'${v}'`;
  return String(v);
}

const param = (q: Param): string => ("dflt" in q ? `${q.name}=${pyDefault(q.dflt)}` : q.name);

/** `(x, y, /, *, out=None)`: positional-only operands of a ufunc, keyword-only parameters after `*`. */
export function pySignature(sig: Signature): string {
  const positional = sig.params.filter((q) => !q.kwonly).map(param);
  const keywordOnly = sig.params.filter((q) => q.kwonly).map(param);
  const parts = [...positional];
  if (sig.ufunc && positional.length) parts.push("/");
  if (sig.varargs) parts.push(`*${sig.varargs.name}`);
  else if (keywordOnly.length) parts.push("*");
  return `(${[...parts, ...keywordOnly].join(", ")})`;
}

const SIGNATURES: Partial<Record<ModulePath, Record<string, Signature>>> = { jnp: JNP_SIGNATURES, "jax.nn": NN_SIGNATURES };
/** The spellings of each module in the language (resolve.ts staticRef / moduleMember). */
const SPELLINGS: [ModulePath, string][] = [["jnp", "jnp"], ["jnp", "jax.numpy"], ["jax", "jax"], ["jax.nn", "jax.nn"], ["jax.lax", "jax.lax"]];
const SUBMODULES: Record<string, ModulePath> = { numpy: "jnp", nn: "jax.nn", lax: "jax.lax" };

let cached: readonly LanguageName[] | null = null;

export function languageNames(): readonly LanguageName[] {
  if (cached) return cached;
  const out: LanguageName[] = [];
  for (const [path, label] of SPELLINGS) {
    for (const member of moduleMembers(path)) {
      const name = `${label}.${member}`;
      const sigs = SIGNATURES[path];
      if (path === "jax" && Object.hasOwn(SUBMODULES, member)) out.push({ name, kind: "module" });
      else if (path === "jnp" && Object.hasOwn(JNP_CONSTANTS, member)) out.push({ name, kind: "constant" });
      else if (sigs && Object.hasOwn(sigs, member)) out.push({ name, kind: "function", signature: pySignature(sigs[member]) });
      else out.push({ name, kind: "function" });
    }
  }
  return (cached = Object.freeze(out));
}
