/**
 * The header's "Import JAX code" button. The dialog, and the engine's importer with it, load
 * only when it is first opened (React.lazy), so the first screen stays within its budget.
 */
import { lazy, Suspense, useState } from "react";

const ImportDialog = lazy(() => import("./ImportDialog"));

export function ImportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Import JAX code
      </button>
      {open && (
        <Suspense fallback={<span role="status">Loading…</span>}>
          <ImportDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
