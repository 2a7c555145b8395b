/**
 * vitest globalSetup: names one folder for the built app, shared by every browser test file of
 * this run (appServer.ts builtApp), and removes it at the end. Nothing is built here, so a run
 * without browser tests pays nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "vmap-build-"));
  process.env.VMAP_SHARED_BUILD = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
