/** Escapes text for an XML or HTML attribute or text node (the SVG export, the snippets). */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeMarkup = (s: string): string => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
