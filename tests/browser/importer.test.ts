// "Import JAX code" in the built app: paste the predict snippet, Load, and the explorer
// shows its call (output shape (2, 4)), the printed shape, and the permalink keeps the code; an
// unsupported construct shows its line and column and the text stays. Screenshots:
// import-dialog-1280.png, import-loaded-1280.png, import-error-1280.png.
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appLive, type AppServer } from "./appServer";
import { axeAudit, browserDescribe, desktopSuite, SHOTS } from "./suite";
import { editorText } from "./editor";
import { PREDICT_EXAMPLE } from "../../app/importer/example";

let app: AppServer;
let page: Page;

const SNIPPET = PREDICT_EXAMPLE;

browserDescribe("Import JAX code in Chromium", () => {
  desktopSuite((a, p) => {
    app = a;
    page = p;
  });

  it("pastes a snippet, loads it and sees the output shape", async () => {
    await page.goto(app.url);
    await appLive(page);
    await page.getByRole("button", { name: "Import JAX code" }).click();
    const dialog = page.getByRole("dialog", { name: "Import JAX code" });
    await dialog.waitFor();
    const field = dialog.getByLabel("JAX code");
    // Empty, the field offers its fourteen rows of room (the function box's fit-to-text sizing
    // is the function box's alone): the field's box in its own lines (the plain field's, or
    // CodeMirror's once it has taken the field's place).
    const room = await dialog.locator(".jax-code").evaluate((w) => w.getBoundingClientRect().height / parseFloat(getComputedStyle(w.querySelector("textarea, .cm-scroller")!).lineHeight));
    expect(room).toBeGreaterThanOrEqual(14);
    await field.fill(SNIPPET);
    await page.screenshot({ path: join(SHOTS, "import-dialog-1280.png") });
    await dialog.getByRole("button", { name: "Load" }).click();
    await expect.poll(() => dialog.getByRole("status").textContent()).toContain("out.shape is (2, 4)");
    expect(await dialog.getByLabel("Printed output").textContent()).toContain("(2, 4)");
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => page.getByLabel("Output shape").textContent()).toBe("(2, 4)");
    expect(await editorText(page)).toContain("def predict(w, b, x):");
    expect(await page.getByLabel("in_axes for x", { exact: true }).inputValue()).toBe("0");
    expect(await page.getByLabel("in_axes for w", { exact: true }).inputValue()).toBe("None");
    await expect.poll(() => page.evaluate(() => location.hash)).toContain("code=");
    await page.screenshot({ path: join(SHOTS, "import-loaded-1280.png"), fullPage: true });
    // The permalink alone brings it back: the def program and the code's values load lazily.
    await page.reload();
    await appLive(page);
    await expect.poll(() => page.getByLabel("Output shape").textContent()).toBe("(2, 4)");
    await expect.poll(() => page.getByRole("alert").count()).toBe(0);
    expect(await page.getByLabel("Fill of w", { exact: true }).inputValue()).toBe("code");
    // The code beside the picture follows it a frame later (app/state/hooks.ts useViewBeside).
    await expect.poll(() => page.getByText("w = jnp.array([1.0, 1.0").count()).toBeGreaterThan(0);
  });

  it("an unsupported construct shows its line and column; the text stays in the dialog", async () => {
    await page.getByRole("button", { name: "Import JAX code" }).click();
    const dialog = page.getByRole("dialog", { name: "Import JAX code" });
    const field = dialog.getByLabel("JAX code");
    const bad = "import jax\nimport jax.numpy as jnp\nxs = jnp.ones((3, 2))\nfor x in xs:\n    print(x)\n";
    await field.fill(bad);
    await dialog.getByRole("button", { name: "Load" }).click();
    const alert = dialog.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("line 4, column 1");
    expect(await alert.textContent()).toContain("'for' loops are not supported");
    expect(await editorText(page, "JAX code")).toBe(bad);
    await page.screenshot({ path: join(SHOTS, "import-error-1280.png") });
    // The dialog with its error passes axe (WCAG 2.2 A/AA and best practices), as the page does.
    expect(await axeAudit(page, "dialog")).toEqual([]);
    // And in the dark theme.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(SHOTS, "import-error-dark-1280.png") });
    expect(await axeAudit(page, "dialog")).toEqual([]);
    await page.emulateMedia({ colorScheme: "light" });
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Import JAX code" }).click();
    await page.getByRole("dialog", { name: "Import JAX code" }).waitFor();
    expect(await editorText(page, "JAX code")).toBe(bad);
    await page.keyboard.press("Escape");
  });
});
