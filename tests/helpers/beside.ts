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
 * Waits for the chunks App.tsx loads after the first screen (start.tsx fetches them with it):
 * what sits beside the picture (the shape story, the out_axes table) and the code panel; then
 * lets React show them. (A first import in a test file can take over a second on a busy machine:
 * longer than findBy's wait.)
 */
export async function besideLoaded(): Promise<void> {
  await act(async () => {
    await Promise.all([import("../../app/explorer/Beside"), import("../../app/explorer/CodePanel")]);
  });
}
