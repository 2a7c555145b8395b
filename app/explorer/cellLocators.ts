/**
 * Where a grid's cells are on the page, for pictures that span grids (the gather arrows): each
 * SVG grid registers a locator under its highlight key (`in:0`, `out:0`) while mounted; the
 * Stage provides the registry. Locators measure on call (a bounding box and the layout), so
 * nothing is stored that a resize could make stale.
 */
import { createContext, useCallback, useContext, useEffect, type RefObject } from "react";
import type { GridLayout } from "../viz/layout";

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

/**
 * Registers where `layout`'s cells are under `key` in the enclosing Stage's registry (none
 * outside a Stage). `el` is the element drawn at the layout's proportions (the SVG, the canvas
 * frame), perhaps shrunk: layout units scale by its drawn width. Both painters use this.
 */
export function useGridLocator(key: string | undefined, layout: GridLayout, el: RefObject<Element | null>): void {
  const reg = useContext(CellLocatorContext);
  const locate = useCallback(
    (i: number): CellSpot | null => {
      const c = layout.cells[i];
      const r = el.current?.getBoundingClientRect();
      if (!c || !r || r.width === 0) return null;
      const s = r.width / layout.width;
      return { x: r.left + (c.x + layout.cell / 2) * s, y: r.top + (c.y + layout.cell / 2) * s, size: layout.cell * s };
    },
    [layout, el],
  );
  useEffect(() => (reg && key ? reg.set(key, locate) : undefined), [reg, key, locate]);
}
