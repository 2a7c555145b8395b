/**
 * The header's Share and Export buttons, loaded after the page: their dialog, snippets and
 * file makers (ShareExport.tsx) are not the first screen's (tests/browser/budget.test.ts).
 * Until they arrive, and in the prerendered page, the same two buttons stand in their place,
 * so nothing moves when they do; a click on them is remembered and done when they arrive
 * (the Share dialog opens, the Export menu unfolds).
 */
import { lazy, Suspense, useEffect, useState } from "react";

const ShareExport = lazy(() => import("./ShareExport").then((m) => ({ default: m.ShareExport })));

type Asked = "share" | "export" | null;

/** The two buttons as they look; a click is remembered and done once the real ones arrive. */
function Placeholder({ ask }: { ask?: (what: Asked) => void }) {
  return (
    <div className="share-export">
      <button type="button" aria-haspopup="dialog" onClick={() => ask?.("share")}>
        Share
      </button>
      <details className="export-menu">
        <summary
          onClick={(e) => {
            e.preventDefault();
            ask?.("export");
          }}
        >
          Export
        </summary>
      </details>
    </div>
  );
}

export function ShareExportLazy() {
  // The prerendered page and the hydrating render show the placeholder (a lazy component
  // suspending in renderToString would make React client-render the region and say so in the
  // console); once mounted, the real buttons load behind it.
  const [mounted, setMounted] = useState(false);
  const [asked, setAsked] = useState<Asked>(null);
  useEffect(() => setMounted(true), []);
  if (!mounted) return <Placeholder ask={setAsked} />;
  return (
    <Suspense fallback={<Placeholder ask={setAsked} />}>
      <ShareExport opened={asked} />
    </Suspense>
  );
}
