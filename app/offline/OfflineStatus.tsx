/**
 * What the page says about its offline copy (offline/registerOffline.ts): "Works offline"
 * once the service worker has cached the app, and "A new version is ready — Reload" while a
 * new one waits for the person's yes.
 */
import { useStore } from "../state/store";

export function OfflineStatus() {
  const offline = useStore((s) => s.offline);
  return (
    <p className={`offline-status${offline.state === "update" ? " notice" : ""}`} role="status">
      {offline.state === "ready" && <span title="Every file of the app is saved in this browser: it works with no network">✓ Ready to use offline</span>}
      {offline.state === "update" && (
        <>
          A new version is ready —{" "}
          <button type="button" onClick={offline.acceptUpdate}>
            Reload
          </button>
        </>
      )}
    </p>
  );
}
