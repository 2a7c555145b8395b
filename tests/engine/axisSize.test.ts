import { describe, expect, it } from "vitest";
import { EngineError, np, traceVmap, vmap } from "../../engine";

const catchErr = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as EngineError;
  }
  throw new Error("expected an error");
};

describe("axis_size is validated and the size limit covers broadcast outputs", () => {
  const x = np.array([1, 2, 3]);
  it("refuses a broadcast output over the limit instead of returning a huge view", () => {
    const e = catchErr(() => vmap((a: any) => a, [null], 0, { axisSize: 1e9 })(x));
    expect(e).toBeInstanceOf(EngineError);
    expect(e.kind).toBe("too-large");
  });
  it("refuses negative and fractional axis_size with a Python-worded message", () => {
    for (const bad of [-1, 1.5]) {
      const e = catchErr(() => vmap((a: any) => a, [null], 0, { axisSize: bad })(x));
      expect(e).toBeInstanceOf(EngineError);
      expect(e.message).toContain(`axis_size`);
      expect(e.message).toContain(String(bad));
    }
    expect(catchErr(() => traceVmap((a: any) => a, [null], 0, [x], { axisSize: -1 })).pyType).toBe("ValueError");
  });
  it("still accepts axis_size=0 and a normal axis_size", () => {
    expect((vmap((a: any) => a, [null], 0, { axisSize: 0 })(x) as any).shape).toEqual([0, 3]);
    expect((vmap((a: any) => a, [null], 0, { axisSize: 2 })(x) as any).shape).toEqual([2, 3]);
  });
});
