import { act } from "@testing-library/react";
import { BESIDE_QUIET_MS } from "../../app/state/hooks";

/**
 * Lets what sits beside the picture (the shape story, the out_axes table, the code) catch up:
 * it follows after a frame and once the controls rest (hooks.ts useViewBeside).
 */
export async function besideCaughtUp(): Promise<void> {
  await besideLoaded();
  await act(() => new Promise<void>((r) => setTimeout(r, BESIDE_QUIET_MS + 50)));
}

/**
 * Waits for the chunk of what sits beside the picture (App.tsx loads the shape story and the
 * out_axes table after the first screen) and lets React show it.
 */
export async function besideLoaded(): Promise<void> {
  await act(async () => {
    await import("../../app/explorer/Beside");
  });
}
