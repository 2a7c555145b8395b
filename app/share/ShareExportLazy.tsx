/**
 * The header's Share and Export buttons, loaded after the page: their dialog, snippets and
 * file makers (ShareExport.tsx) are not the first screen's (tests/browser/budget.test.ts).
 * Until they arrive, and in the prerendered page, the same two buttons stand in their place,
 * so nothing moves when they do (a click before then does nothing: they arrive right after
 * the page starts).
 */
import { lazy, Suspense, useEffect, useState } from "react";

const ShareExport = lazy(() => import("./ShareExport").then((m) => ({ default: m.ShareExport })));

function Placeholder() {
  return (
    <div className="share-export">
      <button type="button" aria-haspopup="dialog">
        Share
      </button>
      <details className="export-menu">
        <summary>Export</summary>
      </details>
    </div>
  );
}

export function ShareExportLazy() {
  // The prerendered page and the hydrating render show the placeholder (a lazy component
  // suspending in renderToString would make React client-render the region and say so in the
  // console); once mounted, the real buttons load behind it.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return <Placeholder />;
  return (
    <Suspense fallback={<Placeholder />}>
      <ShareExport />
    </Suspense>
  );
}
