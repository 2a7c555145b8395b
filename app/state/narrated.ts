/**
 * The playback narration's material (viz/narration.ts) for the picture shown: each input leaf
 * with its cells written (symbols or values), each output with its values and, while a k is
 * shown, the engine's expression of each cell written by symbol and by value. Loaded with the
 * narration on the first step (PlaybackControls.tsx), not with the first screen.
 */
import type { VmapCall, VmapStory } from "./engineBridge";
import type { InputLeaf } from "./hooks";
import { namerFor, outputExprs, type CellTexts, type SymbolWriter } from "./symbols";
import { cellText } from "../viz/numberText";
import { outputName } from "../explorer/Stage";
import type { NarratedInput, NarratedOutput } from "../viz/narration";

export { narrate } from "../viz/narration";

export interface NarrationSource {
  call: VmapCall;
  story: VmapStory | null;
  /** The story is a dimmed last good one (its expressions are not this state's). */
  stale: boolean;
  leaves: readonly InputLeaf[];
  texts: CellTexts;
  /** The expression writer, once loaded; expressions only while a k is shown (they cost a trace). */
  writer: SymbolWriter | null;
  showingK: boolean;
}

export function narratedParts(s: NarrationSource): { inputs: NarratedInput[]; outputs: NarratedOutput[] } {
  const { call, story, leaves, texts, writer } = s;
  const inputs = leaves.map((l, i) => ({
    name: l.label,
    shape: l.shape,
    axis: l.axis,
    sliceShape: l.sliceShape,
    cell: (c: number) => texts.inputs[i]?.[c] ?? (l.values[c] === undefined ? "?" : cellText(l.values[c], l.dtype)),
  }));
  if (!story) return { inputs, outputs: [] };
  const exprs = s.showingK && !s.stale && writer ? outputExprs(call) : null;
  const shapes = leaves.map((l) => l.shape);
  const bySymbol = writer && namerFor(writer, call, leaves);
  const byValue = writer && namerFor(writer, call, leaves, true);
  const outputs = story.outputs.map((o, i) => {
    const cells = exprs?.[i] ?? null;
    const vals = story.values[i];
    return {
      name: outputName(o.path, story.outputTree),
      shape: o.shape,
      axis: o.outAxis,
      perExampleShape: o.perExampleShape,
      value: (c: number) => (vals?.data[c] === undefined ? "?" : cellText(vals.data[c], vals.dtype)),
      expr: cells && writer && bySymbol ? (c: number) => writer.exprText(cells[c], bySymbol, shapes) : null,
      exprByValue: cells && writer && byValue ? (c: number) => writer.exprText(cells[c], byValue, shapes, false) : null,
    };
  });
  return { inputs, outputs };
}
