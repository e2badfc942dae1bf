/**
 * What each cached resource looks like in the UI: its columns (field names are
 * the domain's, which are also the cache's sort keys), its status chips and
 * what can be written. Pure data; the table renders it (components/table/columns.ts).
 */
import type { Resource, StatusFilter } from '../../electron/shared/domain'
import { RESOURCE_INFO } from '../../electron/shared/resources'
import type { MessageKey } from '../i18n'

export type CellKind =
  | 'text'
  | 'mono'
  | 'id'
  | 'date'
  | 'datetime'
  | 'expiry'
  | 'status'
  | 'bool'
  | 'credits'
  | 'number'
  | 'list'
  | 'package'
  | 'logAction'
  | 'secret'

export interface ColumnDef {
  key: string
  title: MessageKey
  kind: CellKind
  sortable?: boolean
  width?: number
  hidden?: boolean // hidden unless the user picks it in the column chooser
}

export { isWritable, type WritableResource } from '../../electron/shared/resources'
export type StatusMode = 'subscription' | 'enabled' | 'none'

export interface ResourceMeta {
  title: MessageKey
  one: MessageKey
  status: StatusMode
  /** The field shown as the row's title (the natural key: username, MAC, code), from the descriptor. */
  label: string
  columns: ColumnDef[]
  /**
   * Fields the panel's list action leaves out (panel-api §5: `get_lines` rows have
   * no package_id/created_at/is_isplock; mag and enigma rows no package_id/
   * created_at). In the table they would read "—" on every row, so those columns
   * start hidden; the chooser can still show them, and the detail drawer has
   * them from the full row (`X:get`).
   */
  listLacks?: readonly string[]
}

const c = (key: string, title: MessageKey, kind: CellKind, more: Partial<ColumnDef> = {}): ColumnDef => ({
  key,
  title,
  kind,
  sortable: kind !== 'status' && kind !== 'list',
  ...more,
})

const subscriptionTail: ColumnDef[] = [
  c('status', 'col.status', 'status', { width: 150 }),
  c('expDate', 'col.expDate', 'expiry', { width: 230 }),
  c('packageId', 'col.package', 'package', { width: 150 }),
  c('isTrial', 'col.trial', 'bool', { width: 96 }),
  c('ownerName', 'col.owner', 'text', { hidden: true }),
  c('createdAt', 'col.createdAt', 'date', { width: 130 }),
  c('resellerNotes', 'col.notes', 'text', { width: 200 }),
  c('isIspLock', 'col.ispLock', 'bool', { hidden: true }),
]

/** Who watched what, from where: the columns activity logs and live connections share. */
const connectionColumns: ColumnDef[] = [
  c('username', 'col.username', 'mono', { width: 180 }),
  c('streamName', 'col.stream', 'text'),
  c('deviceType', 'col.deviceType', 'text', { width: 90 }),
  c('userIp', 'col.ip', 'mono'),
  c('country', 'col.country', 'text', { width: 80 }),
  c('isp', 'col.isp', 'text', { hidden: true }),
]

/** A resource's titles (`res.<resource>`, `one.<resource>`), status chips and its title field from the descriptor. */
const head = (r: Resource, status: StatusMode): Pick<ResourceMeta, 'title' | 'one' | 'status' | 'label'> => ({
  title: `res.${r}`,
  one: `one.${r}`,
  status,
  label: RESOURCE_INFO[r].titleField,
})

