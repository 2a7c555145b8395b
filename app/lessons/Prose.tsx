/** A lesson's paragraph: text with `code` spans between backticks (no markup is read from data). */
export function Prose({ text }: { text: string }) {
  const parts = text.split("`");
  return <p>{parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : p))}</p>;
}
