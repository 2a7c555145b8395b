/** A panel's place while its code loads or its first state waits for the controls to rest. */
export function PanelLoading({ name }: { name: string }) {
  return (
    <section className="panel panel-loading" aria-busy="true">
      <h2>{name}</h2>
      <p className="panel-aside">Loading…</p>
    </section>
  );
}
