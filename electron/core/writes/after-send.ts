/**
 * The errors a write can end with once its request may have left the app.
 * Only the panel's own "no" is a failure the user may retry. Anything else —
 * the journal refusing to record the answer (disk full), a bug, a cache
 * error — says the panel may have applied it and must NOT be retried: a retry
 * of a create or an extension can charge twice.
 */
import { AppError, isAppError } from '../errors'
import { isJournalWriteError } from '../journal/failure'

/** The panel refused: nothing was applied. If even that could not be recorded, say so too. */
export function panelFailure(e: AppError, journalId: number, unrecorded: string | null = null): AppError {
  const message = unrecorded ? `${e.message} (${unrecorded} The Journal shows it as unknown until it is checked.)` : e.message
  return new AppError(e.code, message, { details: { ...(e.details ?? {}), journalId }, outcome: 'failed' })
}

/** A local failure after sending: unknown, not retryable, with the cause in words. */
export function localFailure(e: unknown, journalId: number): AppError {
  const why = isJournalWriteError(e)
    ? e.message
    : isAppError(e)
      ? e.message
      : 'the app hit an unexpected problem while handling the answer'
  return new AppError(
    'OUTCOME_UNKNOWN',
    `The panel may have applied this — do not retry. It is recorded as unknown in the Journal (entry ${journalId}): ${why} Check it there once the problem is fixed.`,
    { outcome: 'unknown', details: { journalId, localFailure: true, ...(isJournalWriteError(e) ? { reason: e.details?.reason } : {}) } },
  )
}
