/**
 * The header's "Lessons" button. Its menu (the lessons with where the student stopped, the
 * quiz levels and the cheat sheet) loads with the lessons' chunk on first press, so the
 * first screen carries only this button.
 */
import { lazy, Suspense, useRef, useState } from "react";

const LessonMenu = lazy(() => import("./LessonMenu"));

export function LessonsButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
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
