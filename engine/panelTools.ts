/**
 * What only the panels and the editor ask of the engine — the backward pass as a tape
 * (transforms/tape.ts), vmap's rewrite equation by equation (transforms/rewrite.ts), the
 * language's names for completions (lang/completions.ts) — as families loaded on first use
 * (lazyFamily.ts), so the first screen does not carry them.
 */
import { lazyFamily, viaFamily } from "./lazyFamily";

const tape = lazyFamily(() => import("./transforms/tape"));
const rewrite = lazyFamily(() => import("./transforms/rewrite"));
const completions = lazyFamily(() => import("./lang/completions"));

export const gradTape = viaFamily(tape, "gradTape", "the backward pass's tape");
export const vmapRewrite = viaFamily(rewrite, "vmapRewrite", "vmap's rewrite");
export const languageNames = viaFamily(completions, "languageNames", "the language's names");
