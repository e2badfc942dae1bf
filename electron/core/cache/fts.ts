/**
 * Full-text index upkeep. Each resource table has a contentless FTS5 twin
 * (`lines_fts`, …) keyed by the table's `rid`; the text itself stays in the
 * resource table.
 *
 * The twin is maintained in bulk (row-writes.ts) rather than by row triggers:
 * measured on 50k lines, per-row FTS inserts (trigger or statement) cost
 * ~1.2 s, one `INSERT … SELECT` of the changed rows ~0.1 s.
 */
import type Database from 'better-sqlite3'

/** FTS columns per table: [fts column, SQL expression over the resource row]. */
export const FTS_COLUMNS: Record<string, [string, string][]> = {
  lines: [['username', 'username'], ['notes', 'reseller_notes'], ['owner', 'owner_name']],
  mags: [['mac', "mac || ' ' || mac_norm"], ['username', 'username'], ['notes', 'reseller_notes'], ['owner', 'owner_name']],
  enigmas: [['mac', "mac || ' ' || mac_norm"], ['username', 'username'], ['notes', 'reseller_notes'], ['owner', 'owner_name']],
  activecodes: [['code', 'code'], ['mac', "mac || ' ' || mac_norm"], ['notes', 'reseller_notes'], ['owner', 'owner_name']],
  sub_resellers: [['username', 'username'], ['email', 'email'], ['notes', 'notes'], ['owner', 'owner_name']],
  activity_logs: [['username', 'username'], ['stream', 'stream_name'], ['ip', 'user_ip'], ['country', 'country']],
  live_connections: [['username', 'username'], ['stream', 'stream_name'], ['ip', 'user_ip'], ['country', 'country']],
  credit_logs: [['owner', 'owner_name'], ['type', 'type'], ['action', 'action']],
}

function columnsOf(table: string): [string, string][] {
  const c = FTS_COLUMNS[table]
  if (!c) throw new Error(`no full-text columns for ${table}`)
  return c
}

/** contentless_delete lets rows be deleted or replaced by rowid without keeping a copy of the text. */
export function createFtsSql(table: string): string {
  const names = columnsOf(table).map(([n]) => n)
  return `CREATE VIRTUAL TABLE ${table}_fts USING fts5(${names.join(', ')}, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2");`
}

/** (Re)index the rows of `table` matching `where` (over the table's own columns). */
export function indexRowsSql(table: string, where: string): string {
  const cols = columnsOf(table)
  return `INSERT OR REPLACE INTO ${table}_fts (rowid, ${cols.map(([n]) => n).join(', ')})
    SELECT rid, ${cols.map(([, e]) => e).join(', ')} FROM ${table} WHERE ${where}`
}

/** Drop the index entries of the rows of `table` matching `where`. */
export function unindexRowsSql(table: string, where: string): string {
  return `DELETE FROM ${table}_fts WHERE rowid IN (SELECT rid FROM ${table} WHERE ${where})`
}

/**
 * Reindex rows by rid, in one statement. In ascending rid order: FTS5 appends
 * ascending rowids cheaply, while the same rows in index order (by profile and
 * username) cost ~5x more.
 */
export function indexRids(db: Database.Database, table: string, rids: number[]): void {
  if (rids.length === 0) return
  const sorted = [...rids].sort((a, b) => a - b)
  db.prepare(indexRowsSql(table, 'rid IN (SELECT value FROM json_each(?))')).run(JSON.stringify(sorted))
}
