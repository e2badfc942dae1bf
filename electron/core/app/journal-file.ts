/**
 * The spending journal checked before it is opened. Opening a damaged journal.db used
 * to fail start-up with SQLite's bare text ("file is not a database"); a missing one
 * was silently recreated, losing the record of writes whose outcome was unknown.
 *
 * Now: a damaged file is moved aside (never deleted, with its -wal and -shm), a missing
 * or empty one where the settings remember a journal is reported, and in both cases a
 * fresh journal is started but spending waits until the user has read why (data-problems.ts).
 */
import Database from 'better-sqlite3'
import { existsSync, renameSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import type { DataProblem } from '../../shared/views'
import { AppError } from '../errors'
import { asidePathOf } from '../profiles/atomic-file'

export const JOURNAL_PROBLEM_ID = 'journal'

/** Why SQLite refused the file, in words (the code names are for the log, not the reseller). */
function reason(e: unknown): string {
  const code = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : ''
  if (code === 'SQLITE_NOTADB') return 'it is not a database any more'
  if (code.startsWith('SQLITE_CORRUPT')) return 'it is damaged'
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EPERM') return 'it cannot be opened (check its permissions)'
  if (code.startsWith('SQLITE_IOERR')) return 'the disk reported a read error'
  return 'it could not be read'
}

/** Opens the file read-only and runs SQLite's quick check; the error when it is not usable. */
function damage(file: string): unknown {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const rows = db.pragma('quick_check') as { quick_check: string }[]
    if (rows[0]?.quick_check !== 'ok') return Object.assign(new Error('quick_check'), { code: 'SQLITE_CORRUPT' })
    db.prepare('SELECT count(*) FROM sqlite_master').get()
    return null
  } catch (e) {
    return e
  } finally {
    db?.close()
  }
}

export interface JournalCheck {
  problem: DataProblem | null
  /** What went wrong, for the log (SQLite's code); null when fine. */
  logLine: string | null
}

/**
 * @param remembered the settings say a journal existed before (so a missing one was lost, not new)
 */
export function checkJournalFile(file: string, remembered: boolean, nowMs: number): JournalCheck {
  const name = basename(file)
  const size = existsSync(file) ? statSync(file).size : -1
  if (size <= 0) {
    if (!remembered) return { problem: null, logLine: null }
    const what = size < 0 ? 'is missing' : 'is empty'
    return {
      problem: {
        id: JOURNAL_PROBLEM_ID,
        file: name,
        keptAs: null,
        blocksSpending: true,
        message: `The spending journal (${name}) that this app kept ${what}, so a new, empty one was started. Purchases whose outcome was still unknown can no longer be checked by the app: look at each panel's credit log. If you moved or restored the data folder, quit the app, put the old ${name} back and start again.`,
      },
      logLine: `journal: ${name} ${what} although one existed before; a new one was started`,
    }
  }
  const err = damage(file)
  if (err === null) return { problem: null, logLine: null }
  const aside = asidePathOf(file, nowMs, existsSync)
  try {
    renameSync(file, aside)
    for (const ext of ['-wal', '-shm']) if (existsSync(file + ext)) renameSync(file + ext, aside + ext)
  } catch (e) {
    // Cannot move it: do not start a new one over it either; the open that follows reports the failure.
    return { problem: null, logLine: `journal: ${name} is damaged and could not be moved aside (${String((e as { code?: unknown }).code ?? 'error')})` }
  }
  const code = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : 'error'
  return {
    problem: {
      id: JOURNAL_PROBLEM_ID,
      file: name,
      keptAs: basename(aside),
      blocksSpending: true,
      message: `The spending journal (${name}) could not be used: ${reason(err)}. It was moved aside to ${basename(aside)} (nothing was deleted) and a new, empty journal was started. Purchases whose outcome was still unknown can no longer be checked by the app: look at each panel's credit log, and keep the moved-aside file for support.`,
    },
    logLine: `journal: ${name} unusable (${code}); moved aside to ${basename(aside)}`,
  }
}

/** Opening the journal failed after all: the file named, what happened and what to do — not SQLite's bare text. */
export function journalOpenError(file: string, e: unknown): AppError {
  const code = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : 'error'
  return new AppError(
    'JOURNAL_UNWRITABLE',
    `The spending journal ${file} could not be opened: ${reason(e)}. Nothing was changed or deleted. Quit the app, move that file out of the data folder (keep it for support) and start again; a new journal will be started and you will be told.`,
    { details: { file, sqliteCode: code } },
  )
}
