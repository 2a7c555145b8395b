// @vitest-environment jsdom
// What a student link shows (App.tsx with classroom/lock.ts): the locked controls absent or
// disabled, the hidden sections gone, the open control working; and the "Share with class"
// dialog writes the link that opens in the state the teacher chose.
import { afterEach, describe, expect, it } from "vitest";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { closeLink, openLink, renderApp } from "../renderApp";
import { useStore } from "../../../app/state/store";
import { decodePageLink } from "../../../app/state/pageLink";
import { besideLoaded } from "../../helpers/beside";

afterEach(() => closeLink());

const outShape = () => screen.getByLabelText("Output shape").textContent;

describe("a student link", () => {
  it("hides and locks what the teacher chose, and the open control works", async () => {
    openLink("#f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C+3)&shape.b=(2%2C+3)&in.a=0&in.b=0&out=0&edit=out_axes&hide=story%2Cpanels%2Ccode");
    // What sits beside the picture loads after the first screen: the table is there, the story not.
    await besideLoaded();
    expect(screen.getByRole("region", { name: "Where the batch axis can go" })).toBeTruthy();
    expect(screen.queryByRole("textbox", { name: "Function" })).toBeNull();
    expect(screen.queryByLabelText("Examples", { exact: false })).toBeNull();
    expect(screen.getByLabelText("in_axes for a")).toHaveProperty("disabled", true);
    // Inside a disabled fieldset: disabled as the browser sees it (the property stays false).
    expect(screen.getByLabelText("Shape of a").matches(":disabled")).toBe(true);
    expect(screen.getByLabelText("Fill of a").matches(":disabled")).toBe(true);
    expect(screen.queryByRole("button", { name: "Reset" })).toBeNull();
    // The hint suggests only what is open.
    expect(document.querySelector(".tagline")?.textContent).toBe("Try: change out_axes; hover a cell to see where it came from.");
    // Nothing that loads a whole new call: imported code, lessons, the quiz.
    expect(screen.queryByRole("button", { name: /Import JAX code/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Lessons/ })).toBeNull();
    expect(screen.queryByRole("region", { name: "Shape story" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Python code" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Presenter mode" })).toBeNull();
    // The out_axes table stays, its rows as text (no buttons: out_axes is open, so they stay buttons).
    const out = screen.getByLabelText("out_axes");
    expect(out).toHaveProperty("disabled", false);
    expect(outShape()).toBe("(2, 3)");
    fireEvent.change(out, { target: { value: "1" } });
    expect(outShape()).toBe("(3, 2)");
  });

  it("out_axes locked too: the table's rows are text, not buttons", async () => {
    openLink("#f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C+3)&shape.b=(2%2C+3)&in.a=0&in.b=0&out=0&edit=");
    await besideLoaded();
    const table = screen.getByRole("region", { name: "Where the batch axis can go" });
    expect(within(table).queryAllByRole("button")).toEqual([]);
    expect(screen.getByLabelText("out_axes")).toHaveProperty("disabled", true);
  });

  it("a teacher's link (no lock) has every control", async () => {
    openLink("#f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C+3)&shape.b=(2%2C+3)&in.a=0&in.b=0&out=0");
    expect(screen.getByRole("textbox", { name: "Function" })).toBeTruthy();
    expect(screen.getByLabelText("in_axes for a")).toHaveProperty("disabled", false);
    await besideLoaded();
    expect(screen.getByRole("region", { name: "Shape story" })).toBeTruthy();
  });
});

describe("Share with class", () => {
  it("writes a student link that opens with only the chosen controls open", async () => {
    renderApp();
    act(() => useStore.getState().setOutAxes(1));
    fireEvent.click(screen.getByRole("button", { name: "Share with class" }));
    const dialog = await screen.findByRole("dialog", { name: "Share with class" }, { timeout: 10_000 });
    // Defaults: out_axes open, the panels hidden; open in_axes too and hide the code.
    fireEvent.click(within(dialog).getByRole("checkbox", { name: /in_axes/ }));
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "Python code" }));
    const link = (within(dialog).getByLabelText("Student link") as HTMLTextAreaElement).value;
    const r = decodePageLink(new URL(link).hash);
    expect(r.ok).toBe(true);
    expect(r.link.explorer.outAxes).toBe(1);
    expect([...r.link.lock!.edit].sort()).toEqual(["in_axes", "out_axes"]);
    expect([...r.link.lock!.hide].sort()).toEqual(["code", "panels"]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("? lists the keyboard shortcuts from the actions table", async () => {
    renderApp();
    fireEvent.keyDown(window, { key: "?", shiftKey: true });
    const dialog = await screen.findByRole("dialog", { name: "Keyboard shortcuts" }, { timeout: 10_000 });
    const rows = within(dialog).getAllByRole("row").map((r) => r.textContent);
    expect(rows).toContain("Presenter modeP");
    expect(rows.some((r) => /^Next lesson step or animation phasePageDown/.test(r ?? ""))).toBe(true);
  });
});
