// The offline copy's messages (app/offline/registerOffline.ts), driven by a fake workbox-window:
// "ready" once the worker is active (installed means every file is cached), a waiting new
// version asks first, and the page reloads only after the person's yes.
import { describe, expect, it } from "vitest";
import { createAppStore } from "../../../app/state/store";
import { watchOffline, type WorkboxLike } from "../../../app/offline/registerOffline";

function fakeWorkbox(activeAlready: boolean) {
  const handlers = new Map<string, (() => void)[]>();
  let activate: (w: ServiceWorker) => void = () => {};
  const wb = {
    skipped: 0,
    addEventListener: (type: string, cb: () => void) => handlers.set(type, [...(handlers.get(type) ?? []), cb]),
    register: async () => (activeAlready ? ({ active: {} } as ServiceWorkerRegistration) : ({ active: null } as unknown as ServiceWorkerRegistration)),
    messageSkipWaiting() {
      wb.skipped++;
    },
    active: new Promise<ServiceWorker>((r) => (activate = r)),
    fire: (type: string) => (handlers.get(type) ?? []).forEach((cb) => cb()),
    activate: () => activate({} as ServiceWorker),
  };
  return wb;
}

describe("the offline copy", () => {
  it("says ready once the new worker is active", async () => {
    const st = createAppStore();
    const wb = fakeWorkbox(false);
    await watchOffline(wb as unknown as WorkboxLike, st, () => {});
    expect(st.getState().offline.state).toBe("none");
    wb.activate();
    await Promise.resolve();
    await Promise.resolve();
    expect(st.getState().offline.state).toBe("ready");
  });
  it("a second visit is ready at once", async () => {
    const st = createAppStore();
    await watchOffline(fakeWorkbox(true) as unknown as WorkboxLike, st, () => {});
    expect(st.getState().offline.state).toBe("ready");
  });
  it("a new version waits for the person's yes, then reloads into it", async () => {
    const st = createAppStore();
    const wb = fakeWorkbox(true);
    let reloads = 0;
    await watchOffline(wb as unknown as WorkboxLike, st, () => reloads++);
    wb.fire("waiting");
    const o = st.getState().offline;
    expect(o.state).toBe("update");
    // Nothing happens by itself: a controller change without a yes does not reload.
    wb.fire("controlling");
    expect([wb.skipped, reloads]).toEqual([0, 0]);
    if (o.state === "update") o.acceptUpdate();
    expect(wb.skipped).toBe(1);
    wb.fire("controlling");
    expect(reloads).toBe(1);
  });
});
