/**
 * The page layout only: a header (title, history toolbar, theme toggle, a one-line hint of
 * what to try) above the <main> landmark: the call line on top, the argument editors, the picture with its
 * playback, the shape story and out_axes table beside it, the Python code below, then the
 * lazily loaded grad and jit panels. The keyboard map comes from actions.ts. Each region sits
 * in its own error boundary (ErrorBoundary.tsx): a bug in one shows its message and a Reset
 * there, and the rest of the page keeps working.
 */
import { lazy, memo, Suspense, useEffect, useRef, type ReactNode } from "react";
import { ACTIONS, isFieldTarget, keyAction } from "./actions";
import { CallLine } from "./explorer/CallLine";
import { Panels } from "./panels/Panels";
import { Region } from "./ErrorBoundary";
import { ErrorAlert } from "./explorer/ErrorAlert";
import { PlaybackControls } from "./explorer/PlaybackControls";
import { ShapeEditor } from "./explorer/ShapeEditor";
import { ControlPictureSlot } from "./explorer/PictureSlots";
import { Stage } from "./explorer/Stage";
import { X64Toggle } from "./explorer/X64Toggle";
import { ShareExportLazy as ShareExport } from "./share/ShareExportLazy";
import { LessonsButton } from "./lessons/LessonsButton";
import { ImportButton } from "./importer/ImportButton";
import { selectView } from "./state/selectors";
import { useExplorerPart, useViewPart } from "./state/hooks";
import { inAxisFor } from "./state/explorerTypes";
import { useStore } from "./state/store";
import { setTheme } from "./theme";
import { useTheme } from "./useTheme";
import { ClassroomBar } from "./classroom/ClassroomBar";
import { usePrintHandout } from "./classroom/printHandout";
import { useLeaveWithFullscreen } from "./classroom/presenterActions";
import { isHidden, mayEdit, mayEditAll } from "./classroom/lock";
import { OfflineStatus } from "./offline/OfflineStatus";

// Loaded when first used: the first screen's JavaScript stays within its budget.
const Presenter = lazy(() => import("./classroom/Presenter"));
const ClassroomDialogs = lazy(() => import("./classroom/ClassroomDialogs"));

// The lessons' player, quiz and cheat sheet load with the lessons' chunk, when first opened.
const LessonArea = lazy(() => import("./lessons/LessonArea"));
const DeviceLanes = lazy(() => import("./explorer/DeviceLanes"));
// Below the picture: its code is written after the first screen (CodePanel.tsx).
const CodePanel = lazy(() => import("./explorer/CodePanel").then((m) => ({ default: m.CodePanel })));
// Beside the picture, the shape story and the out_axes table likewise (start.tsx fetches them with the first screen).
const Beside = lazy(() => import("./explorer/Beside").then((m) => ({ default: m.Beside })));
const CheatSheet = lazy(() => import("./lessons/CheatSheet"));

/*
 * The two prerendered parts whose code comes after the first screen's, each behind a Suspense
 * boundary that re-renders only when its own props change. Until a part's chunk arrives React
 * keeps its prerendered HTML (a dehydrated boundary), but only while the boundary gets no
 * update: a re-render of App handed it new children, React gave up hydrating it and showed the
 * fallback (nothing) until the chunk came, so on a slow network the side and the code vanished
 * ~0.6 s after the page came up (tests/browser/lateHydration.test.ts holds their chunks).
 */
const BesideSlot = memo(function BesideSlot(p: { story: boolean; table: boolean }) {
  return (
    <Suspense fallback={null}>
      <Beside story={p.story} table={p.table} />
    </Suspense>
  );
});
const CodeSlot = memo(function CodeSlot() {
  return (
    <Suspense fallback={null}>
      <CodePanel />
    </Suspense>
  );
});

/**
 * The one-line hint, about the function on screen: its first parameter (from the engine, through
 * the view) and an in_axes it does not have yet, so the suggestion always changes something.
 */
