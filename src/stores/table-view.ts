/**
 * What a table is asked to show — status chips, search, sort, page and page
 * size — and how each change reloads, and the `cache:query` that view asks
 * for. The answer (rows, total) is held by the table store (table.ts).
 */
import { ref } from 'vue'
import { EXPIRING_SOON_DAYS, type Resource, type StatusFilter } from '../../electron/shared/domain'
import type { CacheQuery } from '../../electron/shared/views'
import { RESOURCE_META } from '../lib/resources'

/** Short: the cache answers in a few ms, and stale answers are dropped (table.ts, `seq`). */
export const SEARCH_DEBOUNCE_MS = 40

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

/** What the user asked to see (chips, search, sort, page) and how each change reloads. */
export function tableView(resource: Resource, load: () => Promise<void>) {
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

export type TableView = ReturnType<typeof tableView>

/** The page of the cache this view asks for; chips, search and sort only when set. */
export function viewQuery(view: TableView, profileIds: CacheQuery['profileIds'], resource: Resource): CacheQuery {
  const { status, search, sort, page, pageSize } = view
  return {
    profileIds,
    resource,
    offset: (page.value - 1) * pageSize.value,
    limit: pageSize.value,
    ...(status.value.length ? { status: [...status.value], expiringDays: EXPIRING_SOON_DAYS } : {}),
    ...(search.value.trim() ? { search: search.value.trim() } : {}),
    ...(sort.value ? { sort: { ...sort.value } } : {}),
  }
}
