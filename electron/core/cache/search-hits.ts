/**
 * Global search (the command palette): every resource of every panel, best
 * matches first, main resources before logs, as SearchHit titles/subtitles.
 */
import type Database from 'better-sqlite3'
import { RESOURCES, type Resource } from '../../shared/domain'
import type { SearchHit } from '../../shared/views'
import type { CachedRow } from '../ports'
import { LIKE_ESCAPE, planSearch } from './search-text'
import { decodeRow, selectStoredSql, type StoredRow } from './row-codec'
import { SPECS, type ResourceSpec } from './resources'
import { hasSearchText } from './fts'

export function searchAll(db: Database.Database, text: string, limit: number): SearchHit[] {
  if (planSearch(text).kind === 'none' || limit <= 0) return []
  const hits: SearchHit[] = []
  for (const resource of RESOURCES) {
    const spec = SPECS[resource]
    const left = limit - hits.length
    if (left <= 0) break
    const plan = planSearch(text, hasSearchText(spec.table))
    if (plan.kind === 'none') break
    const rows =
      plan.kind === 'fts'
        ? (db
            .prepare(
              `${selectStoredSql(spec.table)} JOIN ${spec.table}_fts f ON f.rowid = t.rid
               WHERE ${spec.table}_fts MATCH ? ORDER BY f.rank LIMIT ?`,
            )
            .all(plan.match, left) as StoredRow[])
        : (db
            .prepare(
              `${selectStoredSql(spec.table)}
               WHERE ${spec.searchColumns.map((c) => `t.${c} LIKE @p ESCAPE '${LIKE_ESCAPE}'`).join(' OR ')}
               ORDER BY t.id DESC LIMIT @n`,
            )
            .all({ p: plan.pattern, n: left }) as StoredRow[])
    for (const row of rows) hits.push(toHit(spec, decodeRow(spec, row)))
  }
  return hits
}

/** The name a person knows a row by. */
const TITLE_FIELD: Record<Resource, string> = {
  lines: 'username',
  mags: 'mac',
  enigmas: 'mac',
  activecodes: 'code',
  subResellers: 'username',
  activityLogs: 'username',
  liveConnections: 'username',
  creditLogs: 'action',
}

function toHit(spec: ResourceSpec, row: CachedRow): SearchHit {
  const r = row as unknown as Record<string, unknown>
  const str = (k: string): string => (typeof r[k] === 'string' ? (r[k] as string) : '')
  const titleField = TITLE_FIELD[spec.resource]
  const title = str(titleField) || (spec.resource === 'creditLogs' ? str('type') : '') || `#${row.id}`
  const detail = ((): string => {
    switch (spec.resource) {
      case 'lines':
      case 'mags':
      case 'enigmas':
      case 'activecodes':
        return str('resellerNotes')
      case 'subResellers':
        return str('notes') || str('email')
      case 'activityLogs':
      case 'liveConnections':
        return [str('streamName'), str('userIp')].filter(Boolean).join(' · ')
      case 'creditLogs':
        return [str('ownerName'), typeof r.cost === 'number' ? `${r.cost} credits` : ''].filter(Boolean).join(' · ')
    }
  })()
  // A device's title is its MAC; its username helps tell two similar MACs apart.
  const who = (spec.resource === 'mags' || spec.resource === 'enigmas') && str('username') ? ` · ${str('username')}` : ''
  const hit: SearchHit = {
    profileId: row.profileId,
    resource: spec.resource,
    id: row.id,
    title,
    subtitle: `${spec.label}${who}${detail ? ` · ${detail}` : ''}`,
  }
  // The expiry travels as a time: the page words it and dates it in the user's language (src/lib/dates.ts).
  if (spec.status === 'subscription') hit.expDate = typeof r.expDate === 'number' ? r.expDate : null
  return hit
}
