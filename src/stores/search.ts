/** Global search across every panel and resource (Ctrl/Cmd+K). */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { SearchHit } from '../../electron/shared/views'
import { call } from '../lib/call'

export const useSearchStore = defineStore('search', () => {
  const text = ref('')
  const hits = shallowRef<SearchHit[]>([])
  /** The text `hits` answer; Enter acts on the hits on screen only while it equals the typed text. */
  const hitsFor = ref('')
  const loading = ref(false)
  let seq = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  async function runNow(): Promise<void> {
    // Running now answers the typed text: a debounced run still pending would only repeat it.
    if (timer) clearTimeout(timer)
    timer = null
    const q = text.value.trim()
    const mine = ++seq
    if (!q) {
      hits.value = []
      hitsFor.value = ''
      return
    }
    loading.value = true
    const r = await call(() => xm.search.global({ text: q.slice(0, 100), limit: 30 }))
    if (mine !== seq) return
    loading.value = false
    hits.value = r ?? []
    hitsFor.value = q
  }

  /** True when the hits on screen are the answer to what is typed now (no search pending). */
  function current(): boolean {
    return timer === null && hitsFor.value === text.value.trim()
  }

  function setText(value: string) {
    text.value = value
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      void runNow()
    }, 120)
  }

  return { text, hits, hitsFor, loading, setText, runNow, current }
})
