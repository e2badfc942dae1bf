/**
 * bulk:* handlers. Plans and runs live in memory (a crash loses the run view,
 * never the record: every item is a journal entry tagged with the run id).
 */
import { randomUUID } from 'node:crypto'
import type { ContractHandlers } from '../../shared/contract'
import type { BulkRun } from '../../shared/views'
import { AppError } from '../errors'
import { executeWrite } from '../writes/execute'
import { activeCodeCreateOp, lineCreateOp } from '../writes/ops-create'
import { extendOp, simpleOp } from '../writes/ops-item'
import type { SpendingEnv, WriteOp } from '../writes/types'
import { exportRunCsv } from './export'
import { notesOp } from './notes'
import { buildPlan, planView, type BulkJob, type BulkResource, type PlannedItem, type StoredPlan } from './plan'
import { Run } from './runner'
import { PanelSlots } from './slots'

export type BulkMethod =
  | 'bulk:plan' | 'bulk:start' | 'bulk:pause' | 'bulk:resume' | 'bulk:cancel' | 'bulk:status' | 'bulk:retryFailed' | 'bulk:exportCsv'

const MAX_PLANS = 50

/** One bulk item → the same operation a single click would make, tagged with the run. */
async function opFor(env: SpendingEnv, profileId: string, resource: BulkResource, job: BulkJob, runId: string): Promise<WriteOp> {
  switch (job.op) {
    case 'extend':
      return extendOp(env, resource, { profileId, id: job.id, packageId: job.packageId, endUnlimited: job.endUnlimited }, runId)
    case 'enable':
    case 'disable':
    case 'delete':
      return simpleOp(env, resource, job.op, { profileId, id: job.id }, runId)
    case 'setNotes':
      return notesOp(env, profileId, resource, job, runId)
    case 'create':
      if (resource === 'activecodes') {
        return activeCodeCreateOp(env, { profileId, packageId: job.packageId, trial: job.trial, ...(job.code ? { code: job.code } : {}) }, runId)
      }
      return lineCreateOp(
        env,
        { profileId, packageId: job.packageId, trial: job.trial, ...(job.username ? { username: job.username } : {}), ...(job.password ? { password: job.password } : {}) },
        runId,
      )
  }
}

export function createBulk(env: SpendingEnv, concurrencyPerPanel: number) {
  const slots = new PanelSlots(concurrencyPerPanel)
  const plans = new Map<string, StoredPlan>()
  const runs = new Map<string, { run: Run; plan: StoredPlan }>()

  const requireRun = (runId: string) => {
    const r = runs.get(runId)
    if (!r) throw new AppError('NOT_FOUND_LOCAL', 'This bulk run is not known (runs are kept until the app closes; its items are in the journal).')
    return r
  }

  const start = (plan: StoredPlan, items: readonly PlannedItem[]): BulkRun => {
    env.ctx.profiles.require(plan.profileId)
    const runId = randomUUID()
    const run = new Run(runId, plan.profileId, items, {
      slots,
      concurrency: concurrencyPerPanel,
      now: env.ctx.now,
      onProgress: (snapshot) => env.ctx.emit('bulk:progress', snapshot),
      write: async (job, id) => executeWrite(env, await opFor(env, plan.profileId, plan.resource, job, id)),
    })
    runs.set(runId, { run, plan })
    return run.snapshot()
  }

  const handlers: Pick<ContractHandlers, BulkMethod> = {
    'bulk:plan': async (input) => {
      const plan = await buildPlan(env, input)
      plans.set(plan.planId, plan)
      while (plans.size > MAX_PLANS) plans.delete(plans.keys().next().value as string)
      return planView(env, plan)
    },
    'bulk:start': async ({ planId }) => {
      const plan = plans.get(planId)
      if (!plan) throw new AppError('NOT_FOUND_LOCAL', 'This plan is no longer available. Make the plan again.')
      // A plan runs once: starting it twice would send every item twice.
      plans.delete(planId)
      return start(plan, plan.items)
    },
    'bulk:pause': async ({ runId }) => {
      const { run } = requireRun(runId)
      run.pause()
      return run.snapshot()
    },
    'bulk:resume': async ({ runId }) => {
      const { run } = requireRun(runId)
      run.resume()
      return run.snapshot()
    },
    'bulk:cancel': async ({ runId }) => {
      const { run } = requireRun(runId)
      run.cancel()
      return run.snapshot()
    },
    'bulk:status': async ({ runId }) => requireRun(runId).run.snapshot(),
    'bulk:retryFailed': async ({ runId }) => {
      const { run, plan } = requireRun(runId)
      if (run.state === 'running' || run.state === 'paused') {
        throw new AppError('BUSY', 'This run is still going. Retry its failed items once it has finished.')
      }
      // A run's failed set is handed out once (a double click must not charge twice): a second ask is refused.
      if (run.retriedBy !== null) {
        throw new AppError('BUSY', 'The failed items of this run were already sent again in a retry run; nothing is left to retry here.', {
          details: { retryRunId: run.retriedBy },
        })
      }
      // Only items that certainly did not apply. An unknown one may have been charged: never resent.
      const failed: PlannedItem[] = run.items
        .filter((r) => r.item.state === 'failed' && r.job !== null)
        .map((r) => ({ item: { ...r.item, state: 'queued', reason: null, journalId: null, result: null }, job: r.job }))
      if (failed.length === 0) throw new AppError('VALIDATION', 'No item of this run failed, so there is nothing to retry.')
      const retry = start(plan, failed)
      run.retriedBy = retry.runId
      return retry
    },
    'bulk:exportCsv': async ({ runId }) => {
      const { run, plan } = requireRun(runId)
      return exportRunCsv(run, env.ctx.profiles.get(plan.profileId), env.ctx.now())
    },
  }

  return {
    handlers,
    /** Test/diagnostic access: wait for a run to end. */
    finished: (runId: string) => requireRun(runId).run.finished,
    dispose(): void {
      for (const { run } of runs.values()) {
        run.cancel()
        run.dispose()
      }
    },
  }
}
