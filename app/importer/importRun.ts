/**
 * The Import dialog's side of the engine's lazily loaded importer (engineBridge loads it): the
 * engine's reading of pasted code, under the page's budget, once it is in.
 */
import { ensurePrograms, importSnippet } from "../state/engineBridge";

/** Resolves once the importer and the reader of def programs are loaded. */
export const ready: Promise<void> = ensurePrograms();
export { importSnippet };
