/**
 * JAX's signatures of the jax.lax functions the lambda language has: positional parameters,
 * those also given by keyword, keyword-only options. In the lazily loaded chunk with the
 * functions themselves (lazy.ts); the names live in engine/lang/lax.ts.
 */
import type { LaxName, LaxSignature } from "../lang/lax";

const sig = (positional: string[], required: number, keywords: string[] = [], options: string[] = [], varargs = false): LaxSignature =>
  ({ positional, required, varargs, keywords, options });

const collective = sig(["x", "axis_name"], 2, ["axis_name"]);

export const LAX_SIGNATURES: Record<LaxName, LaxSignature> = {
  cond: sig(["pred", "true_fun", "false_fun"], 3, [], [], true),
  switch: sig(["index", "branches"], 2, [], [], true),
  select: sig(["pred", "on_true", "on_false"], 3),
  fori_loop: sig(["lower", "upper", "body_fun", "init_val"], 4, ["lower", "upper", "body_fun", "init_val"]),
  while_loop: sig(["cond_fun", "body_fun", "init_val"], 3, ["cond_fun", "body_fun", "init_val"]),
  scan: sig(["f", "init", "xs"], 2, ["init", "xs"], ["length", "reverse"]),
  map: sig(["f", "xs"], 2, ["xs"]),
  psum: collective,
  pmean: collective,
  pmax: collective,
  pmin: collective,
  all_gather: sig(["x", "axis_name"], 2, ["axis_name"], ["axis", "tiled"]),
  axis_index: sig(["axis_name"], 1, ["axis_name"]),
};

