/** What the engine's lazy chunk adds to the lambda language's host (langHost.ts withProgramExtras). */
import type { ProgramExtras } from "../langHost";
import { NDArray } from "../array/ndarray";
import { arrayStr } from "./arrayStr";
import { eye, linspace, shape } from "../numpy/spaced";
import { isKey, key, normal, PRNGKey, split, uniform } from "../random/random";

/** `print(x)`: a concrete array as NumPy prints it; a tracer (inside a transformation) as JAX names it. */
const str = (v: unknown): string => (v instanceof NDArray ? arrayStr(v) : String(v));

export const PROGRAM_EXTRAS: ProgramExtras = { random: { key, PRNGKey, split, uniform, normal }, isKey, jnp: { linspace, eye, shape }, str };
