// @vitest-environment jsdom
// <vmap-playground> as a page script uses it: attributes set before or after it is added, a
// change of attributes redraws it, a bad attribute shows the reason inside the element (and no
// grid), and each element keeps its own state.
import { afterEach, describe, expect, it } from "vitest";
import { act } from "@testing-library/react";
import "../../../app/embed/element";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(async () => {
  await act(async () => document.body.replaceChildren());
});

async function add(attrs: Record<string, string>): Promise<HTMLElement> {
  const el = document.createElement("vmap-playground");
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  await act(async () => void document.body.append(el));
  return el;
}
const outShape = (el: HTMLElement) => el.shadowRoot?.querySelector('output[aria-label="Output shape"]')?.textContent ?? null;
const alertText = (el: HTMLElement) => el.shadowRoot?.querySelector('[role="alert"]')?.textContent ?? null;

describe("<vmap-playground>", () => {
  it("renders its attributes in its own shadow root, styles included", async () => {
    const el = await add({ fn: "lambda a, b: a + b", shapes: "(2, 3); (3, 2)", "in-axes": "(0, 1)", "out-axes": "1" });
    expect(outShape(el)).toBe("(3, 2)");
    expect(el.shadowRoot!.querySelector("style")?.textContent ?? "").toContain(":host");
    // Nothing leaks into the page: no grid or style outside the shadow root.
    expect(document.querySelectorAll("svg, style, output").length).toBe(0);
  });

  it("redraws when an attribute changes, and shows a bad one inside itself", async () => {
    const el = await add({ fn: "lambda x: x * 2", shapes: "(4, 2)", "in-axes": "1" });
    const other = await add({ fn: "lambda x: x * 2", shapes: "(4, 2)", "in-axes": "1" });
    expect(outShape(el)).toBe("(2, 4)");
    await act(async () => el.setAttribute("out-axes", "1"));
    expect(outShape(el)).toBe("(4, 2)");
    expect(outShape(other)).toBe("(2, 4)");
    await act(async () => el.setAttribute("shapes", "(4, 2); (3,)"));
    expect(alertText(el)).toContain("shapes lists 2 shapes but the function takes 1 argument");
    expect(outShape(el)).toBeNull();
    expect(el.shadowRoot!.querySelectorAll("svg, canvas").length).toBe(0);
    await act(async () => el.setAttribute("shapes", "(4, 2)"));
    expect(outShape(el)).toBe("(4, 2)");
  });

  it("unmounts when removed, and renders again when added back", async () => {
    const el = await add({ fn: "lambda x: x", shapes: "(3,)" });
    await act(async () => el.remove());
    expect(el.shadowRoot!.childNodes.length).toBe(0);
    await act(async () => void document.body.append(el));
    expect(outShape(el)).toBe("(3,)");
  });
});
