/**
 * Hands one <g> to a D3 drawing function whenever its inputs change (style P12: D3 owns only
 * this layer, React owns everything around it). Running transitions on the layer are
 * interrupted before a redraw and on unmount, so a new frame always wins.
 */
import { useLayoutEffect, type DependencyList, type RefObject } from "react";
import { select, type Selection } from "d3-selection";
import { transitionsReady } from "./transitions";

export type Layer = Selection<SVGGElement, unknown, null, undefined>;

export function useD3Layer(ref: RefObject<SVGGElement | null>, draw: (g: Layer) => void, deps: DependencyList): void {
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    const g = select(node) as Layer;
    draw(g);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useLayoutEffect(() => {
    const node = ref.current;
    return () => {
      if (node && transitionsReady()) select(node).selectAll("*").interrupt();
    };
  }, [ref]);
}
