/**
 * Output typing and escaping. Every DB value leaves through `out()`: truthy strings
 * are HTML-escaped (`<`→`&lt;`), and with `numericStrings` truthy numbers become
 * strings while falsy ones stay 0/null/"" (panel-api §3 clean_row). Values PHP computes
 * itself (e.g. intval'd prices) are passed in `keep` and stay numbers.
 */
import type { SimulatorState } from './model'
import type { Params } from './types'
import { escapeOut } from './php'
import { str } from './context'

type Row = Record<string, unknown>

export function out(st: SimulatorState, row: Row, keep?: ReadonlySet<string>): Row {
  const strings = st.variants.numericStrings
  const res: Row = {}
  for (const key in row) res[key] = cleanValue(row[key], strings, keep?.has(key) ?? false)
  return res
}

function cleanValue(value: unknown, strings: boolean, keepNumber: boolean): unknown {
  if (typeof value === 'string') return escapeOut(value)
  if (typeof value === 'number') return strings && value !== 0 && !keepNumber ? String(value) : value
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' ? v : cleanValue(v, strings, false)))
  if (value !== null && typeof value === 'object') {
    const res: Row = {}
    for (const [k, v] of Object.entries(value)) res[k] = cleanValue(v, strings, false)
    return res
  }
  return value
}

/** show_columns wins over hide_columns; comma lists, not trimmed (panel-api §10). */
export function columnSelector(params: Params): ((row: Row) => Row) | null {
  const show = str(params, 'show_columns')
  if (show !== undefined && show !== '') {
    const keys = show.split(',')
    return (row) => {
      const res: Row = {}
      for (const k of keys) if (k in row) res[k] = row[k]
      return res
    }
  }
  const hide = str(params, 'hide_columns')
  if (hide !== undefined && hide !== '') {
    const keys = new Set(hide.split(','))
    return (row) => {
      const res: Row = {}
      for (const k in row) if (!keys.has(k)) res[k] = row[k]
      return res
    }
  }
  return null
}

export function applyColumns(params: Params, row: Row): Row {
  const sel = columnSelector(params)
  return sel ? sel(row) : row
}

/** Doc style shows arrays; the real server stores them as JSON text (`"[1,2]"`). */
export function listField(st: SimulatorState, list: readonly (number | string)[]): unknown {
  return st.variants.numericStrings ? JSON.stringify(list) : [...list]
}

/** Doc style `created_at` is "YYYY-MM-DD HH:MM:SS"; the real row holds unix seconds. */
export function createdAtField(st: SimulatorState, unixSec: number, fmt: (s: number) => string): unknown {
  return st.variants.numericStrings ? unixSec : fmt(unixSec)
}
