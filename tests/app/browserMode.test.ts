// Where Chromium is missing, CI fails the browser tests (a skip would hide them) and a
// developer's run skips them with the install hint.
import { describe, expect, it } from "vitest";
import { browserMode } from "../browser/suite";
import { INSTALL_HINT } from "../browser/appServer";

describe("browser suites without Chromium", () => {
  it("run where Chromium is, fail under CI, skip elsewhere", () => {
    expect(browserMode({ ci: "true", chromium: true })).toBe("run");
    expect(browserMode({ ci: "true", chromium: false })).toBe("fail");
    expect(browserMode({ ci: "1", chromium: false })).toBe("fail");
    expect(browserMode({ ci: undefined, chromium: false })).toBe("skip");
    expect(browserMode({ ci: "false", chromium: false })).toBe("skip");
  });
  it("say how to install it", () => {
    expect(INSTALL_HINT).toContain("apt-get install chromium");
  });
});
