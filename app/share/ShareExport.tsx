/**
 * The header's Share and Export buttons. Share opens a dialog with the permalink, the iframe
 * snippet and the web-component snippet for the current state, each with a copy button that
 * says what happened (copyText.ts: "Copied", or "Press Ctrl+C" with the text selected). Export
 * saves the current picture as SVG or PNG, or the animation as a GIF (exportFiles.ts).
 */
import { useId, useRef, useState } from "react";
import { useDismiss } from "../useDismiss";
import { useCellTexts, useExplorer, useInputLeaves, useView, useViewPart } from "../state/hooks";
import { useStore, useStoreApi } from "../state/store";
import { pageLinkOf } from "../state/urlSync";
import type { Frame } from "../viz/timeline";
// From the options, not the embed view: the page's first screen does not load the embed view.
import { DEFAULT_OPTIONS, PANEL_NAMES, PANEL_TITLES, type Controls, type EmbedOptions, type PanelName, type Theme } from "../embed/options";
import { COPY_FEEDBACK, copyText, type CopyOutcome } from "./copyText";
import { elementSnippet, iframeSnippet } from "./snippets";
import { gifBytes, pngBlob, saveFile, svgBlob } from "./exportFiles";
import { ModalDialog } from "../dialog/ModalDialog";

export function CopyField({ label, text, rows }: { label: string; text: string; rows: number }) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const copy = async () => setOutcome(await copyText(text, field.current));
  return (
    <div className="copy-field">
      <div className="copy-head">
        <label htmlFor={id}>{label}</label>
        <button type="button" onClick={copy} aria-describedby={`${id}-status`}>
          Copy
        </button>
        <span id={`${id}-status`} className="copy-status" role="status">
          {outcome ? COPY_FEEDBACK[outcome] : ""}
        </span>
      </div>
      <textarea id={id} ref={field} readOnly rows={rows} value={text} onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}

/** The playground's own address (without the hash) and the folder it lives in. */
function appLocation(): { url: string; base: string } {
  const url = `${location.origin}${location.pathname}`;
  return { url, base: new URL("./", url).href };
}

function ShareDialog({ onClose }: { onClose: () => void }) {
  const explorer = useExplorer();
  const { params } = useView();
  const [controls, setControls] = useState<Controls>(DEFAULT_OPTIONS.controls);
  const [panels, setPanels] = useState<PanelName[]>(DEFAULT_OPTIONS.panels);
  const [theme, setTheme] = useState<Theme>(DEFAULT_OPTIONS.theme);
  const options: EmbedOptions = { controls, panels, theme };
  const togglePanel = (p: PanelName, on: boolean) => setPanels((ps) => PANEL_NAMES.filter((q) => (q === p ? on : ps.includes(q))));
  const { url, base } = appLocation();
  // The page's permalink, as Copy link writes it: with the paused step, speed, lesson and lock.
  const pageLink = useStore(pageLinkOf);
  return (
    <ModalDialog title="Share" onClose={onClose}>
      <CopyField label="Link" text={`${url}#${pageLink}`} rows={2} />
      <fieldset className="share-options">
        <legend>In the embed</legend>
        <label>
          Controls{" "}
          <select value={controls} onChange={(e) => setControls(e.target.value as Controls)}>
            <option value="none">none (read only)</option>
            <option value="axes">axes</option>
            <option value="all">all</option>
          </select>
        </label>
        {PANEL_NAMES.map((p) => (
          <label key={p}>
            <input type="checkbox" checked={panels.includes(p)} onChange={(e) => togglePanel(p, e.target.checked)} /> {PANEL_TITLES[p]}
          </label>
        ))}
        <label>
          Theme{" "}
          <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            <option value="auto">as the reader's system</option>
            <option value="light">light</option>
            <option value="dark">dark</option>
          </select>
        </label>
      </fieldset>
      <CopyField label="Embed with an iframe" text={iframeSnippet(base, explorer, options, params)} rows={6} />
      <CopyField label="Embed as a web component" text={elementSnippet(base, explorer, options, params)} rows={4} />
    </ModalDialog>
  );
}

/** Why the Export menu has no files to offer. */
const NOTHING_TO_EXPORT = {
  fails: "Nothing to export yet: the call has no picture (it fails).",
  computing: "Nothing to export yet: the picture is still being computed.",
  blocks: "Nothing to export: arrays this big are drawn as shape blocks, not cells.",
} as const;

function ExportMenu({ startOpen = false }: { startOpen?: boolean }) {
  // Closed, the menu reads only whether there is a picture to export: the view, the leaves and
  // the cell texts are read by its items, so a change of the call does not re-render it.
  const nothing = useViewPart((v) => (v.shown !== null ? (v.blocks ? "blocks" : null) : v.computing ? "computing" : "fails"));
  // The items exist only while the menu is open: closed, it is one control, not four.
  const [open, setOpen] = useState(startOpen);
  const menu = useRef<HTMLDetailsElement>(null);
  // A menu closes as menus do: Escape (focus back on its button) or a press outside it.
  useDismiss(open, () => menu.current, (by) => {
    setOpen(false);
    if (by === "escape") menu.current?.querySelector("summary")?.focus();
  });
  // With nothing to export the menu stays where it is and says why: the header's buttons do
  // not move when a call fails or recovers (Undo, under the pointer, would).
  return (
    <details ref={menu} className="export-menu" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Export</summary>
      {open &&
        (nothing === null ? (
          <ExportItems />
        ) : (
          <div className="export-items">
            <p className="note">{NOTHING_TO_EXPORT[nothing]}</p>
          </div>
        ))}
    </details>
  );
}

function ExportItems() {
  const { shown: story } = useView();
  const leaves = useInputLeaves();
  const texts = useCellTexts();
  // The frame is read when a file is asked for: subscribing to k and phase would redraw the
  // menu on every step of the animation, for nothing.
  const store = useStoreApi();
  const [status, setStatus] = useState("");
  if (!story) return null;
  const run = async (what: string, make: (frame: Frame) => Promise<void> | void) => {
    const { k, phase } = store.getState();
    const frame = { k: k !== null && k < story.axisSize ? k : null, phase, B: story.axisSize };
    try {
      setStatus(`Making the ${what}…`);
      await make(frame);
      setStatus(`Saved the ${what}`);
    } catch (e) {
      setStatus(`The ${what} could not be made: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="export-items">
      <button type="button" onClick={() => run("SVG", (frame) => saveFile(svgBlob(leaves, story, frame, texts), "vmap.svg"))}>
        Picture (SVG)
      </button>
      <button type="button" onClick={() => run("PNG", async (frame) => saveFile(await pngBlob(leaves, story, frame, 2, texts), "vmap.png"))}>
        Picture (PNG)
      </button>
      <button type="button" onClick={() => run("GIF", async () => saveFile(new Blob([(await gifBytes(leaves, story, texts)) as BlobPart], { type: "image/gif" }), "vmap.gif"))}>
        Animation (GIF)
      </button>
      <span className="note" role="status">
        {status}
      </span>
    </div>
  );
}

/** `opened`: what a click on the stand-in buttons asked for before these arrived (ShareExportLazy). */
export function ShareExport({ opened = null }: { opened?: "share" | "export" | null }) {
  const [open, setOpen] = useState(opened === "share");
  return (
    <div className="share-export">
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Share
      </button>
      <ExportMenu startOpen={opened === "export"} />
      {open && <ShareDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
