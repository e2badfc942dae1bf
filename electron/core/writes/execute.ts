/**
 * executeWrite: the ONE path every write takes.
 *
 *   claim target (BUSY) → pre-check credits → fresh reads (prepare) →
 *   journal intent → send ONCE → journal completion → cache + balance →
 *   WriteResult
 *
 * Money rules: the intent is durable before the request leaves (if the journal
 * cannot take it, nothing is sent); a write is never resent; an unknown
 * outcome is checked once by READING the panel (reconcile/settleByReading)
 * and otherwise left to the user (journal:reconcile / journal:decide). Once a
 * request may have left, no local failure is ever reported as retryable: it
 * becomes OUTCOME_UNKNOWN, "do not retry" (after-send.ts).
 */
import type { WriteResult } from '../../shared/writes'
import { isApiError } from '../api/api-error'
import type { XtreamClient } from '../api/client'
import { AppError, isAppError } from '../errors'
import { isJournalWriteError } from '../journal/failure'
import { settleByReading } from '../reconcile'
import { localFailure, panelFailure } from './after-send'
import { isEnough } from './cost'
import { applyEffects, movesBalance, type Effects } from './effects'
import { callAction } from './panel'
import type { Prepared, SpendingEnv, WriteOp } from './types'

export async function executeWrite(env: SpendingEnv, op: WriteOp): Promise<WriteResult> {
  const { ctx, journal } = env
  const release = env.inflight.claim(op.profileId, op.resource, op.lockKey)
  let journalId: number | null = null
  try {
    const profile = ctx.profiles.require(op.profileId)
    const client = ctx.clients.forProfile(op.profileId)
    const balanceBefore = ctx.cache.getAccount(op.profileId)?.info.credits ?? null
    if (op.cost > 0 && !isEnough(balanceBefore, op.cost)) {
      throw new AppError(
        'INSUFFICIENT_CREDITS',
        `This costs ${op.cost} credits but the panel's last known balance is ${balanceBefore}. Nothing was sent. Add credits or choose a cheaper package.`,
        { details: { cost: op.cost, balance: balanceBefore } },
      )
    }
    const prepared: Prepared = await op.prepare(client)
    const label = prepared.label ?? op.label
    const context = { ...prepared.context, kind: op.kind, id: op.id ?? null, cost: op.cost, balanceBefore }
    // Throws JOURNAL_UNWRITABLE (disk full, read-only, damaged — named) and then nothing is sent.
    journalId = journal.recordIntent({
      profileId: op.profileId,
      profileName: profile.name,
      action: op.action,
      resource: op.resource,
      target: label,
      params: prepared.params,
      expectedCost: op.cost,
      balanceBefore,
      bulkRunId: op.bulkRunId ?? null,
      context,
      secrets: prepared.secrets ?? [],
    })
    const id = journalId

    let result: unknown
    try {
      result = await callAction(client, op.action, prepared.params)
    } catch (e) {
      return await guarded(id, () => afterError(env, op, client, id, e, prepared.secrets ?? []))
    }
    return await guarded(id, () => afterAnswer(env, op, client, id, result, context, balanceBefore))
  } finally {
    // An entry the path could not complete is from now on one to check, not one to wait for.
    if (journalId !== null) journal.release(journalId)
    release()
  }
}

/** After sending, every error that is not the panel's own word becomes "unknown — do not retry". */
async function guarded(journalId: number, run: () => Promise<WriteResult>): Promise<WriteResult> {
  try {
    return await run()
  } catch (e) {
    if (isAppError(e) && e.details?.journalId === journalId && !e.details?.journalWrite) throw e
    throw localFailure(e, journalId)
  }
}

const asObject = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null)

/** The panel said yes. */
async function afterAnswer(
  env: SpendingEnv,
  op: WriteOp,
  client: XtreamClient,
  journalId: number,
  result: unknown,
  context: Record<string, unknown>,
  balanceBefore: number | null,
): Promise<WriteResult> {
  const { ctx, journal } = env
  journal.complete(journalId, {
    outcome: 'succeeded',
    response: result !== null && typeof result === 'object' ? (result as Record<string, unknown>) : { ok: result },
  })
  // Recorded as succeeded: from here on a local problem touches only copies (cache, balance figure), never the outcome.
  let fx: Effects = { item: asObject(result), extra: null, balanceAfter: null }
  try {
    if (op.cost !== 0) ctx.onSpend(op.profileId)
    fx = await applyEffects(env, client, op, result, context)
    if (fx.balanceAfter !== null) journal.setBalanceAfter(journalId, fx.balanceAfter)
  } catch {
    // the next sync and balance read repair them
  }
  // A write that moves no credits leaves the balance as it was; one that does is only known by reading it.
  const balanceAfter = fx.balanceAfter ?? (movesBalance(op.kind, op.cost) ? null : balanceBefore)
  return { journalId, cost: op.cost, balanceBefore, balanceAfter, item: fx.item, extra: fx.extra }
}

/** The panel said no (failed), or nothing clear (unknown → one check by reading). */
async function afterError(
  env: SpendingEnv,
  op: WriteOp,
  client: XtreamClient,
  journalId: number,
  e: unknown,
  secrets: string[],
): Promise<WriteResult> {
  const refused = isAppError(e) && e.outcome === 'failed'
  if (refused) {
    let unrecorded: string | null = null
    try {
      env.journal.complete(journalId, { outcome: 'failed', errorCode: e.code, errorMessage: e.message, secrets })
    } catch (je) {
      // The panel's "no" stands; only its record is missing.
      if (!isJournalWriteError(je)) throw je
      unrecorded = je.message
    }
    // The cached balance was wrong if the panel said there is not enough: refresh it soon.
    if (e.code === 'INSUFFICIENT_CREDITS') env.ctx.onSpend(op.profileId)
    throw panelFailure(e, journalId, unrecorded)
  }
  env.journal.complete(journalId, {
    outcome: 'unknown',
    errorCode: isApiError(e) ? e.code : 'OUTCOME_UNKNOWN',
    errorMessage: isAppError(e) ? e.message : 'The request was sent but the app could not read the answer.',
    evidence: 'No clear answer from the panel; checking by reading it.',
    secrets,
  })
  env.ctx.onSpend(op.profileId)
  // One check by reading — never by sending the write again.
  const { entry, verdict, effects } = await settleByReading(env, client, journalId)
  if (verdict.outcome === 'unknown') {
    throw new AppError(
      'OUTCOME_UNKNOWN',
      `The request was sent but no clear answer came back, and checking the panel did not settle it (${verdict.evidence}). It was NOT resent. Check the panel, then mark it in the journal.`,
      { outcome: 'unknown', details: { journalId } },
    )
  }
  if (verdict.outcome === 'failed') {
    throw new AppError(
      'FAILURE',
      `The request got no clear answer, and the panel shows it was not applied (${verdict.evidence}). Nothing was charged for it; you can try again.`,
      { outcome: 'failed', details: { journalId, reconciled: true } },
    )
  }
  return {
    journalId,
    cost: op.cost,
    balanceBefore: entry.balanceBefore,
    balanceAfter: effects?.balanceAfter ?? entry.balanceAfter,
    item: effects?.item ?? verdict.item ?? null,
    extra: { ...(effects?.extra ?? {}), reconciled: true, evidence: entry.evidence ?? verdict.evidence },
  }
}
