/**
 * Copying text that works where `navigator.clipboard` does not: inside an iframe without the
 * clipboard-write permission, on plain http (no secure context) and in older browsers. The
 * clipboard API first; else the text is selected in a field and `document.execCommand("copy")`
 * copies the selection; when that is refused too, the text stays selected and the person is
 * told to press Ctrl+C. The caller always gets an outcome to show: never a silent failure.
 */
export type CopyOutcome = "copied" | "select";

/** What the button says after each outcome. */
export const COPY_FEEDBACK: Record<CopyOutcome, string> = { copied: "Copied", select: "Press Ctrl+C" };

/** Selects `field`'s whole text (kept selected for a manual copy when the browser refuses). */
function selectAll(field: HTMLTextAreaElement | HTMLInputElement): void {
  // The temporary field sits at the end of the page: focusing it must not scroll there.
  field.focus({ preventScroll: true });
  field.select();
  field.setSelectionRange(0, field.value.length);
}

/**
 * Copies `text`. `field`, when given, is the visible field holding it (the selection a person
 * sees); otherwise a temporary off-screen textarea is used and removed again.
 */
export async function copyText(text: string, field?: HTMLTextAreaElement | HTMLInputElement | null): Promise<CopyOutcome> {
  try {
    if (typeof navigator !== "undefined" && navigator.clipboard && typeof window !== "undefined" && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return "copied";
    }
  } catch {
    // Refused (no permission in this frame): fall through to the selection.
  }
  const doc = field?.ownerDocument ?? document;
  let temp: HTMLTextAreaElement | null = null;
  const target = field ?? (temp = doc.createElement("textarea"));
  if (temp) {
    temp.value = text;
    temp.setAttribute("readonly", "");
    temp.className = "visually-hidden";
    doc.body.appendChild(temp);
  }
  let ok = false;
  try {
    selectAll(target);
    ok = doc.execCommand("copy");
  } catch {
    ok = false;
  }
  if (temp) temp.remove();
  return ok ? "copied" : "select";
}