function Tagline() {
  const first = useViewPart((v) => v.params[0] ?? null);
  const unmapped = useExplorerPart((s) => first !== null && inAxisFor(s, first) === null);
  const lock = useStore((s) => s.lock);
  // Under a student link, only what the link leaves open is suggested.
  const tries: ReactNode[] = [];
  if (first !== null && mayEdit(lock, "in_axes")) {
    tries.push(
      <>
        set <code>in_axes</code> for <code>{first}</code> to <code>{unmapped ? "0" : "None"}</code>
      </>,
    );
  }
  if (mayEdit(lock, "out_axes") && !mayEdit(lock, "in_axes")) tries.push(<>change <code>out_axes</code></>);
  if (mayEdit(lock, "shapes")) tries.push(<>change a shape</>);
  if (mayEditAll(lock)) tries.push(<>load an example</>);
  return (
    <p className="tagline">
      <strong>Try:</strong>{" "}
      {tries.map((t, i) => (
        <span key={i}>
          {i > 0 && (i === tries.length - 1 ? (tries.length > 2 ? ", or " : " or ") : ", ")}
          {t}
        </span>
      ))}
      {tries.length > 0 ? "; hover" : "hover"} a cell to see where it came from.
    </p>
  );
}

/** Dark or light, remembered (theme.ts); until pressed, the system's choice. */
function ThemeToggle() {
  const theme = useTheme();
  const dark = theme === "dark";
  return (
    <button type="button" className="theme-toggle" aria-pressed={dark} title="Dark theme (remembered)" onClick={() => setTheme(dark ? "light" : "dark")}>
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span> Dark theme
    </button>
  );
}

/**
 * Once, on a first visit with the default example, play the animation when its picture is ready
 * (unless the user prefers reduced motion: start.tsx decides), so the page shows what vmap does
 * before any click. It starts when the browser is next idle (at most a second later), after
 * the page's start-up work, so its first frames do not queue behind hydration; not if the user
 * has already stepped, played or changed anything. A component of its own: the batch size it
 * reads changes with many a shape change, and re-rendering App for it re-rendered the whole
 * page's controls (~50 components) on each such change.
 */
function Autoplay({ enabled }: { enabled: boolean }) {
  useAutoplay(enabled);
  return null;
}

