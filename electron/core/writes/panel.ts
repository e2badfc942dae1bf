/**
 * The API actions of each writable resource, and the few reads the write
 * path and reconciliation share (one row by id, one row by natural key, the
 * account). `client.call` is typed per action; these helpers pick the action
 * from a resource at run time, so the one cast lives here.
 */
import type { AccountInfo, ResourceRow } from '../../shared/domain'
import type { ActionName } from '../api/actions'
import { isApiError } from '../api/api-error'
import type { XtreamClient } from '../api/client'
import { tryNormaliseMac } from '../api/mac'

export type WritableResource = 'lines' | 'mags' | 'enigmas' | 'activecodes' | 'subResellers'
export type WriteKind = 'create' | 'edit' | 'extend' | 'delete' | 'enable' | 'disable' | 'convert' | 'reset' | 'adjust'

export type WritableRow = Pick<ResourceRow, WritableResource>

interface ResourceApi {
  get: ActionName
  list: ActionName
  create: ActionName
  edit: ActionName
  delete: ActionName
  enable: ActionName
  disable: ActionName
  convert?: ActionName
  reset?: ActionName
  adjust?: ActionName
  /** Which field is the natural key (reconciliation of creates looks it up). */
  key: 'username' | 'mac' | 'code'
}

export const RESOURCE_API: Record<WritableResource, ResourceApi> = {
  lines: { get: 'get_line', list: 'get_lines', create: 'create_line', edit: 'edit_line', delete: 'delete_line', enable: 'enable_line', disable: 'disable_line', key: 'username' },
  mags: { get: 'get_mag', list: 'get_mags', create: 'create_mag', edit: 'edit_mag', delete: 'delete_mag', enable: 'enable_mag', disable: 'disable_mag', convert: 'convert_mag', key: 'mac' },
  enigmas: { get: 'get_enigma', list: 'get_enigmas', create: 'create_enigma', edit: 'edit_enigma', delete: 'delete_enigma', enable: 'enable_enigma', disable: 'disable_enigma', convert: 'convert_enigma', key: 'mac' },
  activecodes: { get: 'get_activecode', list: 'get_activecodes', create: 'create_activecode', edit: 'edit_activecode', delete: 'delete_activecode', enable: 'enable_activecode', disable: 'disable_activecode', reset: 'reset_activecode', key: 'code' },
  subResellers: { get: 'get_user', list: 'get_users', create: 'create_user', edit: 'edit_user', delete: 'delete_user', enable: 'enable_user', disable: 'disable_user', adjust: 'adjust_credits', key: 'username' },
}

/** The API action for a kind of write on a resource (extend = edit with `package`). */
export function actionFor(resource: WritableResource, kind: WriteKind): ActionName {
  const api = RESOURCE_API[resource]
  const a = kind === 'extend' ? api.edit : api[kind]
  if (!a) throw new Error(`no ${kind} action for ${resource}`)
  return a
}

/** The one untyped door to `client.call` (action chosen at run time). */
export function callAction(client: XtreamClient, action: ActionName, params: Record<string, unknown>): Promise<unknown> {
  return (client.call as (a: ActionName, p: Record<string, unknown>) => Promise<unknown>)(action, params)
}

export async function readRow<R extends WritableResource>(client: XtreamClient, resource: R, id: number): Promise<WritableRow[R]> {
  return (await callAction(client, RESOURCE_API[resource].get, { id })) as WritableRow[R]
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
  const k = RESOURCE_API[resource].key
  const v = (row as unknown as Record<string, unknown>)[k]
  return typeof v === 'string' ? v : ''
}

export function sameKey(resource: WritableResource, a: string, b: string): boolean {
  if (RESOURCE_API[resource].key === 'mac') return (tryNormaliseMac(a) ?? a.toUpperCase()) === (tryNormaliseMac(b) ?? b.toUpperCase())
  // Line and user names are unique case-insensitively on the panel (panel-api §9.2).
  if (RESOURCE_API[resource].key === 'username') return a.toLowerCase() === b.toLowerCase()
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
    const page = (await callAction(client, RESOURCE_API[resource].list, { search: key, start, limit })) as {
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
