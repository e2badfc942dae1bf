/**
 * createSpending: everything that can cost credits or change a panel, wired
 * for the composition root — the write methods, spend:quote, the audit
 * journal (journal:*) and bulk runs (bulk:*).
 */
import type { ContractHandlers } from '../../shared/contract'
import { createBulk, type BulkMethod } from '../bulk'
import { exportJournalCsv } from '../journal/export'
import { Journal } from '../journal/journal'
import type { CoreContext } from '../ports'
import { reconcileAllUnknown, reconcileJournalEntry } from '../reconcile'
import { quote } from './cost'
import { quoteExpiry } from './expiry'
import { createWriteHandlers, type WriteMethod } from './handlers'
import { InFlight } from './inflight'
import type { SpendingEnv } from './types'

export type JournalMethod = 'journal:query' | 'journal:exportCsv' | 'journal:reconcile' | 'journal:decide'
export type SpendingMethod = 'spend:quote' | WriteMethod | JournalMethod | BulkMethod
export type SpendingHandlers = Pick<ContractHandlers, SpendingMethod>

export interface SpendingOptions {
  journalFile: string
  /** Bulk requests in flight per panel (default 2). */
  concurrencyPerPanel?: number
  /**
   * How long after sending a "not on the panel" read proves a write did not
   * apply (default 60 s): a timed-out request may still be running on the server.
   */
  settleMs?: number
}

export interface Spending {
  handlers: SpendingHandlers
  journal: Journal
  /** Check every unknown journal entry against its panel (startup, on request). */
  reconcileUnknown(profileId?: string): Promise<{ checked: number; settled: number }>
  /** Resolves when a bulk run has ended (tests, diagnostics). */
  bulkFinished(runId: string): Promise<void>
  dispose(): void
}

export const DEFAULT_SETTLE_MS = 60_000

export function createSpending(ctx: CoreContext, opts: SpendingOptions): Spending {
  const journal = new Journal(opts.journalFile, { now: ctx.now, onChange: (id) => ctx.emit('journal:changed', { id }) })
  const env: SpendingEnv = { ctx, journal, inflight: new InFlight(), settleMs: opts.settleMs ?? DEFAULT_SETTLE_MS }
  const bulk = createBulk(env, Math.max(1, opts.concurrencyPerPanel ?? 2))

  const handlers: SpendingHandlers = {
    'spend:quote': async (q) => {
      ctx.profiles.require(q.profileId)
      const packages = ctx.cache.getPackages(q.profileId)
      const result = quote(q, packages, ctx.cache.getAccount(q.profileId)?.info ?? null)
      return q.kind === 'extend' && q.id !== undefined ? { ...result, expiry: quoteExpiry(ctx, q, packages) } : result
    },
    ...createWriteHandlers(env),
    'journal:query': async (filter) => journal.query(filter),
    'journal:exportCsv': async (filter) => exportJournalCsv(journal, filter, ctx.now()),
    'journal:reconcile': async ({ id }) => reconcileJournalEntry(env, id),
    'journal:decide': async ({ id, outcome, note }) => journal.decide(id, outcome, note),
    ...bulk.handlers,
  }

  return {
    handlers,
    journal,
    reconcileUnknown: (profileId) => reconcileAllUnknown(env, profileId),
    bulkFinished: (runId) => bulk.finished(runId),
    dispose() {
      bulk.dispose()
      journal.close()
    },
  }
}
