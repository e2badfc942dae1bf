/**
 * Full-text index upkeep. Each resource table has a contentless FTS5 twin
 * (`lines_fts`, …) keyed by the table's `rid`; the text itself stays in the
 * resource table.
 *
 * The twin is maintained in bulk (staging.ts: one `INSERT … SELECT` per synced
 * page, in ascending rid order, which FTS5 appends cheaply; the same rows in
 * index order cost ~5x more) rather than by row triggers: measured on 50k
 * lines, per-row FTS inserts (trigger or statement) cost ~1.2 s, bulk ~0.1 s.
 */

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

/**
 * (Re)index the rows of `table` matching `where` (over the table's own columns).
 * `from` reads them from another table with the same columns (a sync's staging table).
 */
export function indexRowsSql(table: string, where: string, from = table): string {
  const cols = columnsOf(table)
  return `INSERT OR REPLACE INTO ${table}_fts (rowid, ${cols.map(([n]) => n).join(', ')})
    SELECT rid, ${cols.map(([, e]) => e).join(', ')} FROM ${from} WHERE ${where}`
}

/** Drop the index entries of the rows of `table` matching `where`. */
export function unindexRowsSql(table: string, where: string): string {
  return `DELETE FROM ${table}_fts WHERE rowid IN (SELECT rid FROM ${table} WHERE ${where})`
}
