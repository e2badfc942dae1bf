/**
 * Settle by reading: the ONE way an unknown write is checked — right after
 * its answer was lost (executeWrite), on "Check again" (journal:reconcile)
 * and for every unknown at once (startup, on request). Reading only; a write
 * is never resent.
 */
import type { JournalEntry } from '../../shared/views'
import type { XtreamClient } from '../api/client'
import { isAppError } from '../errors'
import { applyEffects, type Effects } from '../writes/effects'
import type { WriteKind } from '../writes/panel'
import type { WritableResource } from '../../shared/resources'
import type { SpendingEnv, Verdict } from '../writes/types'
import { reconcileEntry } from './reconcile'

export { reconcileEntry, readVerdict } from './reconcile'

export interface Settled {
  entry: JournalEntry
  verdict: Verdict
  /** The cache and balance brought in line, when the write proved to have happened. */
  effects: Effects | null
}

/** "… → settled as succeeded": the journal says how an entry was settled, not only what was seen. */
export function settledText(verdict: Verdict): string {
  return `${verdict.evidence.replace(/\.$/, '')} → settled as ${verdict.outcome === 'succeeded' ? 'succeeded' : 'not applied'}.`
}

/**
 * Check one unknown entry on its panel and record what was found: settled
 * (succeeded / failed, with the evidence) or still unknown (with why). Journal
 * write failures propagate (JOURNAL_UNWRITABLE) for the caller to word.
 */
export async function settleByReading(env: SpendingEnv, client: XtreamClient, id: number): Promise<Settled> {
  const entry = env.journal.require(id)
  const ctx = env.journal.context(id)
  const verdict = await reconcileEntry(env, client, entry, ctx)
  if (verdict.outcome === 'unknown') return { entry: env.journal.noteCheck(id, verdict.evidence), verdict, effects: null }
  const settled = env.journal.complete(id, { outcome: verdict.outcome, evidence: settledText(verdict), balanceAfter: verdict.balanceAfter ?? null })
  if (verdict.outcome !== 'succeeded') return { entry: settled, verdict, effects: null }
  const op = {
    profileId: entry.profileId,
    resource: entry.resource as WritableResource,
    kind: ctx.kind as WriteKind,
    cost: entry.expectedCost,
    // Stryker disable next-line ConditionalExpression: equivalent, the write path records ctx.id as a number or not at all, and applyEffects treats an absent id and an undefined one alike.
    ...(typeof ctx.id === 'number' ? { id: ctx.id } : {}),
  }
  // Settled: the cache and the balance figure are copies, and trouble with them does not unsettle it.
  let effects: Effects | null = null
  try {
    if (entry.expectedCost !== 0) env.ctx.onSpend(entry.profileId)
    effects = await applyEffects(env, client, op, verdict.item ?? null, ctx)
    if (effects.balanceAfter !== null && settled.balanceAfter === null) env.journal.setBalanceAfter(id, effects.balanceAfter)
  } catch {
    // the next sync and balance read repair them
  }
  return { entry: env.journal.require(id), verdict, effects }
}

/** journal:reconcile — "Check again" for one entry. */
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
  return (await settleByReading(env, client, id)).entry
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
