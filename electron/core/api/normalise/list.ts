/**
 * List envelopes (panel-api §5): `{status, data:[rows], recordsTotal, recordsFiltered}`
 * where the counts may be strings, numbers or absent (upstream's API mode never
 * sets them). A missing count is `total: null` — the caller pages until a short
 * page. Rows that cannot be read are skipped and counted, never fatal.
 */
import { int, isObject, type Raw } from './coerce'

export interface ListResult<T> {
  rows: T[]
  /** recordsTotal when the panel sends it; null = unknown (page until a short page). */
  total: number | null
  /** Rows the panel sent that could not be read (no object, no usable id). */
  skipped: number
  /**
   * Where each row sits in the panel's own rows array (rowsOf(data)), when rows were
   * skipped; absent when none were (row i is the panel's row i). The cache finds a
   * row's raw copy in the stored answer by it.
   */
  rawAt?: number[]
}

/** The rows array of a list answer: an array, or an object of rows (PHP non-sequential arrays); null otherwise. */
export function rowsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data
  if (isObject(data)) return Object.values(data)
  return null
}

export function normaliseList<T>(env: Raw, row: (v: unknown) => T | null): ListResult<T> | null {
  const raw = rowsOf(env.data)
  if (raw === null) return null
  const rows: T[] = []
  let rawAt: number[] | null = null
  for (let i = 0; i < raw.length; i++) {
    const r = row(raw[i])
    if (r === null) rawAt ??= rows.map((_, j) => j)
    else {
      rows.push(r)
      rawAt?.push(i)
    }
  }
  const total = int(env.recordsTotal)
  const skipped = raw.length - rows.length
  return { rows, total: total !== null && total >= 0 ? total : null, skipped, ...(rawAt ? { rawAt } : {}) }
}
