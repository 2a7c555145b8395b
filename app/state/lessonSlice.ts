/**
 * Which lesson is open and at which step (the agreed seam: `lesson`, `openLesson`,
 * `closeLesson`, `lessonNext`, `lessonPrev`). The lessons themselves are data
 * (app/lessons/data/), loaded lazily with the player: `lessonLibrary` holds them once they are
 * in. Opening a lesson before then (a step's link, presenter keys) records where to go and
 * loads them; the step is entered when they arrive. Entering a step loads its explorer state as
 * one undoable step (`loadExplorer`); a step whose data could not be read (its `problem`)
 * leaves the explorer as it is, and the player shows why. `lessonConceal` hides the results
 * while a question waits for its answer (the picture's outputs, the shape story, the code).
 */
import type { StateCreator } from "zustand";
import type { LessonLibrary } from "../lessons/lessonTypes";
import type { StoreState } from "./store";
import type { ExplorerState } from "./explorerTypes";
import { mayEditAll } from "../classroom/lock";
import { selectView } from "./selectors";

export interface LessonAt {
  id: string;
  /** 0-based here; links write it 1-based (`step=1` is the first). */
  step: number;
}

export interface OpenLessonOptions {
  /** Keep the explorer as it is (a step's link that carries the state the student left). */
  keepExplorer?: boolean;
  /** Opened by the page's link, which may carry a student lock beside the lesson (the teacher's choice). */
  fromLink?: boolean;
}

export type QuizLevel = "easy" | "medium" | "hard";

/** The quiz: its level, the question number and the seed its calls are drawn from (app/lessons/quiz.ts). */
export interface QuizAt {
  level: QuizLevel;
  n: number;
  seed: number;
}

export interface LessonSlice {
  lesson: LessonAt | null;
  lessonLibrary: LessonLibrary | null;
  /** A question waits for its answer: the results stay hidden until `revealAnswer`. */
  lessonConceal: boolean;
  openLesson: (id: string, step?: number, opts?: OpenLessonOptions) => void;
  closeLesson: () => void;
  /** True when it moved (false on the last step, or with no lesson open). */
  lessonNext: () => boolean;
  lessonPrev: () => boolean;
  setLessonLibrary: (lib: LessonLibrary) => void;
  /** Shows the hidden results and plays them once (a call that raises shows its error instead). */
  revealAnswer: () => void;
  quiz: QuizAt | null;
  /** This session's score, over every quiz question answered. */
  quizScore: { right: number; asked: number };
  /** Loads the quiz's chunk if need be, then its first call into the explorer, hidden. */
  openQuiz: (level: QuizLevel, seed?: number) => void;
  quizNext: () => void;
  closeQuiz: () => void;
  scoreQuiz: (right: boolean) => void;
  /** The cheat sheet page is shown in place of the explorer. */
  cheatSheet: boolean;
  showCheatSheet: (on: boolean) => void;
}

/** The lesson data, in their own chunk: the first screen does not carry them. */
export const loadLessonLibrary = (): Promise<LessonLibrary> => import("../lessons/library").then((m) => m.lessonLibrary());

const couldNotLoad = (what: string, e: unknown) =>
  `${what} could not be loaded (${e instanceof Error ? e.message : String(e)}); try again when the page can reach its files.`;

type DrawQuestion = (level: QuizLevel, seed: number, n: number) => ExplorerState;

