/**
 * Request encoding: action params (already validated) → wire pairs, and the URL.
 *
 * - `api_key` and `action` always go in the query string, for POST too (both
 *   doc variants, panel-api §2).
 * - arrays: `allowed_ips[]=a&allowed_ips[]=b`, `bouquets_selected[]=1`.
 * - booleans: 1/0 — EXCEPT `is_isplock`, sent as 1 when true and OMITTED when
 *   false: the server tests its presence, so `is_isplock=0` turns the lock ON
 *   (panel-api §2).
 * - list params: `search[value]`, `order[0][column]`, `order[0][dir]`,
 *   comma-joined `show_columns`/`hide_columns`, `limit` capped at 1000 (panel-api §5).
 */

export interface Endpoint {
  scheme: 'http' | 'https'
  host: string
  port: number
  accessCode: string
}

export const MAX_LIMIT = 1000

export type Pairs = [string, string][]

const RENAMED: Record<string, string> = {
  search: 'search[value]',
  orderColumn: 'order[0][column]',
  orderDir: 'order[0][dir]',
  showColumns: 'show_columns',
  hideColumns: 'hide_columns',
}

export function encodeParams(params: Record<string, unknown>, fixed?: readonly (readonly [string, string])[]): Pairs {
  const out: Pairs = []
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    if (key === 'is_isplock') {
      if (value === true) out.push(['is_isplock', '1'])
      continue
    }
    if (key === 'limit' && typeof value === 'number') {
      out.push(['limit', String(Math.min(value, MAX_LIMIT))])
      continue
    }
    if (key === 'showColumns' || key === 'hideColumns') {
      if (Array.isArray(value) && value.length > 0) out.push([RENAMED[key]!, value.join(',')])
      continue
    }
    const name = RENAMED[key] ?? key
    if (Array.isArray(value)) {
      for (const v of value) out.push([`${name}[]`, scalar(v)])
    } else out.push([name, scalar(value)])
  }
  if (fixed) for (const [k, v] of fixed) if (!out.some(([n]) => n === k)) out.push([k, v])
  return out
}

function scalar(v: unknown): string {
  return typeof v === 'boolean' ? (v ? '1' : '0') : String(v)
}

export function baseUrl(e: Endpoint): string {
  const host = e.host.includes(':') && !e.host.startsWith('[') ? `[${e.host}]` : e.host
  return `${e.scheme}://${host}:${e.port}/${encodeURIComponent(e.accessCode)}/reseller/index.php`
}

export interface EncodedRequest {
  method: 'GET' | 'POST'
  url: string
  /** application/x-www-form-urlencoded body for POST. */
  body?: string
}

export function encodeRequest(
  endpoint: Endpoint,
  apiKey: string,
  action: string,
  method: 'GET' | 'POST',
  pairs: Pairs,
): EncodedRequest {
  const query = new URLSearchParams([
    ['api_key', apiKey],
    ['action', action],
  ])
  if (method === 'GET') {
    for (const [k, v] of pairs) query.append(k, v)
    return { method, url: `${baseUrl(endpoint)}?${query}` }
  }
  return { method, url: `${baseUrl(endpoint)}?${query}`, body: new URLSearchParams(pairs).toString() }
}
