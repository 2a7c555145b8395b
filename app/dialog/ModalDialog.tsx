/**
 * The one modal dialog scaffold (Share, Import JAX code, the classroom's dialogs): a native
 * <dialog> opened with showModal, so the browser keeps focus inside and makes the page behind
 * inert; a titled head with a Close button; Escape, the close button and a click on the
 * backdrop all call `onClose`; keys pressed inside stay inside (the page's playback, presenter
 * and undo keys belong to the page behind); and when it goes, focus returns to where it was.
 * The caller mounts it to open it and unmounts it to close it.
 */
import { useEffect, useId, useRef, type ReactNode } from "react";
import "./modalDialog.css";

export interface ModalDialogProps {
  title: string;
  onClose: () => void;
  /** Extra class on the <dialog> (its own width or content rules). */
  className?: string;
  children: ReactNode;
}

export function ModalDialog({ title, onClose, className, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    const back = document.activeElement as HTMLElement | null;
    // Where <dialog> has no methods (jsdom, browsers before 2022) it opens as a plain open element.
    if (d && !d.open) {
      if (typeof d.showModal === "function") d.showModal();
      else d.setAttribute("open", "");
    }
    return () => back?.focus?.();
  }, []);
  const close = (e: { preventDefault: () => void }) => {
    e.preventDefault();
    onClose();
  };
  return (
    <dialog
      ref={ref}
      className={className ? `modal-dialog ${className}` : "modal-dialog"}
      aria-labelledby={`${id}-title`}
      onCancel={close}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Escape") close(e);
      }}
      // The dialog element itself is hit only on its backdrop: its content fills it.
      onClick={(e) => e.target === e.currentTarget && onClose()}
    >
      <div className="modal-body">
        <div className="modal-head">
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
