/**
 * How each resource sits in SQLite: its table, the domain fields copied into
 * real columns (for filter, sort and search; the full row is in `data`), how
 * its status chips map to columns and its full-text columns; its table and
 * natural key come from the resource's descriptor (shared/resources.ts).
 *
 * The DDL itself is frozen in migrations.ts; test/unit/cache/schema.test.ts
 * checks the two agree and that every scalar domain field has a column, so a
 * new domain field cannot be forgotten without a migration.
 */
import type { Resource } from '../../shared/domain'
import { RESOURCE_INFO, type NaturalKey } from '../../shared/resources'

export type ColumnType = 'int' | 'real' | 'text' | 'bool'

export interface ColumnSpec {
  /** Domain field name (camelCase), also the name the UI sorts by. */
  field: string
  /** SQL column name (snake_case). */
  column: string
  type: ColumnType
}

export type StatusModel =
  /** lines, mags, enigmas, activecodes: enabled/admin flags + expiry + trial. */
  | 'subscription'
  /** subResellers: active = enabled, disabled = !enabled. */
  | 'enabled'
  /** logs: chips do not apply and are ignored. */
  | 'none'


export interface ResourceSpec {
  resource: Resource
  table: string
  columns: ColumnSpec[]
  status: StatusModel
  /** Table columns that free-text search looks in (LIKE fallback); the FTS table mirrors them. */
  searchColumns: string[]
  naturalKey: NaturalKey | null
  /** Sort used when the query names none (a domain field name). */
  defaultSort: { column: string; dir: 'asc' | 'desc' }
  /** A null in these columns means "never" (unlimited expiry): it sorts after every date. */
  nullIsForever: string[]
  /** Words for the global search subtitle. */
  label: string
}

const snake = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

function cols(spec: Record<string, ColumnType>): ColumnSpec[] {
  return Object.entries(spec).map(([field, type]) => ({ field, column: snake(field), type }))
}

const subscription = {
  memberId: 'int',
  ownerName: 'text',
  packageId: 'int',
  expDate: 'int',
  createdAt: 'int',
  enabled: 'bool',
  adminEnabled: 'bool',
  isTrial: 'bool',
  isIspLock: 'bool',
} as const satisfies Record<string, ColumnType>

const device = {
  id: 'int',
  lineId: 'int',
  mac: 'text',
  username: 'text',
  password: 'text',
  ...subscription,
  maxConnections: 'int',
  activeConnections: 'int',
  resellerNotes: 'text',
} as const satisfies Record<string, ColumnType>

const log = {
  id: 'int',
  username: 'text',
  lineId: 'int',
  streamId: 'int',
  streamName: 'text',
  userAgent: 'text',
  userIp: 'text',
  isp: 'text',
  country: 'text',
  container: 'text',
  dateStart: 'int',
  deviceType: 'text',
} as const satisfies Record<string, ColumnType>

/** What the resource's descriptor says (shared/resources.ts): its table and natural key. */
const described = (resource: Resource) => ({ resource, table: RESOURCE_INFO[resource].table, naturalKey: RESOURCE_INFO[resource].naturalKey, nullIsForever: [] as string[] })

/** Subscriptions (lines, devices, codes) list alike: status chips, newest first, no expiry = never. */
const subscriptionList = (): Pick<ResourceSpec, 'status' | 'defaultSort' | 'nullIsForever'> => ({
  status: 'subscription',
  defaultSort: { column: 'id', dir: 'desc' },
  nullIsForever: ['exp_date'],
})

/** Logs have no status chips and list their latest entry first. */
const logList = (column: string): Pick<ResourceSpec, 'status' | 'defaultSort'> => ({ status: 'none', defaultSort: { column, dir: 'desc' } })

// A declarative table: its entries look alike on purpose, one per resource, each its own columns.
export const SPECS: Record<Resource, ResourceSpec> = {
  lines: {
    ...described('lines'),
    columns: cols({
      id: 'int',
      username: 'text',
      password: 'text',
      ...subscription,
      maxConnections: 'int',
      activeConnections: 'int',
      resellerNotes: 'text',
      lastActivity: 'int',
    }),
    ...subscriptionList(),
    searchColumns: ['username', 'reseller_notes', 'owner_name'],
    label: 'Line',
  },
  mags: {
    ...described('mags'),
    columns: cols({ ...device, stbType: 'text' }),
    ...subscriptionList(),
    searchColumns: ['mac', 'username', 'reseller_notes', 'owner_name'],
    label: 'MAG device',
  },
  enigmas: {
    ...described('enigmas'),
    columns: cols({ ...device, publicIp: 'text' }),
    ...subscriptionList(),
    searchColumns: ['mac', 'username', 'reseller_notes', 'owner_name'],
    label: 'Enigma2 device',
  },
  activecodes: {
    ...described('activecodes'),
    columns: cols({ id: 'int', code: 'text', ...subscription, resellerNotes: 'text', mac: 'text' }),
    ...subscriptionList(),
    searchColumns: ['code', 'mac', 'reseller_notes', 'owner_name'],
    label: 'Activation code',
  },
  subResellers: {
    ...described('subResellers'),
    columns: cols({
      id: 'int',
      username: 'text',
      email: 'text',
      credits: 'real',
      enabled: 'bool',
      ownerId: 'int',
      ownerName: 'text',
      memberGroupId: 'int',
      groupName: 'text',
      notes: 'text',
      resellerDns: 'text',
      ip: 'text',
      dateRegistered: 'int',
      lastLogin: 'int',
      lineCount: 'int',
    }),
    status: 'enabled',
    searchColumns: ['username', 'email', 'notes', 'owner_name'],
    defaultSort: { column: 'id', dir: 'desc' },
    label: 'Sub-reseller',
  },
  activityLogs: {
    ...described('activityLogs'),
    columns: cols({ ...log, dateEnd: 'int' }),
    ...logList('dateStart'),
    searchColumns: ['username', 'stream_name', 'user_ip', 'country'],
    label: 'Activity',
  },
  liveConnections: {
    ...described('liveConnections'),
    columns: cols({ ...log, serverId: 'int' }),
    ...logList('dateStart'),
    searchColumns: ['username', 'stream_name', 'user_ip', 'country'],
    label: 'Live connection',
  },
  creditLogs: {
    ...described('creditLogs'),
    columns: cols({
      id: 'int',
      ownerName: 'text',
      type: 'text',
      action: 'text',
      targetId: 'int',
      packageId: 'int',
      cost: 'real',
      creditsAfter: 'real',
      date: 'int',
    }),
    ...logList('date'),
    searchColumns: ['owner_name', 'type', 'action'],
    label: 'Credit log',
  },
}

/** Resources with a MAC column also keep it as bare upper-case hex, so any notation matches. */
export const hasMacNorm = (spec: ResourceSpec): boolean => spec.columns.some((c) => c.field === 'mac')

/** `00:1a:79-12.34 56` → `001A79123456`. */
export const normaliseMacKey = (mac: string): string => mac.replace(/[^0-9a-fA-F]/g, '').toUpperCase()

/** Sortable fields of a resource: its domain field name → column. */
export function sortColumn(spec: ResourceSpec, field: string): string | undefined {
  return spec.columns.find((c) => c.field === field)?.column
}
