// @vitest-environment jsdom
// The one modal dialog scaffold (app/dialog/ModalDialog.tsx) that Share, Import JAX code and the
// classroom's dialogs use: named by its title, opened modally, closed by its button, Escape
// (and the browser's cancel) or a click on the backdrop but not inside, keys kept from the page,
// and focus back on the opener when it goes.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { ModalDialog } from "../../app/dialog/ModalDialog";

afterEach(() => {
  cleanup();
  delete (HTMLDialogElement.prototype as Partial<HTMLDialogElement>).showModal;
});

function open(onClose = vi.fn()) {
  const r = render(
    <ModalDialog title="Import JAX code" onClose={onClose} className="import-dialog">
      <label>
        JAX code <textarea />
      </label>
    </ModalDialog>,
  );
  return { onClose, dialog: screen.getByRole("dialog", { name: "Import JAX code" }), ...r };
}

describe("ModalDialog", () => {
  it("opens modally (showModal) where the browser has it, named by its title, with the caller's class", () => {
    const showModal = vi.fn(function (this: HTMLDialogElement) {
      this.setAttribute("open", "");
    });
    HTMLDialogElement.prototype.showModal = showModal;
    const { dialog } = open();
    expect(showModal).toHaveBeenCalledTimes(1);
    expect(showModal.mock.contexts[0]).toBe(dialog);
    expect(dialog.tagName).toBe("DIALOG");
    expect(dialog.className).toBe("modal-dialog import-dialog");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Import JAX code");
  });

  it("the Close button, Escape and the browser's cancel each call onClose", () => {
    const { onClose, dialog } = open();
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByRole("textbox"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(2);
    const cancel = new Event("cancel", { cancelable: true });
    dialog.dispatchEvent(cancel);
    expect(onClose).toHaveBeenCalledTimes(3);
    // The dialog stays until its owner unmounts it (the browser's own close is prevented).
    expect(cancel.defaultPrevented).toBe(true);
  });

  it("a click on the backdrop closes it, a click inside does not", () => {
    const { onClose, dialog } = open();
    fireEvent.click(screen.getByRole("textbox"));
    fireEvent.click(screen.getByRole("heading"));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(dialog);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("keys pressed inside stay with the dialog, not the page's shortcuts", () => {
    const pageKeys = vi.fn();
    window.addEventListener("keydown", pageKeys);
    try {
      open();
      fireEvent.keyDown(screen.getByRole("textbox"), { key: " " });
      fireEvent.keyDown(screen.getByRole("textbox"), { key: "z", ctrlKey: true });
      expect(pageKeys).not.toHaveBeenCalled();
    } finally {
      window.removeEventListener("keydown", pageKeys);
    }
  });

  it("gives focus back to what had it when it closes", () => {
    const opener = document.body.appendChild(document.createElement("button"));
    opener.focus();
    const { unmount } = open();
    screen.getByRole("textbox").focus();
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