// A declarative table: its entries look alike on purpose, one per resource, each its own columns.
export const RESOURCE_META: Record<Resource, ResourceMeta> = {
  lines: {
    ...head('lines', 'subscription'),
    listLacks: ['packageId', 'createdAt', 'isIspLock'],
    columns: [
      c('id', 'col.id', 'id', { width: 90 }),
      c('username', 'col.username', 'mono', { width: 180 }),
      c('password', 'col.password', 'secret', { hidden: true }),
      ...subscriptionTail,
      c('maxConnections', 'col.maxConnections', 'number', { width: 90 }),
      c('activeConnections', 'col.activeConnections', 'number', { width: 90, hidden: true }),
      c('lastActivity', 'col.lastActivity', 'datetime', { hidden: true }),
      c('allowedIps', 'col.allowedIps', 'list', { hidden: true }),
    ],
  },
  mags: {
    ...head('mags', 'subscription'),
    listLacks: ['packageId', 'createdAt'],
    columns: [
      c('id', 'col.id', 'id', { width: 90 }),
      c('mac', 'col.mac', 'mono', { width: 170 }),
      c('stbType', 'col.stbType', 'text', { hidden: true }),
      c('lineId', 'col.lineId', 'id', { hidden: true }),
      ...subscriptionTail,
      c('allowedIps', 'col.allowedIps', 'list', { hidden: true }),
    ],
  },
  enigmas: {
    ...head('enigmas', 'subscription'),
    listLacks: ['packageId', 'createdAt'],
    columns: [
      c('id', 'col.id', 'id', { width: 90 }),
      c('mac', 'col.mac', 'mono', { width: 170 }),
      c('publicIp', 'col.publicIp', 'mono', { hidden: true }),
      c('lineId', 'col.lineId', 'id', { hidden: true }),
      ...subscriptionTail,
      c('allowedIps', 'col.allowedIps', 'list', { hidden: true }),
    ],
  },
  activecodes: {
    ...head('activecodes', 'subscription'),
    columns: [c('id', 'col.id', 'id', { width: 90 }), c('code', 'col.code', 'mono', { width: 160 }), c('mac', 'col.mac', 'mono', { hidden: true }), ...subscriptionTail],
  },
  subResellers: {
    ...head('subResellers', 'enabled'),
    columns: [
      c('id', 'col.id', 'id', { width: 90 }),
      c('username', 'col.username', 'mono', { width: 180 }),
      c('email', 'col.email', 'text'),
      c('credits', 'col.credits', 'credits', { width: 110 }),
      c('status', 'col.status', 'status', { width: 110 }),
      c('groupName', 'col.group', 'text'),
      c('lineCount', 'col.lineCount', 'number', { width: 90 }),
      c('dateRegistered', 'col.registered', 'date'),
      c('lastLogin', 'col.lastLogin', 'datetime', { hidden: true }),
      c('notes', 'col.notes', 'text'),
      c('resellerDns', 'col.resellerDns', 'text', { hidden: true }),
    ],
  },
  activityLogs: {
    ...head('activityLogs', 'none'),
    columns: [
      c('dateStart', 'col.dateStart', 'datetime', { width: 170 }),
      c('dateEnd', 'col.dateEnd', 'datetime', { width: 170 }),
      ...connectionColumns,
      c('container', 'col.container', 'text', { hidden: true }),
      c('userAgent', 'col.userAgent', 'text', { hidden: true }),
    ],
  },
  liveConnections: {
    ...head('liveConnections', 'none'),
    columns: [
      c('dateStart', 'col.dateStart', 'datetime', { width: 170 }),
      ...connectionColumns,
      c('serverId', 'col.server', 'id', { hidden: true }),
    ],
  },
  creditLogs: {
    ...head('creditLogs', 'none'),
    columns: [
      c('date', 'col.date', 'datetime', { width: 170 }),
      c('action', 'col.action', 'logAction'),
      c('type', 'col.type', 'text', { width: 100, hidden: true }),
      c('targetId', 'col.target', 'id', { width: 90 }),
      c('packageId', 'col.package', 'package'),
      c('cost', 'col.cost', 'credits', { width: 90 }),
      c('creditsAfter', 'col.creditsAfter', 'credits', { width: 110 }),
      c('ownerName', 'col.owner', 'text', { hidden: true }),
    ],
  },
}

export const CHIPS: Record<StatusMode, StatusFilter[]> = {
  subscription: ['active', 'disabled', 'banned', 'expired', 'trial', 'expiring'],
  enabled: ['active', 'disabled'],
  none: [],
}

export const hasLinks = (r: Resource): r is 'lines' | 'mags' | 'enigmas' => r === 'lines' || r === 'mags' || r === 'enigmas'

/** The columns a table shows until the user picks others: not marked hidden, and filled by the list rows. */
export function defaultColumns(resource: Resource): string[] {
  const meta = RESOURCE_META[resource]
  const lacks = new Set(meta.listLacks ?? [])
  return meta.columns.filter((c) => !c.hidden && !lacks.has(c.key)).map((c) => c.key)
}
