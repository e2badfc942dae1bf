/**
 * Domain row ⇄ table rows. A write copies the scalar fields into the narrow
 * table's columns and keeps in `<table>_data` only what those columns cannot
 * hold: the arrays (allowed IPs, bouquets) and any value a column would not
 * give back as it was. A read rebuilds the row from both and adds `profileId`.
 *
 * Why not the whole row as JSON: a sync writes 100k rows, and serialising and
 * storing ~340 bytes of JSON each (of which ~30 are not already in columns)
 * was a third of its cache time (test/bench/sync.ts). Files written before
 * this hold whole rows; they still read right, since `data` wins over columns.
 */
import { AppError } from '../errors'
import type { CachedRow } from '../ports'
import { hasSearchText, SEARCH_TEXT_FIELDS } from './fts'
import { hasMacNorm, normaliseMacKey, type ColumnSpec, type ResourceSpec } from './resources'
import { searchTextOf } from './search-text'

export type SqlValue = string | number | null

export interface EncodedRow {
  id: number
  /** Values for narrowColumns(spec), in order (panel_key first, unless left out). */
  columns: SqlValue[]
  data: string
  raw: string | null
}

/** In `data`: the column fields the row did not have (a column's null would otherwise bring them back as null). */
const ABSENT = '$absent'

export function narrowColumns(spec: ResourceSpec): string[] {
  return ['panel_key', ...spec.columns.map((c) => c.column), ...(hasMacNorm(spec) ? ['mac_norm'] : []), ...(hasSearchText(spec.table) ? ['search_text'] : [])]
}

/** The row's id; a row without a whole-number id is refused (VALIDATION). */
export function idOf(spec: ResourceSpec, row: unknown): number {
  const id = typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    throw new AppError('VALIDATION', `A ${spec.label.toLowerCase()} without a whole-number id cannot be cached.`, {
      details: { resource: spec.resource },
    })
  }
  return id
}

/**
 * `panelKey`: the panel's short key (panel-keys.ts), not its id; null leaves it out of
 * `columns` (a sync's stage table, where every row is the same panel's: one value less to bind a row).
 */
export function encodeRow(spec: ResourceSpec, panelKey: string | null, row: unknown, raw: unknown): EncodedRow {
  idOf(spec, row)
  const r = row as Record<string, unknown>
  const { columns: specColumns, fields, macNorm, searchText } = layoutOf(spec)
  const columns: SqlValue[] = panelKey === null ? [] : [panelKey]
  const rest: Record<string, unknown> = {}
  let absent: string[] | null = null
  for (const c of specColumns) {
    const v = r[c.field]
    const stored = columnValue(c, v)
    columns.push(stored)
    if (v === undefined) (absent ??= []).push(c.field)
    // A value the column would not give back unchanged ("12" in an int column…) keeps its own copy.
    else if (fromColumn(c, stored) !== v) rest[c.field] = v
  }
  if (macNorm) columns.push(typeof r.mac === 'string' ? normaliseMacKey(r.mac) : null)
  if (searchText) columns.push(searchTextOf(searchFields(searchText, columns, panelKey === null ? 1 : 0)))
  for (const k in r) if (!fields.has(k)) rest[k] = r[k]
  if (absent) rest[ABSENT] = absent
  return { id: r.id as number, columns, data: JSON.stringify(rest), raw: rawJson(raw) }
}

/**
 * The search text's fields from the row's column values: each field's columns, a space apart.
 * `at`: 1 when `columns` leaves out panel_key (the positions count it). Plain loops: this runs
 * for every row of a sync.
 */
function searchFields(fields: number[][], columns: SqlValue[], at: number): string[] {
  const out: string[] = []
  for (const field of fields) {
    let text = ''
    for (const i of field) {
      const v = columns[i - at]
      if (v !== null && v !== undefined) text = text === '' ? String(v) : `${text} ${String(v)}`
    }
    out.push(text)
  }
  return out
}

/** What encodeRow needs of a spec, worked out once: it runs for every row of a sync. */
interface Layout {
  columns: readonly ColumnSpec[]
  /** The domain fields that have a column. */
  fields: ReadonlySet<string>
  macNorm: boolean
  /** The search text's fields as positions in narrowColumns(spec), or null when the table has none. */
  searchText: number[][] | null
}

const layouts = new WeakMap<ResourceSpec, Layout>()

function layoutOf(spec: ResourceSpec): Layout {
  let layout = layouts.get(spec)
  if (!layout) {
    const narrow = narrowColumns(spec)
    const fieldsOfText = SEARCH_TEXT_FIELDS[spec.table]
    layout = {
      columns: spec.columns,
      fields: new Set(spec.columns.map((c) => c.field)),
      macNorm: hasMacNorm(spec),
      searchText: fieldsOfText ? fieldsOfText.map((field) => field.map((c) => narrow.indexOf(c))) : null,
    }
    layouts.set(spec, layout)
  }
  return layout
}

function columnValue(c: ColumnSpec, v: unknown): SqlValue {
  if (v === null || v === undefined) return null
  switch (c.type) {
    case 'bool':
      return v ? 1 : 0
    case 'int':
    case 'real':
      return typeof v === 'number' && Number.isFinite(v) ? v : null
    case 'text':
      return typeof v === 'string' ? v : String(v)
  }
}

function fromColumn(c: ColumnSpec, v: SqlValue): unknown {
  if (v === null) return null
  return c.type === 'bool' ? v !== 0 : v
}

/** The panel's raw row, when there is one; something unserialisable is dropped, not fatal. */
function rawJson(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null
  try {
    return JSON.stringify(raw) ?? null
  } catch {
    return null
  }
}

/** A row as read with selectStoredSql(): the narrow table's columns, its panel's id and `data`. */
export type StoredRow = Record<string, SqlValue> & { profileId: string; data: string }

/** Reads the narrow row `t` with its panel's id and its `_data` twin `d`; append the WHERE. */
export function selectStoredSql(table: string): string {
  return `SELECT t.*, k.profile_id AS profileId, d.data AS data FROM ${table} t
    JOIN panel_keys k ON k.key = t.panel_key JOIN ${table}_data d ON d.rid = t.rid`
}

export function decodeRow<R = CachedRow>(spec: ResourceSpec, row: StoredRow): R {
  const out: Record<string, unknown> = {}
  for (const c of spec.columns) out[c.field] = fromColumn(c, row[c.column] ?? null)
  const rest = JSON.parse(row.data) as Record<string, unknown>
  const absent = rest[ABSENT]
  if (Array.isArray(absent)) {
    for (const f of absent) delete out[f as string]
    delete rest[ABSENT]
  }
  Object.assign(out, rest)
  out.profileId = row.profileId
  return out as R
}
