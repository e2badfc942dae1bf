/**
 * "Check again" for an unknown journal entry, and the same for every unknown
 * at once (at startup, on request). Reading only; a write is never resent.
 */
import type { JournalEntry } from '../../shared/views'
import { isAppError } from '../errors'
import { applyEffects } from '../writes/effects'
import type { WritableResource, WriteKind } from '../writes/panel'
import type { SpendingEnv } from '../writes/types'
import { reconcileEntry } from './reconcile'

export { reconcileEntry, readVerdict } from './reconcile'

export async function reconcileJournalEntry(env: SpendingEnv, id: number): Promise<JournalEntry> {
  const entry = env.journal.require(id)
  if (entry.outcome !== 'unknown') return entry
  let client
  try {
    client = env.ctx.clients.forProfile(entry.profileId)
  } catch (e) {
    const why = isAppError(e) ? e.message : 'the panel is not available'
    return env.journal.noteCheck(id, `Could not check: ${why}`)
  }
  const ctx = env.journal.context(id)
  const verdict = await reconcileEntry(env, client, entry, ctx)
  if (verdict.outcome === 'unknown') return env.journal.noteCheck(id, verdict.evidence)
  const settled = env.journal.complete(id, {
    outcome: verdict.outcome,
    evidence: verdict.evidence,
    balanceAfter: verdict.balanceAfter ?? null,
  })
  if (verdict.outcome === 'succeeded') {
    const op = {
      profileId: entry.profileId,
      resource: entry.resource as WritableResource,
      kind: ctx.kind as WriteKind,
      cost: entry.expectedCost,
      ...(typeof ctx.id === 'number' ? { id: ctx.id } : {}),
    }
    const fx = await applyEffects(env, client, op, verdict.item ?? null, ctx)
    if (fx.balanceAfter !== null && settled.balanceAfter === null) env.journal.setBalanceAfter(id, fx.balanceAfter)
    if (entry.expectedCost !== 0) env.ctx.onSpend(entry.profileId)
  }
  return env.journal.require(id)
}

/** Check every unknown entry (optionally of one panel), one after another. */
export async function reconcileAllUnknown(env: SpendingEnv, profileId?: string): Promise<{ checked: number; settled: number }> {
  let checked = 0
  let settled = 0
  for (const id of env.journal.unknownIds(profileId)) {
    checked++
    const e = await reconcileJournalEntry(env, id)
    if (e.outcome !== 'unknown') settled++
  }
  return { checked, settled }
}
