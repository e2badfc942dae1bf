/**
 * The API action of each kind of write (from the resource's descriptor,
 * shared/resources.ts), and the few reads the write path and reconciliation share (one row by id, one row by natural key, the
 * account). `client.call` is typed per action; these helpers pick the action
 * from a resource at run time, so the one cast lives here.
 */
import type { AccountInfo, ResourceRow } from '../../shared/domain'
import type { ActionName } from '../api/actions'
import { isApiError } from '../api/api-error'
import type { XtreamClient } from '../api/client'
import { tryNormaliseMac } from '../api/mac'
import { getActionOf, listActionOf, writeActionOf } from '../api/resource-actions'
import { naturalKeyOf, RESOURCE_INFO, type WritableResource } from '../../shared/resources'

export type WriteKind = 'create' | 'edit' | 'extend' | 'delete' | 'enable' | 'disable' | 'convert' | 'reset' | 'adjust'

export type WritableRow = Pick<ResourceRow, WritableResource>

/** The API action for a kind of write on a resource (extend = edit with `package`). */
export function actionFor(resource: WritableResource, kind: WriteKind): ActionName {
  const a = writeActionOf(resource, kind === 'adjust' ? 'adjustCredits' : kind)
  if (!a) throw new Error(`no ${kind} action for ${resource}`)
  return a
}

/** The one untyped door to `client.call` (action chosen at run time). */
export function callAction(client: XtreamClient, action: ActionName, params: Record<string, unknown>): Promise<unknown> {
  return (client.call as (a: ActionName, p: Record<string, unknown>) => Promise<unknown>)(action, params)
}

export async function readRow<R extends WritableResource>(client: XtreamClient, resource: R, id: number): Promise<WritableRow[R]> {
  return (await callAction(client, getActionOf(resource), { id })) as WritableRow[R]
}

/**
 * A lookup by id that answered "no such item": the panel's BARE STATUS_FAILURE (docs/panel-api.md §8).
 * The same status with an error text or an echo is a failure of the panel itself (a database
 * error), never evidence that the item is gone.
 */
export function isAbsent(e: unknown): boolean {
  return isApiError(e) && e.code === 'FAILURE' && e.status === 'STATUS_FAILURE' && e.details?.panelMessage === undefined && e.echo === undefined
}

/** The natural key of a row, canonical (MACs upper-case colon form, names case-folded by the caller). */
export function keyOf(resource: WritableResource, row: WritableRow[WritableResource]): string {
  return naturalKeyOf(resource, row as unknown as Record<string, unknown>)
}

export function sameKey(resource: WritableResource, a: string, b: string): boolean {
  const key = RESOURCE_INFO[resource].naturalKey
  if (key === 'mac') return (tryNormaliseMac(a) ?? a.toUpperCase()) === (tryNormaliseMac(b) ?? b.toUpperCase())
  // Line and user names are unique case-insensitively on the panel (panel-api §9.2).
  if (key === 'username') return a.toLowerCase() === b.toLowerCase()
  return a === b
}

/**
 * Find a row on the panel by its natural key with the list search (a LIKE over
 * several columns, panel-api §5), keeping only exact key matches. Pages through
 * the matches, since a short key can match many rows.
 */
export async function findOnPanel<R extends WritableResource>(
  client: XtreamClient,
  resource: R,
  key: string,
): Promise<WritableRow[R] | null> {
  const limit = 100
  for (let start = 0; start < 5000; start += limit) {
    const page = (await callAction(client, listActionOf(resource), { search: key, start, limit })) as {
      rows: WritableRow[R][]
      total: number | null
    }
    const hit = page.rows.find((r) => sameKey(resource, keyOf(resource, r), key))
    if (hit) return hit
    if (page.rows.length < limit || (page.total !== null && start + limit >= page.total)) return null
  }
  return null
}

export async function readAccount(client: XtreamClient): Promise<AccountInfo> {
  return (await client.call('user_info', {})) as AccountInfo
}
