/**
 * Opens (or creates) the cache file, and survives a bad one.
 *
 * The cache only holds copies of panel data, so a file that is not a database,
 * is malformed, fails `quick_check`, carries someone else's schema or comes
 * from a newer app version is moved aside (with its -wal/-shm) as
 * `cache.db.corrupt-<ms>` and a fresh cache is started; the next sync refills
 * it. Panels, keys and the audit journal live in other files and are untouched.
 * Anything else (permissions, disk, another process holding a lock) is not
 * corruption: the file is left alone and a CACHE_ERROR says what happened.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { AppError } from '../errors'
import type { Clock } from '../ports'
import { MAIN_AUTOCHECKPOINT_PAGES } from './checkpointer'
import { migrate, SCHEMA_VERSION } from './migrations'
import { SPECS } from './resources'
import { SqliteCache } from './sqlite-cache'
import { sweepStaging } from './staging'
import { installTallyTriggers, TALLIED } from './tally'

export interface OpenCacheOptions {
  now: Clock
}

/** The file is unusable as our cache; `reason` is for the user. */
class UnusableCache extends Error {}

const CORRUPTION_CODES = /^SQLITE_(NOTADB|CORRUPT|IOERR_SHORT_READ|FORMAT)/
const BUSY_TIMEOUT_MS = 5000

export function openCache(file: string, opts: OpenCacheOptions): SqliteCache {
  mkdirSync(dirname(file), { recursive: true })
  try {
    return new SqliteCache(openChecked(file, opts.now()), file, opts.now, false, null)
  } catch (e) {
    const { cause, db } = e instanceof OpenFailed ? e : { cause: e, db: null }
    const reason = unusableReason(cause)
    if (reason === null) {
      db?.close()
      throw new AppError('CACHE_ERROR', `The offline cache ${file} could not be opened: ${messageOf(cause)}`, { cause })
    }
    const aside = setAside(file, opts.now(), db)
    const problem = `The offline cache ${reason}; it was moved aside to ${basename(aside)} and a fresh cache was started. Panels, keys and the journal are unaffected; the next sync refills it.`
    try {
      return new SqliteCache(openChecked(file, opts.now()), file, opts.now, true, problem)
    } catch (e2) {
      const c2 = e2 instanceof OpenFailed ? (e2.db.close(), e2.cause) : e2
      throw new AppError('CACHE_ERROR', `A fresh offline cache could not be created at ${file}: ${messageOf(c2)}`, { cause: c2 })
    }
  }
}

/** Opening failed; the connection is still open so the files can be moved before SQLite tidies them up. */
class OpenFailed extends Error {
  constructor(
    override readonly cause: unknown,
    readonly db: Database.Database,
  ) {
    super(messageOf(cause))
  }
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * Closing a connection deletes its -wal/-shm files, so on POSIX the files are
 * renamed first (an open file can be renamed there) and the connection closed
 * after. Windows cannot rename an open file: close first, then move.
 */
function setAside(file: string, nowMs: number, db: Database.Database | null): string {
  try {
    const aside = moveAside(file, nowMs)
    db?.close()
    return aside
  } catch {
    db?.close()
    return moveAside(file, nowMs)
  }
}

function openChecked(file: string, nowMs: number): Database.Database {
  const db = new Database(file)
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    // The first real read of the header: "file is not a database" surfaces here.
    const version = db.pragma('user_version', { simple: true }) as number
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new UnusableCache(`failed its integrity check (${String(check)})`)
    if (version > SCHEMA_VERSION) throw new UnusableCache(`was written by a newer version of the app (schema ${version}, this app knows ${SCHEMA_VERSION})`)
    if (version === 0 && hasTables(db)) throw new UnusableCache('holds a database that is not this app’s cache')

    db.pragma('journal_mode = WAL')
    // WAL + NORMAL: durable at checkpoints, fast commits; losing the last sync in a power cut only costs a re-sync.
    db.pragma('synchronous = NORMAL')
    // A 32 MB page cache keeps a 100k-row sync from spilling mid-transaction; sorts stay in memory.
    db.pragma('cache_size = -32768')
    db.pragma('temp_store = MEMORY')
    // A 100k-row sync writes ~100 MB of pages: checkpointing every 40 MB instead of every 4 MB
    // saves ~20 fsyncs per sync (measured ~100 ms wall per 100k rows); the file is trimmed back after.
    // From the first sync pass on, a worker checkpoints instead and this is 0 (checkpointer.ts).
    db.pragma(`wal_autocheckpoint = ${MAIN_AUTOCHECKPOINT_PAGES}`)
    db.pragma('journal_size_limit = 67108864')
    try {
      migrate(db, nowMs)
    } catch (e) {
      // A file that claims one of our versions but cannot take the next step lacks what that version had.
      if (version > 0 && /no such table/.test(messageOf(e))) throw new UnusableCache(`is missing tables (${messageOf(e)})`)
      throw e
    }
    const missing = missingTables(db)
    if (missing.length > 0) throw new UnusableCache(`is missing tables (${missing.slice(0, 3).join(', ')})`)
    for (const t of TALLIED) installTallyTriggers(db, t)
    sweepStaging(db)
    return db
  } catch (e) {
    throw new OpenFailed(e, db)
  }
}

function hasTables(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get() !== undefined
}

function missingTables(db: Database.Database): string[] {
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name))
  const wanted = [...Object.values(SPECS).flatMap((s) => [s.table, `${s.table}_data`, `${s.table}_fts`]), 'packages', 'user_info', 'sync_meta', 'credit_snapshots', 'schema_migrations', 'sync_staging', 'panel_keys', 'raw_pages', ...TALLIED.map((t) => `${t}_tally`)]
  return wanted.filter((t) => !present.has(t))
}

/** Why the file is corrupt, in words; null when the failure is not corruption. */
function unusableReason(e: unknown): string | null {
  if (e instanceof UnusableCache) return e.message
  const code = (e as { code?: unknown }).code
  if (typeof code === 'string' && CORRUPTION_CODES.test(code)) {
    return `was unreadable (${e instanceof Error ? e.message : code})`
  }
  return null
}

/** `cache.db` → `cache.db.corrupt-<ms>` (+ `-wal`, `-shm`), never overwriting an earlier one. */
function moveAside(file: string, nowMs: number): string {
  let aside = `${file}.corrupt-${nowMs}`
  for (let n = 1; existsSync(aside); n++) aside = `${file}.corrupt-${nowMs}-${n}`
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
  }
  return aside
}
