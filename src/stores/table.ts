/**
 * One table per open tab: the query (panels, chips, search, sort, page) and
 * the current page of rows from `cache:query`. Only one page is ever held in
 * memory, so 100,000 cached rows cost nothing here; rows live in a shallowRef
 * (deep reactivity on rows is wasted work — ARCHITECTURE §8).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { xm } from '../api/xm'
import type { Resource } from '../../electron/shared/domain'
import type { PanelFreshness } from '../../electron/shared/views'
import { call } from '../lib/call'
import { isWritable } from '../lib/resources'
import type { Result } from '../../electron/shared/errors'
import { useSyncStore } from './sync'
import { tableColumns } from './table-columns'
import { tableView, viewQuery, type TableView } from './table-view'

export type Row = Record<string, unknown> & { id: number; profileId: string }
export const rowKey = (r: Pick<Row, 'id' | 'profileId'>): string => `${r.profileId}:${r.id}`

export { SEARCH_DEBOUNCE_MS } from './table-view'
export const PAGE_SIZES = [50, 100] as const

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

/**
 * The page the cache answered for the view: its rows, the count over every
 * page (`total`, what the pager and "N lines" show), and each panel's
 * freshness for the banner.
 */
function cachedPage(profileId: string, resource: Resource, view: TableView) {
  const rows = shallowRef<Row[]>([])
  const total = ref(0)
  const panels = shallowRef<PanelFreshness[]>([])
  const loading = ref(false)
  const loadedOnce = ref(false)
  const { page, pageSize } = view
  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / pageSize.value)))
  const profileIds = computed<string[] | 'all'>(() => (profileId === 'all' ? 'all' : [profileId]))

  /** `total` is a lower bound while the cache counts a search's many matches (cache:count). */
  const counting = ref(false)
  /** The last count, for the same list on another page (until the cache under it changes). */
  let counted: { shape: string; total: number } | null = null

  let seq = 0
  /** Answers can come back out of order (typing fast): only the newest one is shown. */
  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    const query = viewQuery(view, profileIds.value, resource)
    const r = await call(() => xm.cache.query(query))
    if (mine !== seq) return
    loading.value = false
    loadedOnce.value = true
    if (!r) return
    rows.value = r.rows as Row[]
    total.value = r.total
    panels.value = r.panels
    counting.value = r.totalIsLowerBound === true
    if (counting.value) {
      const shape = shapeOf(query)
      if (counted?.shape === shape) {
        total.value = counted.total
        counting.value = false
      } else void countAll(mine, query, shape)
    }
    // The page is past the end (the set shrank under it: a filter, deletes, a sync): show the last page there is.
    if (r.rows.length === 0 && page.value > 1 && r.total > 0) {
      page.value = Math.max(1, Math.ceil(r.total / pageSize.value))
      await load()
    }
  }

  /** The page came before its count: the count follows, unless a newer answer came meanwhile. */
  async function countAll(mine: number, query: ReturnType<typeof viewQuery>, shape: string): Promise<void> {
    const c = await call(() => xm.cache.count(query))
    if (!c || c.total === null) return
    counted = { shape, total: c.total }
    if (mine !== seq) return
    total.value = c.total
    counting.value = false
  }

  /** The cache under the view changed (a sync, a write): counts are counted again. */
  function reload(): Promise<void> {
    counted = null
    return load()
  }

  return { rows, total, counting, panels, loading, loadedOnce, pageCount, load, reload }
}

/** A list query but for its page: what a count depends on. */
const shapeOf = ({ offset: _o, limit: _l, ...shape }: ReturnType<typeof viewQuery>): string => JSON.stringify(shape)

export function useTableStore(tabId: string, profileId: string, resource: Resource) {
  return defineStore(`table:${tabId}`, () => {
    const view = tableView(resource, () => answer.load())
    const answer = cachedPage(profileId, resource, view)
    const { rows, total, counting, panels, loading, loadedOnce, pageCount, load } = answer
    const selection = ref<string[]>([])
    const columns = tableColumns(resource)
    const fetchOne = (rowProfileId: string, id: number) => fetchItem(resource, rows.value, rowProfileId, id)

    reloadOnChange(profileId, resource, () => answer.reload())

    return {
      profileId,
      resource,
      rows,
      total,
      counting,
      panels,
      loading,
      loadedOnce,
      ...view,
      pageCount,
      selection,
      ...columns,
      load,
      fetchOne,
    }
  })()
}
