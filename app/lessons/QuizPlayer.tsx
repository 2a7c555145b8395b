/**
 * Quiz mode: a random call at the chosen level (quiz.ts) is loaded into the explorer with its
 * results hidden (by the store's quiz actions, lessonSlice.ts); the student predicts its output
 * shape or "error" (QuestionBox, checked against the engine), and the session's score counts
 * first answers.
 */
import { useMemo, useRef } from "react";
import { useStore } from "../state/store";
import type { QuizLevel } from "../state/lessonSlice";
import { drawQuestion } from "./quiz";
import { QuestionBox } from "./QuestionBox";

export const LEVELS: { level: QuizLevel; label: string; about: string }[] = [
  { level: "easy", label: "Easy", about: "two 2-d arrays, element-wise, axis 0 or 1" },
  { level: "medium", label: "Medium", about: "None, negative axes, out_axes" },
  { level: "hard", label: "Hard", about: "tuples, nested vmap, errors" },
];

export function QuizPlayer() {
  const quiz = useStore((s) => s.quiz);
  const score = useStore((s) => s.quizScore);
  const next = useRef<HTMLButtonElement>(null);
  const state = useMemo(() => (quiz ? drawQuestion(quiz.level, quiz.seed, quiz.n) : null), [quiz]);

  if (!quiz || !state) return null;
  const s = useStore.getState;
  const level = LEVELS.find((l) => l.level === quiz.level)!;
  return (
    <section className="lesson quiz" aria-labelledby="quiz-title">
      <div className="lesson-head">
        <h2 id="quiz-title">
          Quiz: {level.label} <span className="note">({level.about})</span>
        </h2>
        <p className="quiz-score" aria-live="polite">
          Score this session: {score.right} of {score.asked}
        </p>
        <button type="button" onClick={() => s().closeQuiz()}>
          Close quiz
        </button>
      </div>
      <p>Question {quiz.n + 1}: the call is in the explorer below, with its results hidden.</p>
      <QuestionBox key={`${quiz.seed}:${quiz.n}`} state={state} onFirstAnswer={(right) => s().scoreQuiz(right)} onAnswered={() => next.current?.focus()} />
      <nav className="lesson-nav" aria-label="Quiz">
        <button type="button" ref={next} onClick={() => s().quizNext()}>
          Next question ▶
        </button>
        <label>
          Level{" "}
          <select value={quiz.level} onChange={(e) => s().openQuiz(e.target.value as QuizLevel)}>
            {LEVELS.map((l) => (
              <option key={l.level} value={l.level}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </section>
  );
}
