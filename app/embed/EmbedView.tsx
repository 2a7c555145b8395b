/**
 * An embedded playground, the same for the embed page (embed.html) and `<vmap-playground>`:
 * minimal chrome — the call line (read only, the axes editable, or everything), the grids with
 * their animation, the chosen panels folded below, and a link that opens the same state in the
 * full playground. It runs on its own store (state/store.ts StoreProvider), so several on a page
 * never share a state, and it touches no URL, storage or key of the page around it.
 */
import { useMemo, type CSSProperties } from "react";
import { CallLine } from "../explorer/CallLine";
import { CodePanel } from "../explorer/CodePanel";
import { ErrorAlert } from "../explorer/ErrorAlert";
import { OutAxesTable } from "../explorer/OutAxesTable";
import { PlaybackControls } from "../explorer/PlaybackControls";
import { ShapeEditor } from "../explorer/ShapeEditor";
import { ShapeStory } from "../explorer/ShapeStory";
import { Stage } from "../explorer/Stage";
import { Region } from "../ErrorBoundary";
import { useExplorer, useViewPart } from "../state/hooks";
import { encodeExplorer } from "../state/urlState";
import { vmapCallText } from "../state/codegen";
import { StoreProvider, type AppStore } from "../state/store";
import type { ErrorPlace } from "../state/engineBridge";
import { ThemeOverride } from "../useTheme";
import { paletteVars } from "../viz/colors";
import { useEmbedPalette } from "./embedTheme";
import { PANEL_TITLES, type Controls, type EmbedOptions, type PanelName, type Theme } from "./options";

const PLACES: readonly ErrorPlace[] = ["function", "in_axes", "out_axes", "shape", "axis_size", "devices"];

// Kept here too for callers that import it from the view; it lives with the options (light).
export { PANEL_TITLES };

/** The call as code, nothing editable; its errors show below it. */
export function ReadOnlyCall() {
  const explorer = useExplorer();
  const params = useViewPart((v) => v.params);
  const src = explorer.fnSource.replace(/\s*\n\s*/g, " ").trim();
  return (
    <section className="callline embed-call" aria-label="The vmap call">
      <pre>
        <code>{`f = ${src}\nout = ${vmapCallText(explorer, params)}`}</code>
      </pre>
      {PLACES.map((p) => (
        <ErrorAlert key={p} place={p} />
      ))}
    </section>
  );
}

function Call({ controls }: { controls: Controls }) {
  const params = useViewPart((v) => v.params);
  if (controls === "none") return <ReadOnlyCall />;
  if (controls === "axes") {
    return (
      <>
        <CallLine editFunction={false} />
        <ErrorAlert place="shape" />
      </>
    );
  }
  return (
    <>
      <CallLine />
      <section className="arguments" aria-label="Arguments">
        {params.map((p) => (
          <ShapeEditor key={p} name={p} />
        ))}
        <ErrorAlert place="shape" />
      </section>
    </>
  );
}

function Panel({ name }: { name: PanelName }) {
  return (
    <details className="embed-panel" data-panel={name}>
      <summary>{PANEL_TITLES[name]}</summary>
      {name === "code" && <CodePanel />}
      {name === "story" && <ShapeStory />}
      {name === "table" && <OutAxesTable />}
    </details>
  );
}

/** The full playground's address for the current state (`base` is where index.html lives). */
function OpenLink({ base }: { base: string }) {
  const explorer = useExplorer();
  const href = useMemo(() => `${new URL("index.html", base).href}#${encodeExplorer(explorer)}`, [explorer, base]);
  return (
    <a className="embed-open" href={href} target="_blank" rel="noopener">
      Open in vmap Playground ↗
    </a>
  );
}

export function themeClass(theme: Theme): string {
  return `vmap-embed theme-${theme}`;
}

/** The axis palette as CSS variables on the embed's root: the page around it does not set them. */
function paletteStyle(palette: "light" | "dark"): CSSProperties {
  return Object.fromEntries(paletteVars(palette)) as CSSProperties;
}

export function EmbedView({ store, options, base }: { store: AppStore; options: EmbedOptions; base: string }) {
  const palette = useEmbedPalette(options.theme);
  const style = useMemo(() => paletteStyle(palette), [palette]);
  return (
    <StoreProvider store={store}>
      <ThemeOverride.Provider value={palette}>
        <div className={themeClass(options.theme)} data-controls={options.controls} style={style}>
          <Region name="The vmap call">
            <Call controls={options.controls} />
          </Region>
          <Region name="Arrays">
            <PlaybackControls />
            <Stage />
          </Region>
          {options.panels.map((p) => (
            <Region key={p} name={PANEL_TITLES[p]}>
              <Panel name={p} />
            </Region>
          ))}
          <p className="embed-foot">
            <OpenLink base={base} />
          </p>
        </div>
      </ThemeOverride.Provider>
    </StoreProvider>
  );
}

/** What an embed shows instead of a playground when its link or attributes cannot be read. */
export function EmbedProblem({ problem, theme }: { problem: string; theme: Theme }) {
  return (
    <div className={themeClass(theme)}>
      <div className="error" role="alert" data-kind="embed">
        <span className="kind">This embed could not be read</span>
        <pre>{problem}</pre>
      </div>
    </div>
  );
}
