/**
 * Reads answered from the cache at once: table pages, a row's raw copy, global
 * search, a panel's packages and account. Each read says how fresh every panel's copy
 * is, and starts a background refresh of what is stale (stale-while-revalidate).
 * Packages and the account are fetched first when there is no copy at all:
 * a create dialog cannot price anything without them.
 */
import type { CacheQuery, QueryResult } from '../../shared/views'
import { capText } from '../api/normalise/coerce'
import { isAppError, redactSecrets } from '../errors'
import type { SyncTarget } from '../sync/targets'
import { panelFreshness, revalidate } from './panel-freshness'
import type { Handlers, ReadDeps } from './read-deps'

const SEARCH_LIMIT = 20

/** The query's panels, each one that exists (an unknown panel is refused). */
function panelsOf(d: ReadDeps, q: CacheQuery): string[] {
  const ids = q.profileIds === 'all' ? d.ctx.profiles.list().map((p) => p.id) : q.profileIds
  for (const id of ids) d.ctx.profiles.require(id)
  return ids
}

/** A list's search also finds rows by their customer's name or phone (issue #13 §1). */
const ownedOf = (d: ReadDeps, q: CacheQuery) => (q.search && d.ownedBy ? d.ownedBy(q.search, q.resource) : [])

export function cacheHandlers(d: ReadDeps): Handlers<'cache:query' | 'cache:count' | 'cache:raw' | 'search:global' | 'packages:list' | 'account:get'> {
  return {
    'cache:query': async (q) => {
      const ids = panelsOf(d, q)
      const answer = d.ctx.cache.query(q, Math.floor(d.ctx.now() / 1000), ownedOf(d, q))
      const panels = ids.map((id) => panelFreshness(d, id, q.resource))
      revalidate(d, panels, q.resource)
      return { ...answer, panels } satisfies QueryResult
    },

    'cache:count': async (q) => {
      panelsOf(d, q)
      return { total: await d.ctx.cache.countQuery(q, Math.floor(d.ctx.now() / 1000), ownedOf(d, q)) }
    },

    'cache:raw': async ({ profileId, resource, id }) => {
      d.ctx.profiles.require(profileId)
      return pageSafe(d.ctx.cache.getRaw(profileId, resource, id))
    },

    'search:global': async ({ text, limit }) => d.ctx.cache.search(text, limit ?? SEARCH_LIMIT),

    'packages:list': async ({ profileId }) => {
      await ensureCopy(d, profileId, 'packages')
      return d.ctx.cache.getPackages(profileId)
    },

    'account:get': async ({ profileId }) => {
      await ensureCopy(d, profileId, 'account')
      return d.ctx.cache.getAccount(profileId)?.info ?? null
    },
  }
}

/**
 * A panel's row goes to the page as data to look at: nothing in it may look like an API key
 * (a panel that echoes request fields could put one there). Whatever the redaction cannot
 * leave as valid JSON is not shown at all.
 */
function pageSafe(raw: unknown): unknown {
  if (raw === null || raw === undefined) return null
  try {
    return capStrings(JSON.parse(redactSecrets(JSON.stringify(raw))) as unknown)
  } catch {
    return null
  }
}

/** The raw view shows long fields cut like the columns are (api/normalise/coerce.ts); the page in the cache stays whole. */
function capStrings(v: unknown): unknown {
  if (typeof v === 'string') return capText(v)
  if (Array.isArray(v)) return v.map(capStrings)
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, capStrings(x)]))
  return v
}

/**
 * Never synced: fetch now and wait (the error is the caller's when nothing is
 * cached). Otherwise answer from the cache and refresh in the background.
 */
async function ensureCopy(d: ReadDeps, profileId: string, target: SyncTarget): Promise<void> {
  d.ctx.profiles.require(profileId)
  const meta = d.ctx.cache.getSyncMeta(profileId, target)
  if (meta.syncedAt !== null) {
    revalidate(d, [panelFreshness(d, profileId, target)], target)
    return
  }
  try {
    await d.sync.fetchNow(profileId, target)
  } catch (e) {
    // A disabled panel or one without a key simply has nothing cached yet.
    if (isAppError(e) && e.code === 'NO_KEY') return
    throw e
  }
}
