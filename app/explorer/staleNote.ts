/**
 * What a picture drawn from the last good state says it is, while this state fails or computes
 * (the view's `stale`): said in words beside the output, the shape story and the caption, not
 * by grey alone.
 */
export function staleNote(view: { stale: boolean; computing: boolean }): string | null {
  if (!view.stale) return null;
  return view.computing ? "last result, while this one computes" : "last good result, before the error";
}
