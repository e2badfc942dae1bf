/**
 * The app's log file: `<data folder>/logs/xm.log`, redacted line by line (redact-log.ts),
 * rotated at MAX_LOG_BYTES into xm.1.log … xm.<KEEP>.log, every file 0600. Main and the
 * core write to the same instance (openFileLog keeps one per folder). Writing is
 * synchronous and never throws: a full disk must not turn a logged error into a crash.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { logLine } from './redact-log'

/** One file's size before it is rotated: a few weeks of ordinary use. */
export const MAX_LOG_BYTES = 1024 * 1024
/** Rotated files kept besides the current one. */
export const KEEP_LOGS = 3
/** Lines remembered for "Copy diagnostics". */
const RECENT = 50

export const LOG_FILE = 'xm.log'

export interface FileLog {
  readonly dir: string
  readonly file: string
  write(msg: string): void
  /** The last lines written in this session, oldest first (already redacted). */
  recent(): string[]
}

export interface FileLogOptions {
  maxBytes?: number
  keep?: number
  now?: () => number
}

const open = new Map<string, FileLog>()

export function openFileLog(dir: string, o: FileLogOptions = {}): FileLog {
  const existing = open.get(dir)
  if (existing) return existing
  const log = createFileLog(dir, o)
  open.set(dir, log)
  return log
}

function createFileLog(dir: string, o: FileLogOptions): FileLog {
  const maxBytes = o.maxBytes ?? MAX_LOG_BYTES
  const keep = Math.max(1, o.keep ?? KEEP_LOGS)
  const now = o.now ?? Date.now
  const file = join(dir, LOG_FILE)
  const recent: string[] = []
  let size = -1

  const rotate = () => {
    rmSync(join(dir, `xm.${keep}.log`), { force: true })
    for (let n = keep - 1; n >= 1; n--) {
      const from = join(dir, `xm.${n}.log`)
      if (existsSync(from)) renameSync(from, join(dir, `xm.${n + 1}.log`))
    }
    renameSync(file, join(dir, 'xm.1.log'))
    size = 0
  }

  return {
    dir,
    file,
    write(msg) {
      const line = logLine(new Date(now()), msg)
      recent.push(line.trimEnd())
      if (recent.length > RECENT) recent.shift()
      try {
        if (size < 0) {
          mkdirSync(dir, { recursive: true, mode: 0o700 })
          size = existsSync(file) ? statSync(file).size : 0
        }
        if (size > 0 && size + line.length > maxBytes) rotate()
        const fresh = size === 0
        appendFileSync(file, line, { mode: 0o600 })
        if (fresh) chmodSync(file, 0o600) // an existing file made by an older version
        size += Buffer.byteLength(line)
      } catch {
        size = -1 // look again next time (the folder may be back)
      }
    },
    recent: () => [...recent],
  }
}
