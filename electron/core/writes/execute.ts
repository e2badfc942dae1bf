/**
 * executeWrite: the ONE path every write takes.
 *
 *   claim target (BUSY) → pre-check credits → fresh reads (prepare) →
 *   journal intent → send ONCE → journal completion → cache + balance →
 *   WriteResult
 *
 * Money rules: the intent is durable before the request leaves; a write is
 * never resent; an unknown outcome is checked once by READING the panel and
 * otherwise left to the user (journal:reconcile / journal:decide).
 */
import type { WriteResult } from '../../shared/writes'
import { isApiError } from '../api/api-error'
import type { XtreamClient } from '../api/client'
import { AppError, isAppError } from '../errors'
import { reconcileEntry } from '../reconcile/reconcile'
import { isEnough } from './cost'
import { applyEffects, movesBalance } from './effects'
import { callAction } from './panel'
import type { Prepared, SpendingEnv, WriteOp } from './types'

function errorParts(e: unknown): { code: string; message: string; outcome: 'failed' | 'unknown' } {
  if (isAppError(e)) return { code: e.code, message: e.message, outcome: e.outcome }
  // Anything else escaped after the request may have left: treat it as unknown, never as failed.
  return { code: 'OUTCOME_UNKNOWN', message: 'The request was sent but the app could not read the answer.', outcome: 'unknown' }
}

/** The error a caller sees, with the journal entry it belongs to. */
function withJournal(e: unknown, journalId: number): AppError {
  const p = errorParts(e)
  const details = { ...(isAppError(e) ? (e.details ?? {}) : {}), journalId }
  return new AppError(p.code as AppError['code'], p.message, { details, outcome: p.outcome })
}

export async function executeWrite(env: SpendingEnv, op: WriteOp): Promise<WriteResult> {
  const { ctx, journal } = env
  const release = env.inflight.claim(op.profileId, op.resource, op.lockKey)
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
    const journalId = journal.recordIntent({
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

    let result: unknown
    try {
      result = await callAction(client, op.action, prepared.params)
    } catch (e) {
      return await afterError(env, op, client, journalId, e, prepared.secrets ?? [])
    }
    journal.complete(journalId, {
      outcome: 'succeeded',
      response: result !== null && typeof result === 'object' ? (result as Record<string, unknown>) : { ok: result },
    })
    if (op.cost !== 0) ctx.onSpend(op.profileId)
    const fx = await applyEffects(env, client, op, result, context)
    if (fx.balanceAfter !== null) journal.setBalanceAfter(journalId, fx.balanceAfter)
    // A write that moves no credits leaves the balance as it was; one that does is only known by reading it.
    const balanceAfter = fx.balanceAfter ?? (movesBalance(op.kind, op.cost) ? null : balanceBefore)
    return { journalId, cost: op.cost, balanceBefore, balanceAfter, item: fx.item, extra: fx.extra }
  } finally {
    release()
  }
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
  const p = errorParts(e)
  if (p.outcome === 'failed') {
    env.journal.complete(journalId, { outcome: 'failed', errorCode: p.code, errorMessage: p.message, secrets })
    // The cached balance was wrong if the panel said there is not enough: refresh it soon.
    if (p.code === 'INSUFFICIENT_CREDITS') env.ctx.onSpend(op.profileId)
    throw withJournal(e, journalId)
  }
  env.journal.complete(journalId, {
    outcome: 'unknown',
    errorCode: isApiError(e) ? e.code : 'OUTCOME_UNKNOWN',
    errorMessage: p.message,
    evidence: 'No clear answer from the panel; checking by reading it.',
    secrets,
  })
  env.ctx.onSpend(op.profileId)
  // One check by reading — never by sending the write again.
  const entry = env.journal.require(journalId)
  const verdict = await reconcileEntry(env, client, entry, env.journal.context(journalId))
  if (verdict.outcome === 'unknown') {
    env.journal.noteCheck(journalId, verdict.evidence)
    throw new AppError(
      'OUTCOME_UNKNOWN',
      `The request was sent but no clear answer came back, and checking the panel did not settle it (${verdict.evidence}). It was NOT resent. Check the panel, then mark it in the journal.`,
      { outcome: 'unknown', details: { journalId } },
    )
  }
  const settled = env.journal.complete(journalId, { outcome: verdict.outcome, evidence: verdict.evidence, balanceAfter: verdict.balanceAfter ?? null })
  if (verdict.outcome === 'failed') {
    throw new AppError(
      'FAILURE',
      `The request got no clear answer, and the panel shows it was not applied (${verdict.evidence}). Nothing was charged for it; you can try again.`,
      { outcome: 'failed', details: { journalId, reconciled: true } },
    )
  }
  const fx = await applyEffects(env, client, op, verdict.item ?? null, env.journal.context(journalId))
  if (fx.balanceAfter !== null && settled.balanceAfter === null) env.journal.setBalanceAfter(journalId, fx.balanceAfter)
  return {
    journalId,
    cost: op.cost,
    balanceBefore: settled.balanceBefore,
    balanceAfter: fx.balanceAfter ?? settled.balanceAfter,
    item: fx.item ?? verdict.item ?? null,
    extra: { ...(fx.extra ?? {}), reconciled: true, evidence: verdict.evidence },
  }
}
