/** The audit journal of every write: filters, paging, "check again", decide, CSV export. */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { JournalEntry, JournalFilter, Outcome } from '../../electron/shared/views'
import { call } from '../lib/call'
import { downloadText } from '../lib/download'
import { useIpcEvent } from '../composables/useIpcEvent'

export const useJournalStore = defineStore('journal', () => {
  const rows = shallowRef<JournalEntry[]>([])
  const total = ref(0)
  const loading = ref(false)
  const profileIds = ref<string[]>([])
  const actions = ref<string[]>([])
  const outcomes = ref<Outcome[]>([])
  const range = ref<[number, number] | null>(null)
  const page = ref(1)
  const pageSize = ref(50)
  let seq = 0

  function filter(): JournalFilter {
    return {
      ...(profileIds.value.length ? { profileIds: [...profileIds.value] } : {}),
      ...(actions.value.length ? { actions: [...actions.value] } : {}),
      ...(outcomes.value.length ? { outcomes: [...outcomes.value] } : {}),
      ...(range.value ? { from: range.value[0], to: range.value[1] } : {}),
      offset: (page.value - 1) * pageSize.value,
      limit: pageSize.value,
    }
  }

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    const r = await call(() => xm.journal.query(filter()))
    if (mine !== seq) return
    loading.value = false
    if (r) {
      rows.value = r.rows
      total.value = r.total
    }
  }

  function setPage(p: number) {
    page.value = p
    return load()
  }
  function applyFilters() {
    page.value = 1
    return load()
  }

  function replace(e: JournalEntry) {
    rows.value = rows.value.map((r) => (r.id === e.id ? e : r))
  }

  async function reconcile(id: number): Promise<JournalEntry | null> {
    const e = await call(() => xm.journal.reconcile({ id }))
    if (e) replace(e)
    return e
  }

  async function decide(id: number, outcome: 'succeeded' | 'failed', note: string): Promise<JournalEntry | null> {
    const e = await call(() => xm.journal.decide({ id, outcome, note }))
    if (e) replace(e)
    return e
  }

  async function exportCsv(): Promise<void> {
    const { offset: _o, limit: _l, ...rest } = filter()
    const r = await call(() => xm.journal.exportCsv({ ...rest, offset: 0, limit: 1000 }))
    if (r) downloadText(r.filename, r.csv)
  }

  let timer: ReturnType<typeof setTimeout> | null = null
  useIpcEvent(xm.journal.onChanged, () => {
    timer ??= setTimeout(() => {
      timer = null
      void load()
    }, 300)
  })

  return { rows, total, loading, profileIds, actions, outcomes, range, page, pageSize, load, setPage, applyFilters, reconcile, decide, exportCsv }
})
