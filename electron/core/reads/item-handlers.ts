/**
 * `X:get`: one object read fresh from the panel (an edit dialog must start
 * from what the panel has now), written into the cache, `cache:changed` told.
 *
 * When the panel cannot be reached, the answer is the OFFLINE/TIMEOUT error —
 * with the cached copy in `details.cached` and `details.freshness: 'offline'`,
 * so the page can still show it, clearly marked. A cached row is never passed
 * off as a fresh read: someone may be about to spend credits on it.
 */
import type { Resource, ResourceRow } from '../../shared/domain'
import type { ActionName } from '../api/actions'
import { getActionOf } from '../api/resource-actions'
import type { WritableResource } from '../../shared/resources'
import { AppError, isAppError } from '../errors'
import { isOfflineCode } from '../sync/freshness'
import type { Handlers, ReadDeps } from './read-deps'

type ItemGets = Handlers<'lines:get' | 'mags:get' | 'enigmas:get' | 'activecodes:get' | 'subResellers:get'>

export function itemHandlers(d: ReadDeps): ItemGets {
  return {
    'lines:get': ({ profileId, id }) => readItem(d, profileId, 'lines', id),
    'mags:get': ({ profileId, id }) => readItem(d, profileId, 'mags', id),
    'enigmas:get': ({ profileId, id }) => readItem(d, profileId, 'enigmas', id),
    'activecodes:get': ({ profileId, id }) => readItem(d, profileId, 'activecodes', id),
    'subResellers:get': ({ profileId, id }) => readItem(d, profileId, 'subResellers', id),
  }
}

export async function readItem<R extends WritableResource>(d: ReadDeps, profileId: string, resource: R, id: number): Promise<ResourceRow[R]> {
  d.ctx.profiles.require(profileId)
  const client = d.ctx.clients.forProfile(profileId)
  let row: ResourceRow[R]
  try {
    // The one place the get action is chosen at run time; each answers its resource's row type.
    row = (await (client.call as (a: ActionName, p: object) => Promise<unknown>)(getActionOf(resource), { id })) as ResourceRow[R]
  } catch (e) {
    if (!isAppError(e)) throw e
    d.board.failed(profileId, { code: e.code, message: e.message })
    if (!isOfflineCode(e.code)) throw e
    const cached = d.ctx.cache.getRow(profileId, resource, id)
    if (cached === null) throw e
    const syncedAt = d.ctx.cache.getSyncMeta(profileId, resource as Resource).syncedAt
    throw new AppError(e.code, `${e.message} The copy saved on this computer is shown instead.`, {
      details: { freshness: 'offline', cached, syncedAt },
    })
  }
  d.board.answered(profileId)
  d.ctx.cache.upsert(profileId, resource, row)
  d.ctx.emit('cache:changed', { profileId, resource })
  return row
}
