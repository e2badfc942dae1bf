/**
 * Bulk operations: plan (preview with per-item cost and total vs balance), ONE
 * confirmation, then a run whose progress arrives as `bulk:progress` events.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { BulkPlan, BulkPlanInput, BulkRun } from '../../electron/shared/views'
import { call } from '../lib/call'
import { downloadText } from '../lib/download'
import { useIpcEvent } from '../composables/useIpcEvent'
import { useCreditsStore } from './credits'
import { useSyncStore } from './sync'

export const useBulkStore = defineStore('bulk', () => {
  const plan = shallowRef<BulkPlan | null>(null)
  const run = shallowRef<BulkRun | null>(null)
  const planning = ref(false)
  const starting = ref(false)
  /** A pause/resume/cancel/retry on its way: a second click (a double-clicked "Retry failed") does nothing. */
  const controlling = ref(false)
  /** What the current plan was made from, so the preview can re-plan (e.g. to include unlimited lines). */
  const planInput = shallowRef<BulkPlanInput | null>(null)

  const finished = computed(() => !!run.value && ['done', 'cancelled', 'stopped'].includes(run.value.state))
  /** The bar shows what was sent: a cancelled run of 20 with 10 done is half full, not full. */
  const percent = computed(() => {
    const c = run.value?.counts
    if (!c || c.total === 0) return 0
    if (run.value!.state === 'done') return 100
    return Math.round(((c.succeeded + c.failed + c.unknown) / c.total) * 100)
  })

  async function makePlan(input: BulkPlanInput): Promise<BulkPlan | null> {
    planning.value = true
    planInput.value = input
    target = { profileId: input.profileId, resource: input.resource }
    try {
      const p = await call(() => xm.bulk.plan(input))
      plan.value = p
      run.value = null
      return p
    } finally {
      planning.value = false
    }
  }

  /** A second click while starting does nothing. */
  async function start(): Promise<BulkRun | null> {
    if (!plan.value || starting.value || run.value) return null
    starting.value = true
    try {
      const r = await call(() => xm.bulk.start({ planId: plan.value!.planId }))
      if (r) run.value = r
      return r
    } finally {
      starting.value = false
    }
  }

  async function control(op: 'pause' | 'resume' | 'cancel' | 'retryFailed'): Promise<void> {
    if (!run.value || controlling.value) return
    const runId = run.value.runId
    controlling.value = true
    try {
      const r = await call(() => xm.bulk[op]({ runId }))
      if (r) run.value = r
    } finally {
      controlling.value = false
    }
  }

  async function exportCsv(): Promise<void> {
    if (!run.value) return
    const runId = run.value.runId
    const r = await call(() => xm.bulk.exportCsv({ runId }))
    if (r) downloadText(r.filename, r.csv)
  }

  function reset() {
    plan.value = null
    run.value = null
    planInput.value = null
  }

  const credits = useCreditsStore()
  const sync = useSyncStore()
  let target: { profileId: string; resource: string } | null = null

  useIpcEvent(xm.bulk.onProgress, (r) => {
    if (run.value?.runId !== r.runId) return
    const wasRunning = !['done', 'cancelled', 'stopped'].includes(run.value.state)
    run.value = r
    // A finished run spent credits and changed rows: show both now, not at the next poll.
    if (wasRunning && finished.value) {
      void credits.load()
      if (target) sync.markChanged(target.profileId, target.resource)
    }
  })

  return { plan, run, planning, starting, controlling, planInput, finished, percent, makePlan, start, control, exportCsv, reset }
})
