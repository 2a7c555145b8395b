/**
 * A user's edit of a field, and then a pause: a keystroke in the function box draws what follows
 * from it once typing pauses (app/state/typingPause.ts), which the tests that read the picture
 * right after an edit wait for.
 */
import { act, fireEvent, screen } from "@testing-library/react";
import { settleTyping } from "../../app/state/typingPause";

export function typeInto(label: string, value: string, within: Pick<typeof screen, "getByLabelText"> = screen): void {
  fireEvent.change(within.getByLabelText(label), { target: { value } });
  act(() => settleTyping());
}

/** The pause after edits made some other way (the store's setFnSource, a textarea found by role). */
export const pauseTyping = (): void => act(() => settleTyping());
