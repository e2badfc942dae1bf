/**
 * One table per open tab: the query (panels, chips, search, sort, page) and
 * the current page of rows from `cache:query`. Only one page is ever held in
 * memory, so 100,000 cached rows cost nothing here; rows live in a shallowRef
 * (deep reactivity on rows is wasted work — ARCHITECTURE §8).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { xm } from '../api/xm'
import { EXPIRING_SOON_DAYS, type Resource, type StatusFilter } from '../../electron/shared/domain'
import type { PanelFreshness } from '../../electron/shared/views'
import { call } from '../lib/call'
import { defaultColumns, isWritable, RESOURCE_META } from '../lib/resources'
import type { Result } from '../../electron/shared/errors'
import { useSyncStore } from './sync'

export type Row = Record<string, unknown> & { id: number; profileId: string }
export const rowKey = (r: Pick<Row, 'id' | 'profileId'>): string => `${r.profileId}:${r.id}`

/** Short: the cache answers in a few ms, and stale answers are dropped (see `seq`). */
export const SEARCH_DEBOUNCE_MS = 40
export const PAGE_SIZES = [50, 100] as const

const columnsKey = (resource: Resource) => `xm.columns.${resource}`

function readColumns(resource: Resource): string[] {
  try {
    const raw = localStorage.getItem(columnsKey(resource))
    const list: unknown = raw ? JSON.parse(raw) : null
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) return list
  } catch {
    /* unreadable preference: fall back to the defaults */
  }
  return defaultColumns(resource)
}

function saveColumns(resource: Resource, keys: string[]): void {
  try {
    localStorage.setItem(columnsKey(resource), JSON.stringify(keys))
  } catch {
    /* a preference only */
  }
}

/**
 * Typing: the first key after a pause runs at once (leading edge); keys that
 * follow within SEARCH_DEBOUNCE_MS are folded into one trailing run.
 */
function leadingDebounce(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastAt = -Infinity
  return () => {
    if (timer) clearTimeout(timer)
    const now = Date.now()
    const quiet = now - lastAt > SEARCH_DEBOUNCE_MS
    lastAt = now
    const fire = () => {
      timer = null
      run()
    }
    if (quiet) fire()
    else timer = setTimeout(fire, SEARCH_DEBOUNCE_MS)
  }
}

/** One object fresh from the panel (drawer "refresh", global search → drawer); log rows have no read of their own. */
async function fetchItem(resource: Resource, rows: readonly Row[], rowProfileId: string, id: number): Promise<Row | null> {
  if (!isWritable(resource)) return rows.find((r) => r.id === id && r.profileId === rowProfileId) ?? null
  const ns: { get(a: { profileId: string; id: number }): Promise<Result<Record<string, unknown>>> } = xm[resource]
  const item = await call(() => ns.get({ profileId: rowProfileId, id }))
  return item ? ({ ...item, profileId: rowProfileId } as Row) : null
}

/** Re-query when the cache under this view changed (sync, a write), at most every 400 ms; also when its freshness banner would change. */
function reloadOnChange(profileId: string, resource: Resource, load: () => Promise<void>): void {
  const sync = useSyncStore()
  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  const soon = () =>
    (refreshTimer ??= setTimeout(() => {
      refreshTimer = null
      void load()
    }, 400))
  const mine = (id: string) => profileId === 'all' || id === profileId
  watch(
    () => sync.lastChange,
    (c) => c && c.resource === resource && mine(c.profileId) && soon(),
  )
  // A sync that ended (done or failed) or a panel going on/offline changes the freshness banner.
  watch(
    () =>
      Object.values(sync.progress)
        .filter((p) => mine(p.profileId) && p.state !== 'running')
        .map((p) => `${p.profileId}:${p.resource}:${p.state}`)
        .join() +
      Object.values(sync.statuses)
        .filter((s) => mine(s.profileId))
        .map((s) => `${s.profileId}:${s.reachable}`)
        .join(),
    () => soon(),
  )
}

