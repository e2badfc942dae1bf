/**
 * When the journal itself cannot be written. The journal is the record of
 * money, so a write it cannot record is either not sent at all (the intent
 * failed: nothing left the app) or, once a request may have left, reported as
 * "the panel may have applied this — do not retry" (docs/ARCHITECTURE.md, the
 * write path). Either way the user is told WHY in words: a full disk, a
 * read-only folder and a damaged file each need a different fix.
 */
import { AppError } from '../errors'

/** better-sqlite3's SqliteError carries SQLite's extended code name (SQLITE_FULL, SQLITE_IOERR_WRITE, …). */
function sqliteCode(e: unknown): string | null {
  const code = e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : null
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null
}

/** The reason in words, for "the audit journal could not be written: <reason>". */
export function journalFailureReason(e: unknown): string {
  const code = sqliteCode(e) ?? ''
  if (code === 'SQLITE_FULL') return 'the disk holding it is full'
  if (code.startsWith('SQLITE_READONLY')) return 'it is read-only (the disk or folder does not allow writing)'
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_')) return 'the file is damaged'
  if (code.startsWith('SQLITE_IOERR')) return 'the disk reported a read or write error'
  if (code.startsWith('SQLITE_CANTOPEN')) return 'the file cannot be opened'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'another program is holding it'
  if (!code && e instanceof AppError) return e.message
  return `the database reported ${code || 'an unexpected error'}`
}

/** A failed journal write, with the file and the reason named. `details.journalWrite` marks it for the write path. */
export function journalWriteError(file: string, e: unknown): AppError {
  const reason = journalFailureReason(e)
  return new AppError('JOURNAL_UNWRITABLE', `The audit journal (${file}) could not be written: ${reason}.`, {
    details: { journalWrite: true, reason, sqliteCode: sqliteCode(e) },
    cause: e,
  })
}

export const isJournalWriteError = (e: unknown): e is AppError => e instanceof AppError && e.details?.journalWrite === true

/** What the journal knows of an entry whose completion it could not write (shown until it can be). */
export function unrecordedNote(outcome: 'succeeded' | 'failed' | 'unknown', note: string | null): string {
  const what =
    outcome === 'succeeded'
      ? 'The panel answered that it applied this'
      : outcome === 'failed'
        ? 'The panel answered that it refused this'
        : 'No clear answer came from the panel'
  return `${what}, but the journal could not record it${note ? ` (${note})` : ''}. Check again to record it; do not send it again.`
}
