/** What SQLite plans for a page's SQL on a real cache file, one step per `|` (the plan tests read it). */
import Database from 'better-sqlite3'

export function planOf(file: string, sql: { pageSql: string; params: Record<string, unknown> | unknown[] }): string {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql.pageSql}`).all(sql.params) as { detail: string }[]).map((r) => r.detail).join(' | ')
  } finally {
    db.close()
  }
}
