/**
 * One value as Python/NumPy prints it: `nan`, `inf`, `-inf`, `True`, `3`, `0.1`, `1e-05`. A
 * float32 is printed with the fewest digits that read back as the same float32 (NumPy's
 * `repr(np.float32(0.1))` is `0.1`, not the float64 expansion 0.10000000149011612). Shared by
 * the jaxpr printer (literals) and the app's grids and readouts (through engine/index.ts).
 * JAX: core.py prints literals with `np.asarray(v).item()`; NumPy's dragon4 shortest repr.
 */
import { isInt, type DType } from "./dtype";

/** The shortest decimal that rounds to `x` in `dtype` (a float32 or float64), as a JS number. */
export function shortest(x: number, dtype: DType): number {
  if (dtype !== "float32" || !Number.isFinite(x) || x === 0) return x;
  for (let p = 1; p < 9; p++) {
    const y = Number(x.toPrecision(p));
    if (Math.fround(y) === x) return y;
  }
  return Number(x.toPrecision(9));
}

/** Python's repr of a float (`1.0`, `0.1`, `1e-05`, `1e+16`) for a JS number's shortest digits. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expStr] = x.toExponential().split("e");
  const exp = Number(expStr);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let body: string;
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  } else if (exp < 0) body = `0.${"0".repeat(-exp - 1)}${digits}`;
  else if (digits.length <= exp + 1) body = `${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
  else body = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return neg ? `-${body}` : body;
}

/** A scalar of a dtype as Python prints its `.item()`: `2.0`, `0.1` (float32's), `2`, `True`. */
export function pyScalar(x: number, dtype: DType): string {
  if (dtype === "bool") return x ? "True" : "False";
  if (isInt(dtype)) return String(x);
  return pyFloat(shortest(x, dtype));
}
