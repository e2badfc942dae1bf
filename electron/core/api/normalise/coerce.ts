/**
 * Tolerant readers for single panel values. Every function is total: any input
 * gives a value of the promised type (never a throw), because panels send
 * numbers as strings, booleans as 0/1/"0"/"1"/""/null and HTML-escaped text
 * (panel-api §3 "Output sanitising": truthy DB values come back as strings through
 * `clean_row`, falsy ones as 0/null/"").
 *
 * Plain code on purpose: these run for every field of every row in the paging
 * hot path, where zod would cost several times the JSON parse itself.
 */

export type Raw = Record<string, unknown>

/**
 * Thrown by a normaliser when one value makes the whole answer wrong to act on (a
 * balance of `1e309`): the answer becomes BAD_RESPONSE with this sentence, instead of
 * a guess such as "0 credits" that would raise a false alarm or hide a real one.
 */
export class UnreadableValue extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnreadableValue'
  }
}

export const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A finite number from a number or a numeric string; null otherwise. */
export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'string') {
    if (v.length === 0 || v.length > 40) return null
    const s = v.trim()
    if (s === '') return null
    const n = Number(s)
    return Number.isFinite(n) ? n : null
  }
  return null
}

/** A safe integer (truncated); null when absent or out of range. */
export function int(v: unknown): number | null {
  const n = num(v)
  if (n === null) return null
  const t = Math.trunc(n)
  return Number.isSafeInteger(t) ? t : null
}

/** A usable row id: a positive safe integer. */
export function rowId(v: unknown): number | null {
  const n = int(v)
  return n !== null && n > 0 ? n : null
}

/** What the request sent, used to fill fields a write's answer leaves out. */
export type Sent = Record<string, unknown> | undefined

/**
 * How every row normaliser opens: anything but an object with a usable id
 * (`idOf`, by default the row's `id`) gives null, and `sent` defaults to {}.
 */
export function rowNormaliser<T>(
  build: (v: Raw, id: number, s: Raw) => T,
  idOf: (v: Raw) => number | null = (v) => rowId(v.id),
): (v: unknown, sent?: Sent) => T | null {
  return (v, sent) => {
    if (!isObject(v)) return null
    const id = idOf(v)
    return id === null ? null : build(v, id, sent ?? {})
  }
}

