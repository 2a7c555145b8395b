/**
 * A family loaded on first use: before it arrives a call says what is still loading and starts
 * the load; loadEngineFamilies then reports that a call was refused, and the family answers.
 */
import { describe, expect, it } from "vitest";
import { EngineError } from "../../engine/index";
import { engineFamiliesLoaded, lazyFamily, loadEngineFamilies } from "../../engine/lazyFamily";

describe("lazyFamily", () => {
  it("refuses while loading, starts the load, and answers once loaded", async () => {
    let imports = 0;
    let arrive!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    const family = lazyFamily(async () => {
      imports++;
      await arrived;
      return { twice: (x: number) => 2 * x };
    });
    expect(family.now()).toBeNull();
    expect(engineFamiliesLoaded()).toBe(false);
    let err: unknown;
    try {
      family.need("jnp.twice");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toBe("jnp.twice is still loading");
    expect((err as EngineError).kind).toBe("unsupported");
    expect(imports).toBe(1);
    expect(family.tryNow()).toBeNull();
    expect(imports).toBe(1);
    const all = loadEngineFamilies();
    arrive();
    expect(await all).toBe(true);
    expect(family.need("jnp.twice").twice(21)).toBe(42);
    expect(engineFamiliesLoaded()).toBe(true);
  });

  it("tries a failed load again at the next need, leaving no rejection unhandled", async () => {
    let imports = 0;
    const family = lazyFamily(async () => {
      if (++imports === 1) throw new Error("chunk gone");
      return { twice: (x: number) => 2 * x };
    });
    expect(family.tryNow()).toBeNull();
    await expect(family.load()).rejects.toThrow("chunk gone");
    expect(imports).toBe(1);
    expect(family.tryNow()).toBeNull();
    expect(imports).toBe(2);
    await loadEngineFamilies();
    expect(family.need("jnp.twice").twice(4)).toBe(8);
    expect(imports).toBe(2);
  });
});
