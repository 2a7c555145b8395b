/**
 * The open lesson: its name and progress, the step's prose, a question when the step asks one,
 * and Back / Next (the store's lessonPrev / lessonNext). A step whose data could not be read
 * says why, and Next still goes on. The player only calls store actions: the explorer below
 * shows each step's state.
 */
import { useEffect, useRef } from "react";
import { useStore } from "../state/store";
import { Prose } from "./Prose";
import { QuestionBox } from "./QuestionBox";
import { pageStorage, writeProgress } from "./progress";

export function LessonPlayer() {
  const at = useStore((s) => s.lesson);
  const lib = useStore((s) => s.lessonLibrary);
  const heading = useRef<HTMLHeadingElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const lesson = at && lib ? lib.get(at.id) : undefined;
  const opened = at?.id;

  // On opening a lesson, focus goes to its first heading, so the keyboard starts there.
  useEffect(() => {
    if (opened) heading.current?.focus();
  }, [opened, lesson]);

  // Where the student stopped, for the Lessons menu's "continue at step n".
  useEffect(() => {
    if (at && lesson) writeProgress(pageStorage(), at);
  }, [at, lesson]);

  if (!at) return null;
  if (!lesson)
    return (
      <section className="lesson" aria-label="Lesson" aria-busy="true">
        <p>Loading the lesson…</p>
      </section>
    );
  const step = lesson.steps[at.step];
  const n = lesson.steps.length;
  const s = useStore.getState;
  return (
    <section className="lesson" aria-labelledby="lesson-step-title">
      <div className="lesson-head">
        <p className="lesson-name">
          Lesson: <strong>{lesson.title}</strong>
        </p>
        <p className="lesson-progress">
          <span>
            Step {at.step + 1} of {n}
          </span>
          <progress max={n} value={at.step + 1} aria-label={`Progress in ${lesson.title}`} />
        </p>
        <button type="button" onClick={() => s().closeLesson()}>
          Close lesson
        </button>
      </div>
      <h2 id="lesson-step-title" tabIndex={-1} ref={heading}>
        {step.title}
      </h2>
      {step.problem !== null && (
        <div className="error" role="alert">
          This step could not be loaded: {step.problem}. The explorer still shows the step before; Next goes on.
        </div>
      )}
      <div className="lesson-text">
        {step.text.map((t, i) => (
          <Prose key={i} text={t} />
        ))}
      </div>
      {step.question && step.state && <QuestionBox key={`${at.id}:${at.step}`} state={step.state} prompt={step.question.prompt} onAnswered={() => next.current?.focus()} />}
      <nav className="lesson-nav" aria-label="Lesson steps">
        <button type="button" disabled={at.step === 0} onClick={() => s().lessonPrev()}>
          ◀ Back
        </button>
        <button type="button" ref={next} disabled={at.step === n - 1} onClick={() => s().lessonNext()}>
          Next ▶
        </button>
        <a href={`#lesson=${encodeURIComponent(at.id)}&step=${at.step + 1}`}>Link to this step</a>
      </nav>
    </section>
  );
}
