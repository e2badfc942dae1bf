import { h } from 'vue'
import { NTag, type DataTableColumns } from 'naive-ui'
import type { BulkItem } from '../../../electron/shared/views'
import { t, type MessageKey } from '../../i18n'
import { formatCredits } from '../../lib/format'

const TYPE = { queued: 'default', running: 'info', succeeded: 'success', failed: 'error', unknown: 'warning', skipped: 'default' } as const

export const bulkColumns: DataTableColumns<BulkItem> = [
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
