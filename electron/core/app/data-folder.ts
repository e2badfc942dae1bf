/**
 * The data folder is private to its user: 0700, and every file in it 0600.
 * `cache.db` holds customers' line passwords and `journal.db` what was bought for whom;
 * SQLite creates its files with the process umask (usually 0644: readable by every
 * account on the machine). On Windows modes mean little; the folder's ACL (the user's
 * profile) does the job there, so failures to chmod are not errors.
 */
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const DIR_MODE = 0o700
export const FILE_MODE = 0o600

/** Creates the folder (0700) or tightens an existing one. */
export function prepareDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE })
  chmodQuietly(dir, DIR_MODE)
}

/**
 * Every file directly in the folder (databases, their -wal/-shm, JSON files, files set
 * aside) and in its sub-folders (logs) to 0600, folders to 0700. Called once the files
 * are open, because SQLite creates -wal and -shm only then.
 */
export function tightenModes(dir: string, depth = 0): void {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const p = join(dir, name)
    let st
    try {
      st = statSync(p)
    } catch {
      continue // gone meanwhile (a -shm closed)
    }
    if (st.isDirectory()) {
      chmodQuietly(p, DIR_MODE)
      if (depth < 2) tightenModes(p, depth + 1)
    } else if (st.isFile() && (st.mode & 0o777) !== FILE_MODE) chmodQuietly(p, FILE_MODE)
  }
}

function chmodQuietly(p: string, mode: number): void {
  try {
    chmodSync(p, mode)
  } catch {
    // Not ours to change (another owner) or not supported: the rest still gets tightened.
  }
}
