// @vitest-environment jsdom
// The call line's "Map with" switch: jax.pmap over the "Devices" simulated devices shows one lane
// per slice (idle devices beyond the mapped size), the result gathered along out_axes (None: device
// 0's result), the code panel's jax.pmap with the XLA flag, and JAX's errors when the mapped size
// exceeds the devices, placed beside the call. Expected shapes worked out by hand.
import { afterEach, describe, expect, it } from "vitest";
import { act, waitFor, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { useStore } from "../../app/state/store";
import { leaf } from "../../app/state/explorerTypes";
import { besideLoaded } from "../helpers/beside";

afterEach(() => cleanup());

const pick = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
// The lanes load on first use (App.tsx: React.lazy): under a loaded machine that can take over findBy's default second.
const lanes = () => screen.findByRole("list", { name: "Device lanes" }, { timeout: 10_000 });

async function toPmap() {
  await act(async () => pick("Map with", "pmap"));
}

/** a and b of `shape`, jax.pmap, then `more` (a further store edit). */
async function pmapOn(shape: number[], more: () => void) {
  await act(async () => {
    const st = useStore.getState();
    st.setArgTree("a", leaf(...shape));
    st.setArgTree("b", leaf(...shape));
    st.setMapWith("pmap");
    more();
  });
}

describe("pmap over simulated devices", () => {
  it("splits the mapped axis one slice per device lane; idle devices beyond it", async () => {
    renderApp();
    await toPmap();
    // The Devices box loads with the first pmap call (DevicesInput.tsx).
    expect(((await screen.findByLabelText("Devices")) as HTMLInputElement).value).toBe("8");
    const items = within(await lanes()).getAllByRole("listitem");
    expect(items).toHaveLength(8);
    expect(items.map((li) => li.textContent)).toEqual([
      "Device 0: f(a[0], b[0]) → (2,)",
      "Device 1: f(a[1], b[1]) → (2,)",
      ...[2, 3, 4, 5, 6, 7].map((d) => `Device ${d}: idle`),
    ]);
    expect(screen.getByLabelText("Gathered result").textContent).toBe("Gathered along out_axes=0 → (2, 2)");
    expect(screen.getByLabelText("Output shape").textContent).toBe("(2, 2)");
    await besideLoaded();
    expect(screen.getByRole("region", { name: "Shape story" }).textContent).toContain("N = 2 slices on 2 of 8 devices: pmap runs f once per device");
    // The code beside the picture follows it a frame later (app/state/hooks.ts useViewBeside).
    await waitFor(() => expect(screen.getByTestId("python-code").textContent).toContain('os.environ["XLA_FLAGS"] = "--xla_force_host_platform_device_count=8"'));
    const code = screen.getByTestId("python-code").textContent!;
    expect(code.indexOf("XLA_FLAGS")).toBeLessThan(code.indexOf("import jax"));
    expect(code).toContain("out = jax.pmap(f, in_axes=(0, 0), out_axes=0)(a, b)");
    await act(async () => pick("Devices", "3"));
    expect(within(await lanes()).getAllByRole("listitem")).toHaveLength(3);
    expect(useStore.getState().explorer.devices).toBe(3);
  });

  it("a device count it cannot simulate (0, 2.5, 9) stays in the box with a hint, and the call keeps its devices", async () => {
    renderApp();
    await toPmap();
    const box = (await screen.findByLabelText("Devices")) as HTMLInputElement;
    for (const typed of ["0", "2.5", "9"]) {
      fireEvent.change(box, { target: { value: typed } });
      expect(box.value).toBe(typed);
      expect(box.getAttribute("aria-invalid")).toBe("true");
      expect(screen.getByText("Devices: a whole number from 1 to 8; the call runs on 8.")).toBeTruthy();
      expect(useStore.getState().explorer.devices).toBe(8);
    }
    fireEvent.change(box, { target: { value: "4" } });
    expect(useStore.getState().explorer.devices).toBe(4);
    expect(box.getAttribute("aria-invalid")).toBe("false");
    expect(screen.queryByText(/Devices: a whole number/)).toBeNull();
    // Undo brings the old count back into the box.
    act(() => useStore.getState().undo());
    expect(box.value).toBe("8");
  });

  it("every in_axes None: pmap's own error, and a why line about devices, not vmap's axis_size", async () => {
    renderApp();
    await pmapOn([2, 2], () => {
      useStore.getState().setInAxis("a", null);
      useStore.getState().setInAxis("b", null);
    });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("ValueError: pmap requires at least one argument with a mapped axis.");
    await waitFor(() => expect(alert.querySelector(".why")).not.toBeNull());
    expect(alert.querySelector(".why")!.textContent).toBe("Why: With every in_axes entry None there is no axis to split across the devices, so pmap has nothing to give each one: map one argument.");
  });

  it("while a device count fails, the dimmed story is of the last good call, with its devices", async () => {
    renderApp();
    await pmapOn([3, 2], () => undefined);
    const story = () => screen.getByRole("region", { name: "Shape story" }).textContent;
    await waitFor(() => expect(story()).toContain("N = 3 slices on 3 of 8 devices: pmap runs f once per device"));
    await waitFor(() => expect(useStore.getState().lastGood).toBe(useStore.getState().explorer));
    await act(async () => useStore.getState().setDevices(2));
    expect(screen.getByRole("alert").getAttribute("data-place")).toBe("devices");
    // The side catches up once the controls rest (hooks.ts useViewBeside); until then it is the call before, whole.
    expect(story()).toContain("N = 3 slices on 3 of 8 devices");
    await waitFor(() => expect(story()).toContain("Of the last good result, before the error."));
    // It ran on 8 devices; "3 slices on 2 of 2 devices" would be neither call.
    expect(story()).toContain("N = 3 slices on 3 of 8 devices");
  });

  it("gathers along out_axes: 1 stacks the lanes' results as columns, None keeps device 0's", async () => {
    renderApp();
    await pmapOn([3, 2], () => useStore.getState().setOutAxes(1));
    expect((await screen.findByLabelText("Gathered result", undefined, { timeout: 10_000 })).textContent).toBe("Gathered along out_axes=1 → (2, 3)");
    await act(async () => useStore.getState().setOutAxes(null));
    expect(screen.getByLabelText("Gathered result").textContent).toMatch(/^Gathered along out_axes=None → \(2,\) \(None: device 0's result/);
    // The picture follows vmap, which refuses None here: the alert says so, in vmap's words.
    // (The "Why" line under it comes once its lazily loaded module has arrived.)
    expect(screen.getByRole("alert").textContent!.startsWith(
      "ValueError: jax.pmap runs with this out_axes (see Devices), but the picture follows jax.vmap, which raises: at vmap out_axes, got axis spec None but output was batched on axis 0",
    )).toBe(true);
  });

  it("more slices than devices: JAX's errors beside the call, and no lanes", async () => {
    renderApp();
    await pmapOn([3, 2], () => useStore.getState().setDevices(2));
    const alert = screen.getByRole("alert");
    expect(alert.getAttribute("data-place")).toBe("devices");
    expect(alert.textContent).toContain(
      "ValueError: shard_map applied to the function '_fun' was given argument arrays with axis sizes that are not evenly divisible by the corresponding mesh axis sizes:",
    );
    expect(alert.textContent).toContain("which maps array axis 0 (of size 3) to mesh axis '_internal_pmap_axis_name' (of size 2), but 2 does not evenly divide 3");
    expect(screen.queryByRole("list", { name: "Device lanes" })).toBeNull();
    // 4 slices on 2 devices: the devices divide them, so each would get 2 and _fun's squeeze refuses.
    await act(async () => {
      useStore.getState().setArgTree("a", leaf(4, 2));
      useStore.getState().setArgTree("b", leaf(4, 2));
    });
    expect(screen.getByRole("alert").textContent).toBe("ValueError: cannot select an axis to squeeze out which has size not equal to one, got shape=(2, 2) and dimensions=(0,)");
    // Back to vmap: the same call runs.
    await act(async () => pick("Map with", "vmap"));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByLabelText("Output shape").textContent).toBe("(4, 2)");
  });
});
