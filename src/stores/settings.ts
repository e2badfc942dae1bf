/**
 * App settings (`settings:get` / `settings:set`) and the read-only facts of
 * `app:info` for the Settings view. Each change is saved at once; the core
 * answers with the settings as stored, which become the truth here.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { xm } from '../api/xm'
import type { AppInfo, Settings } from '../../electron/shared/views'
import { call } from '../lib/call'
import { useCreditsStore } from './credits'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null)
  const info = ref<AppInfo | null>(null)
  const loading = ref(false)
  /** The setting being saved right now (its switch shows a spinner). */
  const saving = ref<keyof Settings | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      const [s, i] = await Promise.all([call(() => xm.settings.get()), call(() => xm.app.info(), { quiet: true })])
      if (s) settings.value = s
      if (i) info.value = i
    } finally {
      loading.value = false
    }
  }

  /** Save one setting; on failure the view keeps showing what is stored. */
  async function set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<boolean> {
    saving.value = key
    try {
      const s = await call(() => xm.settings.set({ [key]: value } as Partial<Settings>))
      if (!s) return false
      settings.value = s
      // The Credits view and the sidebar show the pause too.
      useCreditsStore().paused = s.monitorPaused
      return true
    } finally {
      saving.value = null
    }
  }

  return { settings, info, loading, saving, load, set }
})
