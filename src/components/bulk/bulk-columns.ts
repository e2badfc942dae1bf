import { h } from 'vue'
import { NTag, type DataTableColumns } from 'naive-ui'
import type { BulkItem, BulkOperation } from '../../../electron/shared/views'
import { t, type MessageKey } from '../../i18n'
import { formatCredits, formatDate } from '../../lib/format'

const TYPE = { queued: 'default', running: 'info', succeeded: 'success', failed: 'error', unknown: 'warning', skipped: 'default' } as const

const base: DataTableColumns<BulkItem> = [
  { key: 'label', title: t('bulk.item'), ellipsis: true },
  { key: 'cost', title: t('col.cost'), width: 80, render: (i) => formatCredits(i.cost) },
  {
    key: 'state',
    title: t('bulk.state'),
    width: 110,
    render: (i) => h(NTag, { size: 'small', bordered: false, type: TYPE[i.state] }, () => t(`bulkState.${i.state}` as MessageKey)),
  },
  { key: 'reason', title: t('bulk.reason'), ellipsis: { tooltip: true }, render: (i) => i.reason ?? '' },
]

const expiry = (sec: number | null | undefined) => (sec === null ? t('expiry.unlimited') : sec === undefined ? '—' : formatDate(sec))

/** What the run does to each item, beside its cost: expiry now → after (extend), notes now and after (set notes). */
function previewColumns(operation: BulkOperation, notes: { text: string; mode: 'replace' | 'append' } | null): DataTableColumns<BulkItem> {
  if (operation === 'extend') {
    return [
      {
        key: 'expiry',
        title: t('bulkC.expiry'),
        width: 220,
        render: (i) =>
          i.preview && 'expDate' in i.preview
            ? h('span', { 'data-testid': 'bulk-expiry', class: i.preview.expDate === null ? 'unlimited' : undefined }, `${expiry(i.preview.expDate)} → ${expiry(i.preview.newExpDate)}`)
            : '—',
      },
    ]
  }
  if (operation === 'setNotes' && notes) {
    const after = (now: string) => (notes.mode === 'replace' || now.trim() === '' ? notes.text : `${now.replace(/\s+$/, '')} ⏎ ${notes.text}`)
    return [
      { key: 'notesNow', title: t('bulkC.notesNow'), ellipsis: { tooltip: true }, render: (i) => h('span', { 'data-testid': 'bulk-notes-now' }, i.preview?.notes ?? '') },
      { key: 'notesAfter', title: t('bulkC.notesAfter'), ellipsis: { tooltip: true }, render: (i) => after(i.preview?.notes ?? '') },
    ]
  }
  return []
}

export function bulkColumns(operation: BulkOperation | null, notes: { text: string; mode: 'replace' | 'append' } | null = null): DataTableColumns<BulkItem> {
  if (!operation) return base
  const extra = previewColumns(operation, notes)
  return [base[0]!, ...extra, ...base.slice(1)]
}
