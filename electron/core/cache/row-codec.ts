/**
 * Domain row ⇄ table rows. A write copies the scalar fields into the narrow
 * table's columns and keeps the whole row as JSON in `<table>_data`; a read
 * parses `data` back and adds `profileId`.
 */
import { AppError } from '../errors'
import type { CachedRow } from '../ports'
import { hasMacNorm, normaliseMacKey, type ColumnSpec, type ResourceSpec } from './resources'

export type SqlValue = string | number | null

export interface EncodedRow {
  id: number
  /** Values for narrowColumns(spec), in order (profile_id first). */
  columns: SqlValue[]
  data: string
  raw: string | null
}

export function narrowColumns(spec: ResourceSpec): string[] {
  return ['profile_id', ...spec.columns.map((c) => c.column), ...(hasMacNorm(spec) ? ['mac_norm'] : [])]
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

export function encodeRow(spec: ResourceSpec, profileId: string, row: unknown, raw: unknown): EncodedRow {
  idOf(spec, row)
  const r = row as Record<string, unknown>
  const columns: SqlValue[] = [profileId]
  for (const c of spec.columns) columns.push(columnValue(c, r[c.field]))
  if (hasMacNorm(spec)) columns.push(typeof r.mac === 'string' ? normaliseMacKey(r.mac) : null)
  return { id: r.id as number, columns, data: JSON.stringify(row), raw: rawJson(raw) }
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

/** The panel's raw row, when there is one; something unserialisable is dropped, not fatal. */
function rawJson(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null
  try {
    return JSON.stringify(raw) ?? null
  } catch {
    return null
  }
}

export interface StoredRow {
  profileId: string
  data: string
}

export function decodeRow<R = CachedRow>(row: StoredRow): R {
  return { ...(JSON.parse(row.data) as object), profileId: row.profileId } as R
}
