/** Journal table columns: what the reseller did (not the API's action name), on what, and how it ended. */
import { h } from 'vue'
import { NButton, NSpace, type DataTableColumns } from 'naive-ui'
import type { JournalEntry } from '../../../electron/shared/views'
import { t } from '../../i18n'
import { journalAction } from '../../lib/action-words'
import { formatCredits } from '../../lib/format'
import { formatWhen } from '../../lib/dates'
import OutcomeBadge from './OutcomeBadge.vue'
import { journalBalance, journalDetail, type PackageName } from './journal-detail'

export interface JournalColumnHooks {
  check: (e: JournalEntry) => void
  decide: (e: JournalEntry) => void
  /** A package id in an entry's params, as its name on that panel (null when unknown). */
  packageName?: PackageName
}

export function journalColumns(on: JournalColumnHooks): DataTableColumns<JournalEntry> {
  return [
    { key: 'startedAt', title: t('journal.when'), width: 170, render: (e) => formatWhen('journal', e.startedAt) },
    { key: 'profileName', title: t('col.panel'), width: 130, ellipsis: { tooltip: true } },
    {
      key: 'action',
      title: t('col.action'),
      width: 170,
      ellipsis: { tooltip: true },
      // The API name stays one hover away: support and the CSV export speak it.
      render: (e) => h('span', { title: e.action, 'data-testid': 'journal-action' }, journalAction(e.action, e.params)),
    },
    // A username, MAC or code: wide enough for a 32-character device login, the rest in a tooltip.
    { key: 'target', title: t('col.target'), width: 220, ellipsis: { tooltip: true }, render: (e) => h('span', { 'data-testid': 'journal-target' }, e.target) },
    { key: 'expectedCost', title: t('col.cost'), width: 70, render: (e) => formatCredits(e.expectedCost) },
    {
      key: 'balance',
      title: t('journal.balance'),
      width: 130,
      render: (e) => {
        const b = journalBalance(e)
        return b.title ? h('span', { title: b.title, 'data-testid': 'journal-balance-estimated' }, b.text) : b.text
      },
    },
    { key: 'outcome', title: t('journal.outcome'), width: 120, render: (e) => h(OutcomeBadge, { outcome: e.outcome }) },
    {
      key: 'errorMessage',
      title: t('journal.detail'),
      minWidth: 260,
      ellipsis: { tooltip: true },
      render: (e) => h('span', { 'data-testid': 'journal-detail' }, journalDetail(e, on.packageName)),
    },
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