function useAutoplay(enabled: boolean) {
  const B = useViewPart((v) => v.shown?.axisSize ?? 0);
  const done = useRef(!enabled);
  useEffect(() => {
    if (done.current || B <= 0) return;
    const start = () => {
      done.current = true;
      const s = useStore.getState();
      // Not over a change the visitor made first: they chose what to look at.
      if (s.k === null && !s.playing && !s.past.length) s.play(B);
    };
    if (typeof requestIdleCallback !== "function") return void start();
    const id = requestIdleCallback(start, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }, [B]);
}

function Toolbar() {
  const canUndo = useStore((s) => s.past.length > s.undoFloor);
  const canRedo = useStore((s) => s.future.length > 0);
  // Reset loads the default example: not under a student link that locks anything.
  const canReset = useStore((s) => mayEditAll(s.lock));
  return (
    <div className="toolbar" role="toolbar" aria-label="History">
      {ACTIONS.filter((a) => a.toolbar && (a.id !== "reset" || canReset)).map((a) => (
        <button
          key={a.id}
          type="button"
          disabled={(a.id === "undo" && !canUndo) || (a.id === "redo" && !canRedo)}
          title={a.keys.length ? `${a.label} (${a.keys[0]})` : a.label}
          onClick={() => a.perform(useStore.getState(), { B: 0 })}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}

export function App({ autoplay = false }: { autoplay?: boolean }) {
  const notice = useStore((s) => s.notice);
  const setNotice = useStore((s) => s.setNotice);
  const params = useViewPart((v) => v.params);
  const pmap = useStore((s) => s.explorer.mapWith === "pmap");
  const presenter = useStore((s) => s.presenter);
  const dialog = useStore((s) => s.dialog);
  const lock = useStore((s) => s.lock);
  const handout = usePrintHandout();
  useLeaveWithFullscreen();
  const inLesson = useStore((s) => s.lesson !== null || s.quiz !== null);
  const sheet = useStore((s) => s.cheatSheet);
  // A question waits for its answer: the results (the shape story, the code, the panels) stay hidden.
  const conceal = useStore((s) => s.lessonConceal);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = keyAction(e, isFieldTarget(e.target, e.key, e.ctrlKey || e.metaKey), useStore.getState().presenter);
      if (!a) return;
      e.preventDefault();
      const s = useStore.getState();
      a.perform(s, { B: selectView(s.explorer).shown?.axisSize ?? 0 });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const dialogs = dialog && (
    <Suspense fallback={null}>
      <ClassroomDialogs />
    </Suspense>
  );
  const Handout = handout.handout;
  const printed = Handout && (
    <div className="print-only">
      <Handout />
    </div>
  );
  if (presenter) {
    return (
      <>
        <Autoplay enabled={autoplay} />
        <Suspense fallback={<p className="notice">Opening presenter mode…</p>}>
          <Presenter />
        </Suspense>
        {dialogs}
        {printed}
      </>
    );
  }
  return (
    <>
    <Autoplay enabled={autoplay} />
    <div className="app">
      <header>
        <h1>
          vmap <span>Playground</span>
        </h1>
        <div className="toolbar-group">
          {mayEdit(lock, "function") && <X64Toggle />}
          <Toolbar />
          <ThemeToggle />
          {mayEditAll(lock) && <ImportButton />}
          <ShareExport />
          {mayEditAll(lock) && <LessonsButton />}
        </div>
        <ClassroomBar onPrint={() => void handout.print()} />
        <OfflineStatus />
        <Tagline />
      </header>
      <main>
      {notice && (
        <p className="notice" role="status">
          {notice}{" "}
          <button type="button" className="linklike" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      {sheet && (
        <Region name="Cheat sheet">
          <Suspense fallback={<p>Loading the cheat sheet…</p>}>
            <CheatSheet />
          </Suspense>
        </Region>
      )}
      <div className="explorer-area" hidden={sheet}>
        {inLesson && (
          <Region name="Lesson">
            <Suspense fallback={<p>Loading the lesson…</p>}>
              <LessonArea />
            </Suspense>
          </Region>
        )}
        <Region name="The vmap call">
          <CallLine editFunction={mayEdit(lock, "function")} />
        </Region>
        {pmap && (
          <Region name="Devices">
            <Suspense fallback={<p className="panel-aside">Loading the device lanes…</p>}>
              <DeviceLanes />
            </Suspense>
          </Region>
        )}
        <Region name="Arguments">
          <section className="arguments" aria-label="Arguments">
            {params.map((p) => (
              <ShapeEditor key={p} name={p} locked={!mayEdit(lock, "shapes")} />
            ))}
            <ErrorAlert place="shape" />
          </section>
        </Region>
        <div className="main-area">
          <div className="picture">
            <Region name="Arrays">
              <PlaybackControls />
              <Stage />
            </Region>
            {!conceal && <ControlPictureSlot />}
          </div>
          <aside className="side" hidden={conceal}>
            <Region name="Shape story">
              <BesideSlot story={!isHidden(lock, "story")} table={!isHidden(lock, "table")} />
            </Region>
          </aside>
        </div>
        {!isHidden(lock, "code") && (
          <Region name="Python code">
            {!conceal && <CodeSlot />}
          </Region>
        )}
        {!conceal && !isHidden(lock, "panels") && <Panels />}
      </div>
      </main>
    </div>
    {dialogs}
    {printed}
    </>
  );
}
