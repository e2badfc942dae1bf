/**
 * Whole-file writes that never leave a half-written file: write a temp file in
 * the same directory, fsync it, rename it over the target (atomic on one
 * filesystem), then fsync the directory so the rename itself survives a crash.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

export const tempPathOf = (file: string): string => `${file}.tmp`

export function writeFileAtomic(file: string, text: string): void {
  const tmp = tempPathOf(file)
  const fd = openSync(tmp, 'w', 0o600)
  try {
    writeSync(fd, text, null, 'utf8')
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    renameSync(tmp, file)
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
  syncDir(dirname(file))
}

/** Best effort: some platforms (Windows) cannot open a directory to fsync it. */
function syncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    /* not supported here; the rename is still atomic */
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** `profiles.json` → `profiles.json.corrupt-<ms>`, never overwriting an earlier one. */
export function asidePathOf(file: string, nowMs: number, exists: (p: string) => boolean): string {
  let p = `${file}.corrupt-${nowMs}`
  for (let n = 1; exists(p); n++) p = `${file}.corrupt-${nowMs}-${n}`
  return p
}
