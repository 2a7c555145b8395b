/**
 * Where a grid's cells are on the page, for pictures that span grids (the gather arrows): each
 * SVG grid registers a locator under its highlight key (`in:0`, `out:0`) while mounted; the
 * Stage provides the registry. Locators measure on call (a bounding box and the layout), so
 * nothing is stored that a resize could make stale.
 */
import { createContext, useContext, useEffect } from "react";

/** A cell's centre and size in client (viewport) pixels. */
export interface CellSpot { x: number; y: number; size: number }
export type Locator = (cell: number) => CellSpot | null;

export class CellLocators {
  private readonly byKey = new Map<string, Locator>();
  set(key: string, loc: Locator): () => void {
    this.byKey.set(key, loc);
    return () => {
      if (this.byKey.get(key) === loc) this.byKey.delete(key);
    };
  }
  locate(key: string, cell: number): CellSpot | null {
    return this.byKey.get(key)?.(cell) ?? null;
  }
}

export const CellLocatorContext = createContext<CellLocators | null>(null);

/** Registers `loc` under `key` in the enclosing Stage's registry (none outside a Stage). */
export function useCellLocator(key: string | undefined, loc: Locator): void {
  const reg = useContext(CellLocatorContext);
  useEffect(() => (reg && key ? reg.set(key, loc) : undefined), [reg, key, loc]);
}
