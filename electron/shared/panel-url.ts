/**
 * Takes apart the reseller API address a provider hands out, as users paste it:
 * `http://host:port/CODE/reseller/index.php?api_key=KEY&action=…` (panel-api §2),
 * with or without scheme, port, `index.php` or key, wrapped in quotes or
 * followed by junk (a trailing dot, a second word, a `#fragment`).
 *
 * Pure and without I/O: the panel form uses it on the page, so a pasted key
 * stays in the form's write-only field until the user saves it.
 */
import { ACCESS_CODE_RE, API_KEY_RE, HOST_RE } from './profile'

export interface PanelAddress {
  scheme: 'http' | 'https'
  host: string
  /** The URL's port, or the scheme's default when the URL names none. */
  port: number
  /** Whether the text named the port (otherwise `port` is the scheme's default). */
  portGiven: boolean
  accessCode: string | null
  apiKey: string | null
}

const DEFAULT_PORT = { http: 80, https: 443 } as const

/** Whether a text looks like an address rather than a plain value (a host, a code, a key). */
export function looksLikePanelUrl(text: string): boolean {
  const s = text.trim()
  return /^["'<(]?\s*https?:\/\//i.test(s) || /\/reseller(\/|$)/i.test(s) || /[?&]api_key=/i.test(s)
}

/**
 * The address's parts, or null when the text is not one (no usable host).
 * Without a scheme it is http, as panels are by default.
 */
export function parsePanelUrl(text: string): PanelAddress | null {
  // Junk around the address: quotes, brackets, and words after it — but only after a path or query, since
  // "http://bad host/" is a mistyped host, not "http://bad" followed by junk.
  const words = text.trim().replace(/^["'<(\s]+/, '').split(/\s+/)
  let s = words[0] ?? ''
  if (words.length > 1 && !/^[^/?#]+[/?#]./.test(s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''))) return null
  s = s.replace(/["'>),.;]+$/, '')
  if (!s) return null
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(s)
  const m = (withScheme ? /^(https?):\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?/i : /^()([^/?#]+)([^?#]*)(?:\?([^#]*))?/).exec(s)
  if (!m) return null
  const scheme = (m[1]?.toLowerCase() || 'http') as 'http' | 'https'
  const authority = m[2]!.replace(/^[^@]*@/, '') // user:pass@ is never part of a panel address
  const hp = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::(\d{1,5}))?:?$/.exec(authority)
  if (!hp) return null
  const host = hp[1]!.toLowerCase()
  if (!HOST_RE.test(host)) return null
  const portNum = hp[2] ? Number(hp[2]) : null
  const portGiven = portNum !== null && portNum >= 1 && portNum <= 65535
  return {
    scheme,
    host,
    port: portGiven ? portNum! : DEFAULT_PORT[scheme],
    portGiven,
    accessCode: accessCodeOf(m[3] ?? ''),
    apiKey: apiKeyOf(m[4] ?? ''),
  }
}

/** The path segment before `reseller`, or a lone first segment that is not a file. */
function accessCodeOf(path: string): string | null {
  const parts = path.split('/').filter(Boolean).map(safeDecode)
  const at = parts.findIndex((p) => p.toLowerCase() === 'reseller')
  const candidate = at > 0 ? parts[at - 1] : at < 0 && parts.length === 1 && !parts[0]!.includes('.') ? parts[0] : undefined
  return candidate && ACCESS_CODE_RE.test(candidate) ? candidate : null
}

function apiKeyOf(query: string): string | null {
  for (const pair of query.split('&')) {
    const [k, v] = pair.split('=')
    if (k?.toLowerCase() !== 'api_key' || v === undefined) continue
    const key = safeDecode(v).trim()
    return API_KEY_RE.test(key) ? key : null
  }
  return null
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
