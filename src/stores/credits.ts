/** Credit balances per panel (sidebar, tray twin), history for the Credits view, monitoring pause. */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { CreditHistory, CreditSummary } from '../../electron/shared/views'
import { call } from '../lib/call'
import { useIpcEvent } from '../composables/useIpcEvent'

export const useCreditsStore = defineStore('credits', () => {
  const summaries = ref<CreditSummary[]>([])
  const history = shallowRef<Record<string, CreditHistory>>({})
  const paused = ref(false)
  const byId = computed(() => new Map(summaries.value.map((s) => [s.profileId, s])))

  /**
   * Balances a write answered with, per panel, until a summary at least as new
   * arrives: an older summary (a load that was already on its way, or the
   * monitor's event for another panel) must not put the pre-spend balance back.
   */
  const applied = new Map<string, { credits: number; at: number }>()

  function accept(list: CreditSummary[]) {
    summaries.value = list.map((s) => {
      const mine = applied.get(s.profileId)
      if (!mine) return s
      if (s.updatedAt !== null && s.updatedAt >= mine.at) {
        applied.delete(s.profileId)
        return s
      }
      return { ...s, credits: mine.credits, updatedAt: mine.at }
    })
  }

  async function load(): Promise<void> {
    const list = await call(() => xm.credits.summary(), { quiet: true })
    if (list) accept(list)
  }

  /** Per panel, the newest history asked for: a slower answer for an older range must not replace it. */
  const asked = new Map<string, number>()
  async function loadHistory(profileId: string, days = 30): Promise<CreditHistory | null> {
    const mine = (asked.get(profileId) ?? 0) + 1
    asked.set(profileId, mine)
    const h = await call(() => xm.credits.history({ profileId, days }))
    if (h && asked.get(profileId) === mine) history.value = { ...history.value, [profileId]: h }
    return h
  }

  async function refresh(profileId?: string): Promise<void> {
    await call(() => xm.credits.refresh(profileId ? { profileId } : {}))
  }

  async function setPaused(value: boolean): Promise<void> {
    const r = await call(() => xm.credits.setPaused({ paused: value }))
    if (r) paused.value = r.paused
  }

  async function loadPaused(): Promise<void> {
    const s = await call(() => xm.settings.get(), { quiet: true })
    if (s) paused.value = s.monitorPaused
  }

  /** A write answered with the balance after it: show it now, before the monitor's next poll. */
  function applyBalance(profileId: string, credits: number | null) {
    if (credits === null) return
    const at = Date.now()
    applied.set(profileId, { credits, at })
    summaries.value = summaries.value.map((s) => (s.profileId === profileId ? { ...s, credits, updatedAt: at } : s))
  }

  useIpcEvent(xm.credits.onChanged, accept)

  return { summaries, history, paused, byId, load, loadHistory, refresh, setPaused, loadPaused, applyBalance }
})
