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

  async function load(): Promise<void> {
    const list = await call(() => xm.credits.summary(), { quiet: true })
    if (list) summaries.value = list
  }

  async function loadHistory(profileId: string, days = 30): Promise<CreditHistory | null> {
    const h = await call(() => xm.credits.history({ profileId, days }))
    if (h) history.value = { ...history.value, [profileId]: h }
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
    summaries.value = summaries.value.map((s) => (s.profileId === profileId ? { ...s, credits, updatedAt: Date.now() } : s))
  }

  useIpcEvent(xm.credits.onChanged, (list) => (summaries.value = list))

  return { summaries, history, paused, byId, load, loadHistory, refresh, setPaused, loadPaused, applyBalance }
})
