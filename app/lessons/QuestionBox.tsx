/**
 * Predict, then reveal: asks for the output shape (or "error") of the call on screen, checks the
 * answer against the engine's (answer.ts), and on a right answer (or "Show the answer") shows
 * the results and plays the animation. A wrong answer gets the next hint from the engine's
 * plan and trace: which axis of each argument went where, then what one example gives and
 * where out_axes puts the batch axis. The parent keys it by question, so each starts afresh.
 *
 * The question is about its own call. Until it is answered, an edit (or Undo) that changes the
 * call on screen is not what is checked: the box says so and offers the question's call back.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { explorerKey, type ExplorerState } from "../state/explorerTypes";
import { useStore, useStoreApi } from "../state/store";
import { answerHints, answerText, expectedAnswer, isRight, questionPrompt, readAnswer } from "./answer";

interface Props {
  state: ExplorerState;
  prompt?: string;
  /** Called once, on the first answer (or on giving up: false). */
  onFirstAnswer?: (right: boolean) => void;
  /** Called when the answer is out, right or shown (the player moves focus on to Next: "Show the answer" goes away). */
  onAnswered?: () => void;
}

const MOVED = "The call on screen has changed since the question was asked; the question is about its own call.";
/** What Check says then (the note above says why). */
const NOT_CHECKED = "Not checked: put the question's call back first.";

type Feedback = { tone: "right" | "wrong" | "info"; text: string };

export function QuestionBox({ state, prompt, onFirstAnswer, onAnswered }: Props) {
  const store = useStoreApi();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [wrong, setWrong] = useState(0);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [done, setDone] = useState(false);
  const answered = useRef(false);
  // A function returning a tuple is asked for a tuple of shapes (the call on screen shows it returns one).
  const asked = useMemo(() => questionPrompt(state, prompt), [state, prompt]);
  const hints = useMemo(() => (wrong > 0 ? answerHints(state).slice(0, wrong) : []), [state, wrong]);
  // Compared by content: the same call, however its state object came about (an edit undone).
  const asks = useMemo(() => explorerKey(state), [state]);
  const onScreen = useStore((s) => s.explorer);
  const shows = useMemo(() => explorerKey(onScreen), [onScreen]);
  // Once answered, the call is the student's to explore.
  const moved = !done && shows !== asks;

  useEffect(() => {
    input.current?.focus();
  }, []);

  const first = (right: boolean) => {
    if (answered.current) return;
    answered.current = true;
    onFirstAnswer?.(right);
  };

  /** Show the results and play them once (a call that raises shows its error instead). */
  const reveal = () => {
    setDone(true);
    store.getState().revealAnswer();
  };

  // The "changed" feedback goes with the change: back on the question's call, it has nothing to say.
  useEffect(() => {
    if (!moved) setFeedback((f) => (f?.text === NOT_CHECKED ? null : f));
  }, [moved]);

  const backToQuestion = () => store.getState().restoreExplorer(state, null);

  const check = (e: FormEvent) => {
    e.preventDefault();
    if (moved) return setFeedback({ tone: "info", text: NOT_CHECKED });
    const given = readAnswer(text);
    if (given.kind === "unreadable") return setFeedback({ tone: "info", text: given.why });
    const expected = expectedAnswer(state);
    if (expected.kind === "pending") return setFeedback({ tone: "info", text: "The answer is still being computed; try again in a moment." });
    if (isRight(given, expected)) {
      first(true);
      setFeedback({ tone: "right", text: expected.kind === "error" ? `Right: vmap raises ${answerText(expected)}. Read JAX's message below.` : `Right: the output has shape ${answerText(expected)}.` });
      reveal();
      onAnswered?.();
      return;
    }
    first(false);
    setWrong((n) => n + 1);
    setFeedback({ tone: "wrong", text: given.kind === "error" ? "Not quite: this call runs." : "Not quite." });
  };

  const giveUp = () => {
    // The answer shown is the question's, so its call is the one revealed.
    if (moved) backToQuestion();
    const expected = expectedAnswer(state);
    first(false);
    setFeedback({ tone: "info", text: `The answer: ${answerText(expected)}.` });
    reveal();
    onAnswered?.();
  };

  return (
    <form className="question" onSubmit={check} aria-labelledby={`${id}-q`}>
      <p id={`${id}-q`} className="question-prompt">
        <strong>Predict:</strong> {asked}
      </p>
      <div className="question-row">
        <label htmlFor={`${id}-a`}>Your answer</label>
        <input id={`${id}-a`} ref={input} value={text} onChange={(e) => setText(e.target.value)} placeholder="(2, 2) or error" autoComplete="off" spellCheck={false} />
        <button type="submit">Check</button>
        {!done && (
          <button type="button" onClick={giveUp}>
            Show the answer
          </button>
        )}
      </div>
      {moved && (
        <p className="question-moved">
          {MOVED}{" "}
          <button type="button" onClick={backToQuestion}>
            Back to the question&apos;s call
          </button>
        </p>
      )}
      <div role="status" className="question-feedback">
        {feedback && <p className={`feedback ${feedback.tone}`}>{feedback.text}</p>}
        {feedback?.tone === "wrong" && hints.length > 0 && (
          <ul className="hints" aria-label="Hints">
            {hints.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>
        )}
      </div>
    </form>
  );
}
