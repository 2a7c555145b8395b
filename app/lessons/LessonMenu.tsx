/**
 * The Lessons menu: each lesson with its length and where the student stopped (progress.ts),
 * the three quiz levels, and the cheat sheet. Escape or a click elsewhere closes it.
 */
import { useDismiss } from "../useDismiss";
import { useEffect, useMemo, useRef } from "react";
import { useStore } from "../state/store";
import { lessonLibrary } from "./library";
import { pageStorage, readProgress } from "./progress";
import { LEVELS } from "./QuizPlayer";
import "./lessons.css";

export default function LessonMenu({ onClose }: { onClose: (refocus: boolean) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const lib = lessonLibrary();
  const progress = useMemo(() => readProgress(pageStorage()), []);
  const s = useStore.getState;

  useEffect(() => {
    box.current?.querySelector("button")?.focus();
  }, []);
  // The menu and its Lessons button (its parent): a press on the button toggles it, not this.
  useDismiss(true, () => box.current?.parentElement, (by) => onClose(by === "escape"));

  const open = (id: string, step: number) => {
    const st = s();
    if (!st.lessonLibrary) st.setLessonLibrary(lib);
    st.showCheatSheet(false);
    st.openLesson(id, step);
    onClose(false);
  };

  return (
    <div className="lesson-menu" role="dialog" aria-label="Lessons" ref={box}>
      <h2>Lessons</h2>
      <ul>
        {[...lib.values()].map((l) => {
          const at = progress.get(l.id);
          const resume = at !== undefined && at > 0 && at < l.steps.length ? at : 0;
          return (
            <li key={l.id}>
              <button type="button" onClick={() => open(l.id, resume)}>
                {l.title}
              </button>
              <span className="note">
                {l.steps.length} steps{resume > 0 ? ` · continue at step ${resume + 1}` : ""}. {l.summary}
              </span>
            </li>
          );
        })}
      </ul>
      <h2>Quiz</h2>
      <ul className="quiz-levels">
        {LEVELS.map((l) => (
          <li key={l.level}>
            <button
              type="button"
              onClick={() => {
                s().showCheatSheet(false);
                s().openQuiz(l.level);
                onClose(false);
              }}
            >
              Quiz: {l.label}
            </button>
            <span className="note">{l.about}</span>
          </li>
        ))}
      </ul>
      <p>
        <button
          type="button"
          onClick={() => {
            s().showCheatSheet(true);
            onClose(false);
          }}
        >
          Cheat sheet
        </button>{" "}
        <span className="note">the rules on one page, for printing</span>
      </p>
    </div>
  );
}
