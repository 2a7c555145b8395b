/**
 * The lazily loaded part of the engine (engine/index.ts loadProgramReader / loadImporter): the
 * reader of def programs, importJax, jax.random's samplers and jnp.linspace/eye/shape, in one chunk.
 */
export { parseProgramFunction } from "../lang/programs/programFunction";
export { importJax, lineColumn } from "./importJax";
export { PROGRAM_EXTRAS } from "./programExtras";
