/**
 * Writing single resource rows (a write's answer, a fresh read, a removal):
 * the narrow table, its `_data` twin and its FTS twin kept in step. Callers
 * run these inside one transaction. Whole sets are replaced by staging.ts.
 *
 * An upsert compares before it writes, so an unchanged row costs two index
 * lookups and no page write, and only a row that changed is re-indexed.
 */
import type Database from 'better-sqlite3'
import { indexRowsSql, unindexRowsSql } from './fts'
import type { ResourceSpec } from './resources'
import { encodeRow, narrowColumns } from './row-codec'

export type Prepare = (sql: string) => Database.Statement

function sqlFor(spec: ResourceSpec) {
  const t = spec.table
  const cols = narrowColumns(spec)
  // A new row's rid comes from `_data`, not from the narrow table: a sync's staged rows own
  // rids above every narrow row's (staging.ts), and a new row must not take one of them.
  // The first parameter is the highest rid an open sync pass has staged (0 when none).
  const insert = `INSERT INTO ${t} (rid, ${cols.join(', ')})
    VALUES (max((SELECT coalesce(max(rid), 0) FROM ${t}_data), ?) + 1, ${cols.map(() => '?').join(', ')})`
  const mutable = cols.filter((c) => c !== 'panel_key' && c !== 'id')
  return {
    // Returns the rid only when the row is new or a column changed. BINARY: the text columns
    // are NOCASE, and a username whose case changed is a change (the column is its only copy).
    upsertNarrow: `${insert} ON CONFLICT (panel_key, id) DO UPDATE SET ${mutable.map((c) => `${c} = excluded.${c}`).join(', ')}
      WHERE ${mutable.map((c) => `${t}.${c} IS NOT excluded.${c} COLLATE BINARY`).join(' OR ')}
      RETURNING rid`,
    // Returns the rid only when the row is new, its JSON changed, or (last parameter) its columns
    // did: a newer version of the row is not the one in its synced page, so its raw copy is what
    // was given.
    upsertData: `INSERT INTO ${t}_data (rid, data, raw) SELECT rid, ?, ? FROM ${t} WHERE panel_key = ? AND id = ?
      ON CONFLICT (rid) DO UPDATE SET data = excluded.data, raw = excluded.raw, raw_page = NULL, raw_at = NULL
      WHERE ? OR ${t}_data.data IS NOT excluded.data OR ${t}_data.raw IS NOT excluded.raw
      RETURNING rid`,
  }
}

/**
 * `panelKey`: the panel's short key (panel-keys.ts). `stagedMax`: the highest rid open sync
 * passes hold for this table, so a new row stays clear of them.
 */
export function upsertRow(prepare: Prepare, spec: ResourceSpec, panelKey: string, row: unknown, raw: unknown, stagedMax = 0): void {
  const e = encodeRow(spec, panelKey, row, raw)
  const sql = sqlFor(spec)
  const narrow = prepare(sql.upsertNarrow).get(stagedMax, ...e.columns) as { rid: number } | undefined
  // A row whose columns changed is rewritten whole, if only to forget its synced raw copy.
  const data = prepare(sql.upsertData).get(e.data, e.raw, panelKey, e.id, narrow ? 1 : 0) as { rid: number } | undefined
  const changed = narrow ?? data
  if (changed) prepare(indexRowsSql(spec.table, 'rid = ?')).run(changed.rid)
}

/** Delete rows matching `where` (over the narrow table) from all three tables. */
export function deleteRows(prepare: Prepare, spec: ResourceSpec, where: string, params: Record<string, unknown> | unknown[]): void {
  const t = spec.table
  const bind = (sql: string) => (Array.isArray(params) ? prepare(sql).run(...params) : prepare(sql).run(params))
  bind(unindexRowsSql(t, where))
  bind(`DELETE FROM ${t}_data WHERE rid IN (SELECT rid FROM ${t} WHERE ${where})`)
  bind(`DELETE FROM ${t} WHERE ${where}`)
}
