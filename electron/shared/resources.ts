/**
 * One descriptor per resource: what it is on the panel (its get and list
 * actions, its write actions) and in the app (its cache table, its natural key,
 * whether it carries a subscription). The cache, the write path, bulk, sync,
 * the customer book and the page all read it; no other file spells these out.
 *
 * The action names are plain strings here (shared code must not import the
 * core): `electron/core/api/resource-actions.ts` checks each against the
 * action table, so a misspelt one fails the typecheck.
 * No zod here: the preload and the page's WebSocket handle import it.
 */
import type { MethodArgs, MethodName } from './contract'
import type { Resource } from './domain'

/** The field that names an item on the panel: unique per panel (panel-api §9.2). */
export type NaturalKey = 'username' | 'mac' | 'code'

/** A write the page can ask for on a resource (`lines:create` …), and the API action it sends. */
export type WriteAction = 'create' | 'edit' | 'extend' | 'delete' | 'enable' | 'disable' | 'convert' | 'reset' | 'adjustCredits'

export interface ResourceDescriptor {
  /** The cache's table. */
  readonly table: string
  /** null: log rows, which have no key of their own. */
  readonly naturalKey: NaturalKey | null
  /** The field a row shows as its title: the natural key where there is one. */
  readonly titleField: string
  /** Carries a package, an expiry, a price and enable/disable (lines, devices, codes). */
  readonly subscription: boolean
  /** The paged list action (panel-api §5). */
  readonly list: string
  /** The one-item read, null where the panel has none. */
  readonly get: string | null
  /** The contract's write methods on it (`<resource>:<action>`) → the API action each sends (extend = edit with `package`). */
  readonly writes: Readonly<Partial<Record<WriteAction, string>>>
}

// A declarative table: its entries look alike on purpose, one per resource, each spelt out in full.
export const RESOURCE_INFO = {
  lines: {
    table: 'lines',
    naturalKey: 'username',
    titleField: 'username',
    subscription: true,
    list: 'get_lines',
    get: 'get_line',
    writes: { create: 'create_line', edit: 'edit_line', extend: 'edit_line', delete: 'delete_line', enable: 'enable_line', disable: 'disable_line' },
  },
  mags: {
    table: 'mags',
    naturalKey: 'mac',
    titleField: 'mac',
    subscription: true,
    list: 'get_mags',
    get: 'get_mag',
    writes: { create: 'create_mag', edit: 'edit_mag', extend: 'edit_mag', delete: 'delete_mag', enable: 'enable_mag', disable: 'disable_mag', convert: 'convert_mag' },
  },
  enigmas: {
    table: 'enigmas',
    naturalKey: 'mac',
    titleField: 'mac',
    subscription: true,
    list: 'get_enigmas',
    get: 'get_enigma',
    writes: { create: 'create_enigma', edit: 'edit_enigma', extend: 'edit_enigma', delete: 'delete_enigma', enable: 'enable_enigma', disable: 'disable_enigma', convert: 'convert_enigma' },
  },
  activecodes: {
    table: 'activecodes',
    naturalKey: 'code',
    titleField: 'code',
    subscription: true,
    list: 'get_activecodes',
    get: 'get_activecode',
    writes: { create: 'create_activecode', edit: 'edit_activecode', extend: 'edit_activecode', delete: 'delete_activecode', enable: 'enable_activecode', disable: 'disable_activecode', reset: 'reset_activecode' },
  },
  subResellers: {
    table: 'sub_resellers',
    naturalKey: 'username',
    titleField: 'username',
    subscription: false,
    list: 'get_users',
    get: 'get_user',
    writes: {
      create: 'create_user',
      edit: 'edit_user',
      delete: 'delete_user',
      enable: 'enable_user',
      disable: 'disable_user',
      adjustCredits: 'adjust_credits',
    },
  },
  activityLogs: { table: 'activity_logs', naturalKey: null, titleField: 'username', subscription: false, list: 'activity_logs', get: null, writes: {} },
  liveConnections: { table: 'live_connections', naturalKey: null, titleField: 'username', subscription: false, list: 'live_connections', get: null, writes: {} },
  creditLogs: { table: 'credit_logs', naturalKey: null, titleField: 'action', subscription: false, list: 'user_logs', get: null, writes: {} },
} as const satisfies Record<Resource, ResourceDescriptor>

type Info = typeof RESOURCE_INFO

/** Resources with writes: they have a natural key and a one-item read. */
export type WritableResource = { [R in Resource]: keyof Info[R]['writes'] extends never ? never : R }[Resource]
/** Resources that carry a subscription (package, expiry, price, enable/disable); a customer can be linked to them. */
export type SubscriptionResource = { [R in Resource]: Info[R]['subscription'] extends true ? R : never }[Resource]
/** The writes of one resource, as the contract names them. */
export type WriteActionOf<R extends WritableResource> = keyof Info[R]['writes'] & WriteAction
/** The arguments of the contract method `<R>:<A>`. */
export type WriteArgs<R extends WritableResource, A extends WriteActionOf<R>> = MethodArgs<`${R}:${A}` & MethodName>
/** Every contract write method: `lines:create`, …, `subResellers:adjustCredits`. */
export type WriteMethodName = { [R in WritableResource]: `${R}:${WriteActionOf<R>}` }[WritableResource]

export const isWritable = (r: Resource): r is WritableResource => Object.keys(RESOURCE_INFO[r].writes).length > 0
const WRITABLE_RESOURCES = (Object.keys(RESOURCE_INFO) as Resource[]).filter(isWritable)
export const isSubscription = (r: Resource): r is SubscriptionResource => RESOURCE_INFO[r].subscription

const writeMethodsOf = (r: WritableResource) => Object.keys(RESOURCE_INFO[r].writes).map((a) => `${r}:${a}`) as WriteMethodName[]

/** Each writable resource's contract methods, as the contract lists them: its get, then its writes. */
export const RESOURCE_METHOD_NAMES: readonly (`${WritableResource}:get` | WriteMethodName)[] = WRITABLE_RESOURCES.flatMap((r) => [`${r}:get` as const, ...writeMethodsOf(r)])

/** The natural key of a row ('' when its resource has none or the row lacks it). */
export function naturalKeyOf(resource: Resource, row: Readonly<Record<string, unknown>> | null | undefined): string {
  const key = RESOURCE_INFO[resource].naturalKey
  const v = key === null ? undefined : row?.[key]
  return typeof v === 'string' ? v : ''
}

/** A row's name for a label: its natural key, `#id` when it has none (not cached, not named). */
export function labelOf(resource: Resource, row: Readonly<Record<string, unknown>> | null | undefined, id: number): string {
  return naturalKeyOf(resource, row) || `#${id}`
}
