/** Journal table columns. */
import { h } from 'vue'
import { NButton, NSpace, type DataTableColumns } from 'naive-ui'
import type { JournalEntry } from '../../../electron/shared/views'
import { t } from '../../i18n'
import { formatCredits, formatDateTime } from '../../lib/format'
import OutcomeBadge from './OutcomeBadge.vue'
import { journalBalance, journalDetail } from './journal-detail'

export function journalColumns(on: { check: (e: JournalEntry) => void; decide: (e: JournalEntry) => void }): DataTableColumns<JournalEntry> {
  return [
    { key: 'startedAt', title: t('journal.when'), width: 200, render: (e) => formatDateTime(Math.floor(e.startedAt / 1000)) },
    { key: 'profileName', title: t('col.panel'), width: 130, ellipsis: true },
    { key: 'action', title: t('col.action'), width: 150 },
    { key: 'target', title: t('col.target'), ellipsis: true },
    { key: 'expectedCost', title: t('col.cost'), width: 80, render: (e) => formatCredits(e.expectedCost) },
    {
      key: 'balance',
      title: t('journal.balance'),
      width: 140,
      render: (e) => {
        const b = journalBalance(e)
        return b.title ? h('span', { title: b.title, 'data-testid': 'journal-balance-estimated' }, b.text) : b.text
      },
    },
    { key: 'outcome', title: t('journal.outcome'), width: 120, render: (e) => h(OutcomeBadge, { outcome: e.outcome }) },
    { key: 'errorMessage', title: t('journal.detail'), ellipsis: { tooltip: true }, render: (e) => h('span', { 'data-testid': 'journal-detail' }, journalDetail(e)) },
    {
      key: 'tools',
      title: '',
      width: 190,
      render: (e) =>
        e.outcome === 'unknown' || e.outcome === 'pending'
          ? h(NSpace, { size: 4 }, () => [
              h(NButton, { size: 'tiny', 'data-testid': 'journal-check', onClick: () => on.check(e) }, () => t('journal.checkAgain')),
              h(NButton, { size: 'tiny', onClick: () => on.decide(e) }, () => t('journal.decide')),
            ])
          : null,
    },
  ]
}
