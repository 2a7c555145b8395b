/**
 * The wire format between the page and the worker (compute.ts, compute.worker.ts): reports are
 * plain data (numbers, strings, arrays, Float64Arrays) and cross as they are; an EngineError would
 * lose its class in structured cloning, so it crosses as its fields under a marker key we choose.
 * Loaded with the first answer from off the page, not with the first screen.
 */
import { EngineError } from "../../engine/index";

const ERROR_MARK = "engineError";

/** A report as structured-clone-able data: every EngineError inside replaced by its fields. */
export function toWire(x: unknown): unknown {
  if (x instanceof EngineError) {
    const { kind, message, pyType, where, column } = x;
    return { [ERROR_MARK]: { kind, message, pyType, where, ...(column === undefined ? {} : { column }) } };
  }
  if (Array.isArray(x)) return x.length > 0 && typeof x[0] === "number" ? x : x.map(toWire);
  if (x !== null && typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype) {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, toWire(v)]));
  }
  return x;
}

/** The inverse of toWire: the report with its EngineErrors rebuilt. */
export function fromWire<T>(x: unknown): T {
  return revive(x) as T;
}

function revive(x: unknown): unknown {
  if (Array.isArray(x)) return x.length > 0 && typeof x[0] === "number" ? x : x.map(revive);
  if (x === null || typeof x !== "object" || Object.getPrototypeOf(x) !== Object.prototype) return x;
  if (Object.hasOwn(x, ERROR_MARK)) {
    const e = (x as Record<string, Pick<EngineError, "kind" | "message" | "pyType" | "where" | "column">>)[ERROR_MARK];
    return new EngineError(e.kind, e.message, { pyType: e.pyType, where: e.where, column: e.column });
  }
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, revive(v)]));
}

