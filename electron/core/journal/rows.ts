/** Row ↔ JournalEntry mapping and the WHERE clause of journal queries. */
import type { JournalEntry, JournalFilter as JournalFilterInput, Outcome } from '../../shared/views'
import { JournalFilter } from '../../shared/views'

/**
 * Each entry's balance figures are the cached balance before it and one read after it. When other
 * spending on the same panel was in flight at the same time, both figures include that spending
 * too (two 5-credit creates each show a 10-credit drop), so they are marked as estimated.
 * Overlap: another entry of the panel that moves credits, started before this one finished (and at
 * most 10 minutes before this one started: no request lasts longer, client timeouts) and not finished
 * before this one started.
 */
export const ENTRY_COLUMNS = `entries.*, (entries.expected_cost <> 0 AND EXISTS (
  SELECT 1 FROM entries o WHERE o.profile_id = entries.profile_id AND o.id <> entries.id AND o.expected_cost <> 0
    AND o.started_at BETWEEN entries.started_at - 600000 AND COALESCE(entries.finished_at, entries.started_at + 600000)
    AND COALESCE(o.finished_at, o.started_at + 600000) >= entries.started_at)) AS balance_shared`

export interface Row {
  id: number
  profile_id: string
  profile_name: string
  action: string
  resource: string
  target: string
  params: string
  expected_cost: number
  balance_before: number | null
  balance_after: number | null
  outcome: Outcome
  error_code: string | null
  error_message: string | null
  evidence: string | null
  response: string | null
  bulk_run_id: string | null
  context: string
  started_at: number
  finished_at: number | null
  /** 1 when other spending on the panel overlapped this entry (ENTRY_COLUMNS above). */
  balance_shared?: number
}

export interface JournalEvent {
  id: number
  entryId: number
  at: number
  fromOutcome: Outcome | null
  toOutcome: Outcome
  detail: string | null
}

export function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null
  try {
    const v: unknown = JSON.parse(text)
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

export function toEntry(r: Row): JournalEntry {
  return {
    id: r.id,
    profileId: r.profile_id,
    profileName: r.profile_name,
    action: r.action,
    resource: r.resource,
    target: r.target,
    params: parseObject(r.params) ?? {},
    expectedCost: r.expected_cost,
    balanceBefore: r.balance_before,
    balanceAfter: r.balance_after,
    outcome: r.outcome,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    evidence: r.evidence,
    response: parseObject(r.response),
    bulkRunId: r.bulk_run_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    balanceEstimated: r.balance_shared === 1,
  }
}

export type ParsedFilter = ReturnType<typeof JournalFilter.parse>
export const parseFilter = (f: JournalFilterInput): ParsedFilter => JournalFilter.parse(f)

/**
 * `stuck`: pending rows whose completion could not be written — shown as unknown (journal.ts), so an
 * outcome filter treats them as unknown too.
 */
export function whereOf(f: ParsedFilter, stuck: readonly number[] = []): { sql: string[]; args: unknown[] } {
  const sql: string[] = []
  const args: unknown[] = []
  const inList = (col: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return
    sql.push(`${col} IN (${values.map(() => '?').join(',')})`)
    args.push(...values)
  }
  inList('profile_id', f.profileIds)
  inList('action', f.actions)
  if (f.outcomes && f.outcomes.length > 0 && stuck.length > 0) {
    const ids = stuck.map(() => '?').join(',')
    const asUnknown = f.outcomes.includes('unknown')
    sql.push(`(outcome IN (${f.outcomes.map(() => '?').join(',')}) ${asUnknown ? 'OR' : 'AND'} id ${asUnknown ? '' : 'NOT '}IN (${ids}))`)
    args.push(...f.outcomes, ...stuck)
  } else inList('outcome', f.outcomes)
  if (f.from !== undefined) {
    sql.push('started_at >= ?')
    args.push(f.from)
  }
  if (f.to !== undefined) {
    sql.push('started_at <= ?')
    args.push(f.to)
  }
  return { sql, args }
}

