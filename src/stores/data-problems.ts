/**
 * Damaged data files found at start (`app:info` problems): the banner lists them until
 * the user confirms each. A journal problem pauses spending in the core until then.
 */
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { DataProblem } from '../../electron/shared/views'
import { call } from '../lib/call'

export const useDataProblemsStore = defineStore('dataProblems', () => {
  const problems = shallowRef<DataProblem[]>([])
  const confirming = shallowRef<string | null>(null)

  async function load(): Promise<void> {
    const info = await call(() => xm.app.info(), { quiet: true })
    if (info) problems.value = info.problems ?? []
  }

  /** Confirm one; it leaves the list only once the core has it. */
  async function confirm(id: string): Promise<boolean> {
    confirming.value = id
    try {
      const done = await call(() => xm.app.ackProblem({ id }))
      if (!done) return false
      problems.value = problems.value.filter((p) => p.id !== id)
      return true
    } finally {
      confirming.value = null
    }
  }

  return { problems, confirming, load, confirm }
})