/** A boolean from true/false/0/1/"0"/"1"/""/"true"/"false"; `dflt` for anything else. */
export function bool<D extends boolean | null>(v: unknown, dflt: D): boolean | D {
  if (typeof v === 'boolean') return v
  if (v === null || v === undefined) return dflt
  if (v === '' || v === 0 || v === '0') return false
  if (v === 1 || v === '1') return true
  if (typeof v === 'number') return Number.isFinite(v) ? v !== 0 : dflt
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase()
    if (s === 'true' || s === 'yes' || s === 'on') return true
    if (s === 'false' || s === 'no' || s === 'off') return false
    const n = num(s)
    return n === null ? dflt : n !== 0
  }
  return dflt
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#039;': "'",
  '&#39;': "'",
  '&apos;': "'",
  '&#46;': '.',
}
const ENTITY_RE = /&(?:lt|gt|amp|quot|apos|#0?39|#46);/g

/** Undo the panel's HTML escaping (one level, so "&amp;lt;" stays "&lt;"). */
export function unescapeHtml(s: string): string {
  return s.indexOf('&') === -1 ? s : s.replace(ENTITY_RE, (m) => ENTITIES[m] ?? m)
}

/**
 * The longest text field kept from a panel row. Notes of 20–50 MB have been seen; cached
 * whole they froze the Lines view for seconds and made one page of rows too large to send
 * to the window. The raw page keeps every byte as sent (cache/raw-pages.ts).
 */
export const MAX_TEXT_CHARS = 64 * 1024

/** What ends a field that was cut, so nobody mistakes it for the panel's whole text. */
export const cutMark = (sentChars: number) =>
  ` … [cut: the panel sent ${sentChars.toLocaleString('en-US')} characters; the first ${MAX_TEXT_CHARS.toLocaleString('en-US')} are kept]`

/**
 * `s` at most MAX_TEXT_CHARS long (not splitting a surrogate pair), marked when cut.
 * `sentChars`: the length the panel sent, when `s` is already a cut of it.
 */
export function capText(s: string, sentChars = s.length): string {
  if (sentChars <= MAX_TEXT_CHARS) return s
  let end = Math.min(s.length, MAX_TEXT_CHARS)
  const last = s.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return s.slice(0, end) + cutMark(sentChars)
}

/** Text for display: strings un-escaped and capped (MAX_TEXT_CHARS), numbers stringified, anything else ''. */
export function text(v: unknown): string {
  if (typeof v === 'string') {
    if (v.length <= MAX_TEXT_CHARS) return unescapeHtml(v)
    // Cut first: un-escaping 50 MB only to drop most of it is wasted work.
    return capText(unescapeHtml(v.slice(0, MAX_TEXT_CHARS)), v.length)
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  return ''
}

/** Like text() but null when absent or empty. */
export function textOrNull(v: unknown): string | null {
  const s = text(v)
  return s === '' ? null : s
}

// 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM[:SS]' or ISO 'T' form, optional Z. The panel
// prints FROM_UNIXTIME in its own timezone, which it does not tell us; UTC is
// the least-wrong reading (panel-api §5, users rows).
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?Z?$/

function parseDate(s: string): number | null {
  const m = DATE_RE.exec(s)
  if (!m) return null
  const [, y, mo, d, h, mi, se] = m
  if (y === '0000') return null // MySQL's zero date
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(se ?? 0))
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null
}

/**
 * A unix time in seconds. null/0/""/"0" → null (for exp_date that means
 * unlimited). Accepts unix numbers, numeric strings and date strings; values
 * that look like milliseconds are scaled down.
 */
export function unix(v: unknown): number | null {
  let n: number | null
  if (typeof v === 'number') n = Number.isFinite(v) ? v : null
  else if (typeof v === 'string') {
    const s = v.trim()
    if (s === '' || s.length > 40) return null
    n = num(s)
    if (n === null) return parseDate(s)
  } else return null
  if (n === null || n <= 0) return null
  if (n > 1e11) n = n / 1000 // milliseconds
  const t = Math.trunc(n)
  return Number.isSafeInteger(t) ? t : null
}

/** An array from an array or a JSON-array string (`"[1,3]"`), else a comma list; [] otherwise. */
export function list(v: unknown): unknown[] {
  if (Array.isArray(v)) return v
  if (typeof v === 'string') {
    const s = v.trim()
    if (s === '' || s === '[]') return []
    if (s[0] === '[') {
      try {
        const parsed: unknown = JSON.parse(s)
        return Array.isArray(parsed) ? parsed : []
      } catch {
        return []
      }
    }
    return s.split(',')
  }
  if (typeof v === 'number') return [v]
  if (isObject(v)) return Object.values(v) // PHP json_encode of a non-sequential array
  return []
}

/** Integer ids from list(); anything unusable is dropped. */
export function intList(v: unknown): number[] {
  const out: number[] = []
  for (const x of list(v)) {
    const n = int(x)
    if (n !== null) out.push(n)
  }
  return out
}

/** Non-empty strings from list(). */
export function textList(v: unknown): string[] {
  const out: string[] = []
  for (const x of list(v)) {
    const s = text(x).trim()
    if (s !== '') out.push(s)
  }
  return out
}

/** The first of several keys that is present (not undefined/null). */
export function first(row: Raw, ...keys: string[]): unknown {
  for (const k of keys) {
    const v = row[k]
    if (v !== undefined && v !== null) return v
  }
  return undefined
}
