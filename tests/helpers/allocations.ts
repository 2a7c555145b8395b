/**
 * The largest array `run` allocated, in elements. While it runs, the typed-array constructors
 * (and Array) are wrapped so each construction records its length: as globals (`new
 * Float64Array(n)`, and `Float64Array.from`, which constructs through `this`) and as each
 * prototype's `constructor` (`new (src.constructor)(n)`, and the copies `slice` and `map` make
 * through the species constructor). For tests that a refusal came from shapes alone, before
 * anything of that size was filled (what a timing used to stand in for).
 */
const WATCHED = ["Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Uint8Array", "Int8Array", "Int16Array", "Uint16Array", "Array"] as const;

type Ctor = (new (...a: unknown[]) => object) & { prototype: object };

const lengthOf = (arg: unknown): number =>
  typeof arg === "number" ? arg : arg instanceof ArrayBuffer ? arg.byteLength : arg && typeof (arg as ArrayLike<unknown>).length === "number" ? (arg as ArrayLike<unknown>).length : 0;

export function largestAllocation(run: () => void): number {
  const g = globalThis as unknown as Record<string, Ctor>;
  const saved = WATCHED.map((name) => [name, g[name]] as const);
  let largest = 0;
  for (const [name, ctor] of saved) {
    const watched: Ctor = new Proxy(ctor, {
      construct(target, args, newTarget) {
        largest = Math.max(largest, lengthOf(args[0]));
        return Reflect.construct(target, args, newTarget === watched ? target : newTarget);
      },
      apply(target, self, args) {
        // Array(n) without `new` allocates too.
        largest = Math.max(largest, args.length === 1 ? lengthOf(args[0]) : args.length);
        return Reflect.apply(target as unknown as (...a: unknown[]) => unknown, self, args);
      },
    });
    g[name] = watched;
    Object.defineProperty(ctor.prototype, "constructor", { value: watched, writable: true, configurable: true, enumerable: false });
  }
  try {
    run();
  } finally {
    for (const [name, ctor] of saved) {
      g[name] = ctor;
      Object.defineProperty(ctor.prototype, "constructor", { value: ctor, writable: true, configurable: true, enumerable: false });
    }
  }
  return largest;
}
