/** The journal as CSV for the user (accounting, disputes with a provider). */
import type { JournalEntry, JournalFilter } from '../../shared/views'
import { csvFilename, toCsv, type CsvCell } from './csv'
import type { Journal } from './journal'

const HEADER = [
  'id',
  'started',
  'finished',
  'panel',
  'action',
  'resource',
  'target',
  'expected cost',
  'balance before',
  'balance after',
  'balance estimated',
  'outcome',
  'error code',
  'error',
  'evidence',
  'bulk run',
  'params',
] as const

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString())

export function journalRow(e: JournalEntry): CsvCell[] {
  return [
    e.id,
    iso(e.startedAt),
    iso(e.finishedAt),
    e.profileName,
    e.action,
    e.resource,
    e.target,
    e.expectedCost,
    e.balanceBefore,
    e.balanceAfter,
    e.balanceEstimated ? 'yes' : '',
    e.outcome,
    e.errorCode,
    e.errorMessage,
    e.evidence,
    e.bulkRunId,
    JSON.stringify(e.params),
  ]
}

/** All matching entries (offset/limit of the filter are ignored: an export is complete). */
export function exportJournalCsv(journal: Journal, filter: JournalFilter, nowMs: number): { filename: string; csv: string } {
  const { offset: _o, limit: _l, ...rest } = filter
  void _o
  void _l
  const rows: CsvCell[][] = []
  for (const e of journal.iterate(rest)) rows.push(journalRow(e))
  return { filename: csvFilename('journal', nowMs), csv: toCsv(HEADER, rows) }
}