/** What the user asked to see (chips, search, sort, page) and how each change reloads. */
function tableView(resource: Resource, load: () => Promise<void>) {
  const status = ref<StatusFilter[]>([])
  const search = ref('')
  const sort = ref<{ column: string; dir: 'asc' | 'desc' } | null>(null)
  const page = ref(1)
  const pageSize = ref<number>(50)

  function setStatus(chips: StatusFilter[]) {
    status.value = chips
    page.value = 1
    return load()
  }
  /**
   * "Expiring in 7 days" is a to-do list: turned on with no sort of the user's own, it sorts
   * by expiry, soonest first (the column header shows it); turned off, that sort goes with it.
   */
  const BY_EXPIRY = { column: 'expDate', dir: 'asc' } as const
  let sortedForExpiring = false
  function toggleChip(chip: StatusFilter) {
    const on = !status.value.includes(chip)
    if (chip === 'expiring' && on && sort.value === null && RESOURCE_META[resource].columns.some((c) => c.key === 'expDate')) {
      sort.value = { ...BY_EXPIRY }
      sortedForExpiring = true
    } else if (chip === 'expiring' && !on && sortedForExpiring) {
      if (sort.value?.column === BY_EXPIRY.column && sort.value.dir === BY_EXPIRY.dir) sort.value = null
      sortedForExpiring = false
    }
    return setStatus(on ? [...status.value, chip] : status.value.filter((c) => c !== chip))
  }

  const searchSoon = leadingDebounce(() => {
    page.value = 1
    void load()
  })
  function setSearch(text: string) {
    search.value = text
    searchSoon()
  }

  function setSort(column: string | null, dir: 'asc' | 'desc' = 'asc') {
    sortedForExpiring = false
    sort.value = column ? { column, dir } : null
    page.value = 1
    return load()
  }
  function setPage(p: number) {
    page.value = Math.max(1, Math.floor(p))
    return load()
  }
  function setPageSize(size: number) {
    pageSize.value = size
    page.value = 1
    return load()
  }

  return { status, search, sort, page, pageSize, setStatus, toggleChip, setSearch, setSort, setPage, setPageSize }
}

export function useTableStore(tabId: string, profileId: string, resource: Resource) {
  return defineStore(`table:${tabId}`, () => {
    const rows = shallowRef<Row[]>([])
    const total = ref(0)
    const panels = shallowRef<PanelFreshness[]>([])
    const loading = ref(false)
    const loadedOnce = ref(false)

    const view = tableView(resource, () => load())
    const { status, search, sort, page, pageSize } = view
    const selection = ref<string[]>([])
    const visibleColumns = ref<string[]>(readColumns(resource))

    const profileIds = computed<string[] | 'all'>(() => (profileId === 'all' ? 'all' : [profileId]))
    const pageCount = computed(() => Math.max(1, Math.ceil(total.value / pageSize.value)))

    let seq = 0

    /** Answers can come back out of order (typing fast): only the newest one is shown. */
    async function load(): Promise<void> {
      const mine = ++seq
      loading.value = true
      const r = await call(() =>
        xm.cache.query({
          profileIds: profileIds.value,
          resource,
          offset: (page.value - 1) * pageSize.value,
          limit: pageSize.value,
          ...(status.value.length ? { status: [...status.value], expiringDays: EXPIRING_SOON_DAYS } : {}),
          ...(search.value.trim() ? { search: search.value.trim() } : {}),
          ...(sort.value ? { sort: { ...sort.value } } : {}),
        }),
      )
      if (mine !== seq) return
      loading.value = false
      loadedOnce.value = true
      if (!r) return
      rows.value = r.rows as Row[]
      total.value = r.total
      panels.value = r.panels
      if (r.rows.length === 0 && page.value > 1 && r.total > 0) {
        page.value = Math.max(1, Math.ceil(r.total / pageSize.value))
        await load()
      }
    }

    function setColumns(keys: string[]) {
      visibleColumns.value = keys
      saveColumns(resource, keys)
    }
    const fetchOne = (rowProfileId: string, id: number) => fetchItem(resource, rows.value, rowProfileId, id)

    reloadOnChange(profileId, resource, load)

    return {
      profileId,
      resource,
      rows,
      total,
      panels,
      loading,
      loadedOnce,
      ...view,
      pageCount,
      selection,
      visibleColumns,
      load,
      setColumns,
      fetchOne,
    }
  })()
}
