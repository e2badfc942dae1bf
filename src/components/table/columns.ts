/** ColumnDef (lib/resources.ts) → naive-ui DataTable columns with cell renderers. */
import { h } from 'vue'
import type { DataTableColumns } from 'naive-ui'
import type { Resource } from '../../../electron/shared/domain'
import type { Profile } from '../../../electron/shared/profile'
import { t } from '../../i18n'
import { expiryRelative, formatCredits, formatDate, formatDateTime } from '../../lib/format'
import { RESOURCE_META, type ColumnDef } from '../../lib/resources'
import { rowStatus } from '../../lib/row-status'
import { creditLogAction } from '../../lib/action-words'
import type { Row } from '../../stores/table'
import StatusBadge from './StatusBadge.vue'

export interface ColumnContext {
  resource: Resource
  visible: string[]
  sort: { column: string; dir: 'asc' | 'desc' } | null
  nowSec: number
  showPanel: boolean
  profiles: Map<string, Profile>
  packageName: (profileId: string, id: unknown) => string | null
  selectable: boolean
  /** The customer who owns a row (customer book); absent = no Customer column. */
  customerOf?: ((row: Row) => string | null) | undefined
}

function cell(def: ColumnDef, row: Row, ctx: ColumnContext) {
  const v = row[def.key]
  switch (def.kind) {
    case 'status': {
      const s = rowStatus(row, RESOURCE_META[ctx.resource].status, ctx.nowSec)
      return s ? h(StatusBadge, { status: s, trial: row.isTrial === true }) : ''
    }
    case 'expiry':
      if (v === null || v === undefined) return h('span', { class: 'muted' }, t('expiry.unlimited'))
      return h('span', { title: formatDateTime(v as number) }, [
        formatDate(v as number),
        h('span', { class: 'muted rel' }, ' · ' + expiryRelative(v as number, ctx.nowSec)),
      ])
    case 'date':
      return typeof v === 'number' ? formatDate(v) : '—'
    case 'datetime':
      return typeof v === 'number' ? formatDateTime(v, 'tableTime') : '—'
    case 'bool':
      return v ? t('common.yes') : ''
    case 'credits':
      return formatCredits(v as number | null)
    case 'package':
      // Package 0 is how the panel logs an action that is not a package (docs/panel-api.md §5).
      if (v === null || v === undefined || v === 0) return '—'
      return ctx.packageName(row.profileId, v) ?? `#${String(v)}`
    case 'logAction':
      return creditLogAction(row.type, v)
    case 'list':
      return Array.isArray(v) ? v.join(', ') : ''
    case 'secret':
      return h('span', { class: 'mono' }, String(v ?? ''))
    case 'mono':
      return h('span', { class: 'mono' }, String(v ?? ''))
    default:
      return v === null || v === undefined ? '' : String(v)
  }
}

/** The table's scroll width: columns keep their widths and the table scrolls sideways instead of squeezing them. */
export function tableWidth(cols: DataTableColumns<Row>): number {
  return cols.reduce((n, c) => n + (typeof c.width === 'number' ? c.width : 140), 0)
}

export function buildColumns(ctx: ColumnContext): DataTableColumns<Row> {
  const defs = RESOURCE_META[ctx.resource].columns.filter((d) => ctx.visible.includes(d.key))
  const cols: DataTableColumns<Row> = []
  if (ctx.selectable) cols.push({ type: 'selection', width: 40, fixed: 'left' })
  if (ctx.showPanel) {
    cols.push({
      key: 'profileId',
      title: t('col.panel'),
      width: 140,
      ellipsis: true,
      render: (row) => {
        const p = ctx.profiles.get(row.profileId)
        return h('span', { class: 'panel-cell' }, [
          h('span', { class: 'dot', style: { background: p?.color ?? '#888' } }),
          p?.name ?? row.profileId,
        ])
      },
    })
  }
  for (const [i, def] of defs.entries()) {
    // The Customer column sits right after the first column (the username / MAC / code).
    if (i === 1 && ctx.customerOf) cols.push(customerColumn(ctx.customerOf))
    cols.push({
      key: def.key,
      title: t(def.title),
      width: def.width,
      minWidth: 80,
      ellipsis: true,
      sorter: def.sortable ? true : undefined,
      sortOrder: ctx.sort?.column === def.key ? (ctx.sort.dir === 'asc' ? 'ascend' : 'descend') : false,
      render: (row) => cell(def, row, ctx),
    })
  }
  if (defs.length <= 1 && ctx.customerOf) cols.push(customerColumn(ctx.customerOf))
  return cols
}

function customerColumn(customerOf: (row: Row) => string | null): DataTableColumns<Row>[number] {
  return { key: 'customer', title: t('customers.column'), width: 160, ellipsis: true, render: (row) => customerOf(row) ?? '' }
}
