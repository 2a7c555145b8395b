/**
 * The header's "Lessons" button. Its menu (the lessons with where the student stopped, the
 * quiz levels and the cheat sheet) loads with the lessons' chunk on first press, so the
 * first screen carries only this button.
 */
import { lazy, Suspense, useLayoutEffect, useRef, useState } from "react";

const LessonMenu = lazy(() => import("./LessonMenu"));

export function LessonsButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // Focus goes back to the button once the menu is gone (its removal would otherwise leave it on
  // the page's body when it held focus).
  const refocus = useRef(false);
  const close = (back: boolean) => {
    refocus.current = back;
    setOpen(false);
  };
  useLayoutEffect(() => {
    if (open || !refocus.current) return;
    refocus.current = false;
    button.current?.focus();
  }, [open]);
  return (
    <div className="lessons-menu-wrap">
      <button type="button" ref={button} aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen((o) => !o)}>
        Lessons
      </button>
      {open && (
        <Suspense fallback={null}>
          <LessonMenu onClose={close} />
        </Suspense>
      )}
    </div>
  );
}
