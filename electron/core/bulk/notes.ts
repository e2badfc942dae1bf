/**
 * Bulk "set notes": replace each item's reseller notes, or append to them.
 * Appending works from the notes the panel has at send time, read inside the
 * write (so under the same per-item lock as the edit itself), never from the
 * cache: a stale cached note would otherwise silently overwrite a newer one.
 */
import { isAppError, AppError } from '../errors'
import { readRow } from '../writes/panel'
import { activeCodeEditOp, deviceEditOp, lineEditOp } from '../writes/ops-item'
import type { SpendingEnv, WriteOp } from '../writes/types'
import type { BulkResource } from './plan'

/** A single edit may send at most 2000 characters of notes (the contract's cap); an append may not grow past it. */
const MAX_NOTES = 2000

export function appendedNotes(current: string, added: string): string {
  if (added === '') return current
  return current.trim() === '' ? added : `${current.replace(/\s+$/, '')}\n${added}`
}

function editOp(env: SpendingEnv, resource: BulkResource, a: { profileId: string; id: number; notes: string }, runId: string): WriteOp {
  if (resource === 'lines') return lineEditOp(env, a, runId)
  if (resource === 'activecodes') return activeCodeEditOp(env, a, runId)
  return deviceEditOp(env, resource, a, runId)
}

export function notesOp(env: SpendingEnv, profileId: string, resource: BulkResource, job: { id: number; notes: string; mode: 'replace' | 'append' }, runId: string): WriteOp {
  const replace = editOp(env, resource, { profileId, id: job.id, notes: job.notes }, runId)
  if (job.mode === 'replace') return replace
  return {
    ...replace,
    async prepare(client) {
      let current: string
      try {
        const row = (await readRow(client, resource, job.id)) as { resellerNotes?: unknown }
        current = typeof row.resellerNotes === 'string' ? row.resellerNotes : ''
      } catch (e) {
        const reason = isAppError(e) ? e.message : 'the panel could not be read'
        throw new AppError(isAppError(e) && e.code !== 'FAILURE' ? e.code : 'FAILURE', `Nothing was sent: the current notes must be read before adding to them, and that failed — ${reason}`, {
          details: { id: job.id, readFailed: true },
        })
      }
      const notes = appendedNotes(current, job.notes)
      if (notes.length > MAX_NOTES) {
        throw new AppError('VALIDATION', `Nothing was sent: the notes would be ${notes.length} characters with the addition, more than the ${MAX_NOTES} allowed.`, { details: { id: job.id } })
      }
      return editOp(env, resource, { profileId, id: job.id, notes }, runId).prepare(client)
    },
  }
}