export const createLessonSlice: StateCreator<StoreState, [], [], LessonSlice> = (set, get) => {
  let pending: OpenLessonOptions = {};
  /** The quiz's call drawer (app/lessons/quiz.ts), once its chunk is in. */
  let drawQuestion: DrawQuestion | null = null;
  /** Counts quiz openings and what supersedes them, so a chunk arriving late does not open a quiz the student has left. */
  let quizOpenings = 0;

  /**
   * Asks question `q`: its call, its concealment and its number are written in one synchronous
   * block, which React renders as one update, so no frame shows the call's answer or another
   * call under this number (an effect that loaded the call after the number was rendered did).
   */
  const ask = (draw: DrawQuestion, q: QuizAt) => {
    get().loadExplorer(draw(q.level, q.seed, q.n));
    forgetLastGood();
    undoFromHere();
    get().resetPlayback();
    set({ lesson: null, quiz: q, lessonConceal: true });
  };

  /**
   * A question or step is a call of its own: when it fails (an error the step teaches), the
   * picture left from the step before is no result of it, so none is kept to show dimmed.
   */
  const forgetLastGood = () => set({ lastGood: null });
  /** Undo goes back within this step or question only (historySlice.ts undoFloor); closing the lesson lifts it. */
  const undoFromHere = () => set({ undoFloor: get().past.length });

  /** Enters step `step` of lesson `id` from the loaded library; a bad id or step falls back with a notice. */
  const enter = (lib: LessonLibrary, id: string, step: number, opts: OpenLessonOptions) => {
    const p = lib.place(id, step);
    if (!p.lesson) {
      set({ lesson: null, lessonConceal: false, notice: p.notice });
      return;
    }
    // The student's own edits stay only on the step the link asked for.
    const keep = opts.keepExplorer === true && p.notice === null;
    const st = p.lesson.steps[p.at];
    if (!keep && st.state) {
      get().restoreExplorer(st.state, p.notice);
      forgetLastGood();
    } else if (p.notice) set({ notice: p.notice });
    get().resetPlayback();
    undoFromHere();
    set({ lesson: { id, step: p.at }, quiz: null, lessonConceal: st.question !== null && st.state !== null });
  };

  const move = (delta: number): boolean => {
    const { lesson, lessonLibrary } = get();
    if (!lesson || !lessonLibrary) return false;
    const n = lessonLibrary.get(lesson.id)?.steps.length ?? 0;
    const to = lesson.step + delta;
    if (to < 0 || to >= n) return false;
    enter(lessonLibrary, lesson.id, to, {});
    return true;
  };

  return {
    lesson: null,
    lessonLibrary: null,
    lessonConceal: false,
    openLesson: (id, step = 0, opts = {}) => {
      // Under a student link that locks anything, only the link's own lesson (and its steps) opens:
      // another lesson would replace the teacher's example.
      if (!opts.fromLink && !mayEditAll(get().lock) && get().lesson?.id !== id) return;
      quizOpenings++;
      const lib = get().lessonLibrary;
      if (lib) return enter(lib, id, step, opts);
      // Not loaded yet: remember where to go, and go there when the data arrive.
      pending = opts;
      set({ lesson: { id, step }, quiz: null, lessonConceal: false });
      // import() loads the chunk once; a second open while it loads just waits for the same one.
      loadLessonLibrary().then(
        (l) => {
          if (!get().lessonLibrary) get().setLessonLibrary(l);
        },
        (e: unknown) => {
          set({ lesson: null, notice: couldNotLoad("The lessons", e) });
        },
      );
    },
    closeLesson: () => set({ lesson: null, lessonConceal: false, undoFloor: 0 }),
    lessonNext: () => move(1),
    lessonPrev: () => move(-1),
    setLessonLibrary: (lib) => {
      set({ lessonLibrary: lib });
      const at = get().lesson;
      if (at) enter(lib, at.id, at.step, pending);
      pending = {};
    },
    revealAnswer: () => {
      set({ lessonConceal: false });
      const s = get();
      const r = selectView(s.explorer, s.lastGood).result;
      if (r.ok && r.story.axisSize > 0) s.play(r.story.axisSize);
    },
    quiz: null,
    quizScore: { right: 0, asked: 0 },
    openQuiz: (level, seed = Math.floor(Math.random() * 2 ** 31)) => {
      // A question is a new call: not under a student link that locks anything (its menu is hidden there too).
      if (!mayEditAll(get().lock)) return;
      const q = { level, n: 0, seed };
      const mine = ++quizOpenings;
      if (drawQuestion) return ask(drawQuestion, q);
      import("../lessons/quiz").then(
        (m) => {
          drawQuestion = m.drawQuestion;
          if (mine === quizOpenings) ask(drawQuestion, q);
        },
        (e: unknown) => set({ notice: couldNotLoad("The quiz", e) }),
      );
    },
    quizNext: () => {
      const q = get().quiz;
      if (q && drawQuestion) ask(drawQuestion, { ...q, n: q.n + 1 });
    },
    closeQuiz: () => {
      quizOpenings++;
      set({ quiz: null, lessonConceal: false, undoFloor: 0 });
    },
    cheatSheet: false,
    showCheatSheet: (cheatSheet) => set({ cheatSheet }),
    scoreQuiz: (right) => {
      const { right: r, asked } = get().quizScore;
      set({ quizScore: { right: r + (right ? 1 : 0), asked: asked + 1 } });
    },
  };
};
