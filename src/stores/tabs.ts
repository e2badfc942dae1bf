/**
 * Open tabs and the split layout. Persisted in localStorage — LAYOUT ONLY
 * (which views are open), never API data.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { z } from 'zod'
import { Resource } from '../../electron/shared/domain'

export const TabKind = z.enum(['resource', 'packages', 'account', 'credits', 'journal', 'panels', 'settings', 'customers', 'radar', 'profit'])
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
/**
 * Tabs open at once. Beyond it the least recently used tab (never a shown one)
 * closes into the reopen list: a long day of work must not pile up tabs, and
 * the saved layout must stay within what LayoutSchema accepts on the next start.
 */
export const MAX_TABS = 20
/** How many closed tabs Ctrl+Shift+T can bring back. */
const REOPEN_DEPTH = 20

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

  /** Tab ids, least recently shown first (for closing the oldest past MAX_TABS). */
  const recent: string[] = tabs.value.map((t) => t.id)
  /** Closed tabs, newest last (memory only: a restart starts a fresh list). */
  const closed = ref<Tab[]>([])

  const active = computed(() => tabs.value.find((t) => t.id === activeId.value) ?? null)
  const second = computed(() => tabs.value.find((t) => t.id === secondId.value) ?? null)
  /** The tab that keyboard actions (Ctrl+N, F5) apply to. */
  const current = computed(() => (split.value && focus.value === 'right' ? second.value : active.value))

  function touch(id: string) {
    const i = recent.indexOf(id)
    if (i >= 0) recent.splice(i, 1)
    recent.push(id)
  }

  function select(id: string) {
    if (split.value && focus.value === 'right') secondId.value = id
    else activeId.value = id
    touch(id)
  }

  /** Closes the least recently used tabs that are not on screen until there is room for one more. */
  function makeRoom() {
    while (tabs.value.length >= MAX_TABS) {
      const oldest = recent.find((id) => id !== activeId.value && id !== secondId.value && tabs.value.some((t) => t.id === id))
      if (!oldest) return
      close(oldest)
    }
  }

  function open(kind: TabKind, profileId: string, resource?: Resource): Tab {
    const id = tabId(kind, profileId, resource)
    let tab = tabs.value.find((t) => t.id === id)
    if (!tab) {
      makeRoom()
      tab = { id, kind, profileId, ...(resource ? { resource } : {}) }
      tabs.value.push(tab)
    }
    select(id)
    return tab
  }

  function close(id: string) {
    const i = tabs.value.findIndex((t) => t.id === id)
    if (i < 0) return
    const [gone] = tabs.value.splice(i, 1)
    if (gone) closed.value = [...closed.value.filter((t) => t.id !== id), gone].slice(-REOPEN_DEPTH)
    const r = recent.indexOf(id)
    if (r >= 0) recent.splice(r, 1)
    const neighbour = tabs.value[Math.min(i, tabs.value.length - 1)]?.id ?? null
    if (activeId.value === id) activeId.value = neighbour
    if (secondId.value === id) secondId.value = tabs.value.find((t) => t.id !== activeId.value)?.id ?? null
  }

  function closeCurrent() {
    if (current.value) close(current.value.id)
  }

  /** Closes every tab but `id` (they can be reopened), and shows `id`. */
  function closeOthers(id: string) {
    if (!tabs.value.some((t) => t.id === id)) return
    for (const t of tabs.value.filter((x) => x.id !== id)) close(t.id)
    if (split.value) toggleSplit()
    select(id)
  }

  /** Ctrl+Shift+T: brings back the most recently closed tab; null when none is left. */
  function reopenClosed(): Tab | null {
    const last = closed.value.at(-1)
    if (!last) return null
    closed.value = closed.value.slice(0, -1)
    return open(last.kind, last.profileId, last.resource)
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
    closed.value = closed.value.filter((t) => t.profileId !== profileId)
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

  return {
    tabs,
    activeId,
    split,
    secondId,
    focus,
    active,
    second,
    current,
    closed,
    open,
    select,
    close,
    closeCurrent,
    closeOthers,
    reopenClosed,
    cycle,
    toggleSplit,
    dropProfile,
  }
})
