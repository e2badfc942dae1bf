/**
 * Open tabs and the split layout. Persisted in localStorage — LAYOUT ONLY
 * (which views are open), never API data.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { z } from 'zod'
import { Resource } from '../../electron/shared/domain'

export const TabKind = z.enum(['resource', 'packages', 'account', 'credits', 'journal', 'panels', 'settings'])
export type TabKind = z.infer<typeof TabKind>

const TabSchema = z.object({
  id: z.string(),
  kind: TabKind,
  profileId: z.string(), // a panel id or 'all'
  resource: Resource.optional(),
})
export type Tab = z.infer<typeof TabSchema>

const LayoutSchema = z.object({
  tabs: z.array(TabSchema).max(50),
  activeId: z.string().nullable(),
  split: z.boolean(),
  secondId: z.string().nullable(),
  focus: z.enum(['left', 'right']),
})
type Layout = z.infer<typeof LayoutSchema>

export const LAYOUT_KEY = 'xm.layout.v1'

export function tabId(kind: TabKind, profileId: string, resource?: Resource): string {
  return [kind, profileId, resource ?? ''].join(':')
}

function readLayout(): Layout | null {
  try {
    const raw = localStorage.getItem(LAYOUT_KEY)
    if (!raw) return null
    const parsed = LayoutSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export const useTabsStore = defineStore('tabs', () => {
  const saved = readLayout()
  const tabs = ref<Tab[]>(saved?.tabs ?? [])
  const activeId = ref<string | null>(saved?.activeId ?? null)
  const split = ref(saved?.split ?? false)
  const secondId = ref<string | null>(saved?.secondId ?? null)
  const focus = ref<'left' | 'right'>(saved?.focus ?? 'left')

  const active = computed(() => tabs.value.find((t) => t.id === activeId.value) ?? null)
  const second = computed(() => tabs.value.find((t) => t.id === secondId.value) ?? null)
  /** The tab that keyboard actions (Ctrl+N, F5) apply to. */
  const current = computed(() => (split.value && focus.value === 'right' ? second.value : active.value))

  function select(id: string) {
    if (split.value && focus.value === 'right') secondId.value = id
    else activeId.value = id
  }

  function open(kind: TabKind, profileId: string, resource?: Resource): Tab {
    const id = tabId(kind, profileId, resource)
    let tab = tabs.value.find((t) => t.id === id)
    if (!tab) {
      tab = { id, kind, profileId, ...(resource ? { resource } : {}) }
      tabs.value.push(tab)
    }
    select(id)
    return tab
  }

  function close(id: string) {
    const i = tabs.value.findIndex((t) => t.id === id)
    if (i < 0) return
    tabs.value.splice(i, 1)
    const neighbour = tabs.value[Math.min(i, tabs.value.length - 1)]?.id ?? null
    if (activeId.value === id) activeId.value = neighbour
    if (secondId.value === id) secondId.value = tabs.value.find((t) => t.id !== activeId.value)?.id ?? null
  }

  function closeCurrent() {
    if (current.value) close(current.value.id)
  }

  function cycle(delta: 1 | -1) {
    if (tabs.value.length === 0) return
    const cur = current.value?.id
    const i = tabs.value.findIndex((t) => t.id === cur)
    const next = tabs.value[(i + delta + tabs.value.length) % tabs.value.length]
    if (next) select(next.id)
  }

  function toggleSplit() {
    split.value = !split.value
    if (split.value && !second.value) secondId.value = tabs.value.find((t) => t.id !== activeId.value)?.id ?? activeId.value
    if (!split.value) focus.value = 'left'
  }

  /** A panel was removed: its tabs go too. */
  function dropProfile(profileId: string) {
    for (const t of tabs.value.filter((x) => x.profileId === profileId)) close(t.id)
  }

  watch(
    [tabs, activeId, split, secondId, focus],
    () => {
      const layout: Layout = { tabs: tabs.value, activeId: activeId.value, split: split.value, secondId: secondId.value, focus: focus.value }
      try {
        localStorage.setItem(LAYOUT_KEY, JSON.stringify(layout))
      } catch {
        /* storage full or disabled: the layout is a convenience */
      }
    },
    { deep: true, flush: 'sync' },
  )

  return { tabs, activeId, split, secondId, focus, active, second, current, open, select, close, closeCurrent, cycle, toggleSplit, dropProfile }
})
