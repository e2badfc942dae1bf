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

type FtsColumns = Record<string, [string, string][]>

/**
 * FTS columns per table as migration v2 made them: [fts column, SQL expression over the row].
 * Frozen (migrations are history); the subscription tables moved to FTS_COLUMNS' in v9.
 */
export const FTS_COLUMNS_V2: FtsColumns = {
  lines: [['username', 'username'], ['notes', 'reseller_notes'], ['owner', 'owner_name']],
  mags: [['mac', "mac || ' ' || mac_norm"], ['username', 'username'], ['notes', 'reseller_notes'], ['owner', 'owner_name']],
  enigmas: [['mac', "mac || ' ' || mac_norm"], ['username', 'username'], ['notes', 'reseller_notes'], ['owner', 'owner_name']],
  activecodes: [['code', 'code'], ['mac', "mac || ' ' || mac_norm"], ['notes', 'reseller_notes'], ['owner', 'owner_name']],
  sub_resellers: [['username', 'username'], ['email', 'email'], ['notes', 'notes'], ['owner', 'owner_name']],
  activity_logs: [['username', 'username'], ['stream', 'stream_name'], ['ip', 'user_ip'], ['country', 'country']],
  live_connections: [['username', 'username'], ['stream', 'stream_name'], ['ip', 'user_ip'], ['country', 'country']],
  credit_logs: [['owner', 'owner_name'], ['type', 'type'], ['action', 'action']],
}

/**
 * The subscription tables index their folded search text (search-text.ts), one column: a list
 * view tests rows on that text as it walks (query-walk.ts), and an index built from the same
 * text finds every row the text matches (the tokenizer folds a query as it folds the text), so
 * the index can stand in for the walk when the words are rare and both ways find the same rows.
 */
export const FTS_COLUMNS: FtsColumns = {
  ...FTS_COLUMNS_V2,
  lines: [['text', 'search_text']],
  mags: [['text', 'search_text']],
  enigmas: [['text', 'search_text']],
  activecodes: [['text', 'search_text']],
}

/**
 * The fields of a subscription row's `search_text` (search-text.ts searchTextOf), as the
 * narrow columns each is made of: the fields its full-text entry had before v9.
 */
export const SEARCH_TEXT_FIELDS: Record<string, string[][]> = {
  lines: [['username'], ['reseller_notes'], ['owner_name']],
  mags: [['mac', 'mac_norm'], ['username'], ['reseller_notes'], ['owner_name']],
  enigmas: [['mac', 'mac_norm'], ['username'], ['reseller_notes'], ['owner_name']],
  activecodes: [['code'], ['mac', 'mac_norm'], ['reseller_notes'], ['owner_name']],
}

export const hasSearchText = (table: string): boolean => table in SEARCH_TEXT_FIELDS

function columnsOf(table: string, columns: FtsColumns = FTS_COLUMNS): [string, string][] {
  const c = columns[table]
  if (!c) throw new Error(`no full-text columns for ${table}`)
  return c
}

/** contentless_delete lets rows be deleted or replaced by rowid without keeping a copy of the text. */
export function createFtsSql(table: string, columns: FtsColumns = FTS_COLUMNS): string {
  const names = columnsOf(table, columns).map(([n]) => n)
  return `CREATE VIRTUAL TABLE ${table}_fts USING fts5(${names.join(', ')}, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2");`
}

/**
 * (Re)index the rows of `table` matching `where` (over the table's own columns).
 * `from` reads them from another table with the same columns (a sync's staging table).
 */
export function indexRowsSql(table: string, where: string, from = table, columns: FtsColumns = FTS_COLUMNS): string {
  const cols = columnsOf(table, columns)
  return `INSERT OR REPLACE INTO ${table}_fts (rowid, ${cols.map(([n]) => n).join(', ')})
    SELECT rid, ${cols.map(([, e]) => e).join(', ')} FROM ${from} WHERE ${where}`
}

/** Drop the index entries of the rows of `table` matching `where`. */
export function unindexRowsSql(table: string, where: string): string {
  return `DELETE FROM ${table}_fts WHERE rowid IN (SELECT rid FROM ${table} WHERE ${where})`
}
