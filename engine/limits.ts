/** The largest array the engine will allocate; checked before any allocation so a tab never freezes. */
import { tooLarge } from "./errors";

export const MAX_ELEMENTS = 10_000_000;

export function checkSize(size: number): void {
  if (!Number.isFinite(size) || size > MAX_ELEMENTS) throw tooLarge(size, MAX_ELEMENTS);
}
