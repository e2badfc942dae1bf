/** The panel form's fields ↔ ProfileInput, checked with the shared schema; words from the catalogue. */
import { ProfileInput, API_KEY_RE, PROFILE_DEFAULTS, type Profile } from '../../../electron/shared/profile'
import { looksLikePanelUrl, parsePanelUrl } from '../../../electron/shared/panel-url'
import { hasKey, t } from '../../i18n'
import type { FieldErrors } from '../../lib/validate'

export interface PanelFields {
  name: string
  color: string
  scheme: 'http' | 'https'
  host: string
  port: number | null
  accessCode: string
  customerDns: string
  customerPort: number | null
  warning: number | null
  critical: number | null
  pollMinutes: number | null
  enabled: boolean
  apiKey: string
}

/** Panel colours, told apart at a glance in the sidebar and the charts; a new panel takes the first one not in use. */
export const PANEL_COLOURS = ['#2080f0', '#18a058', '#f0a020', '#d03050', '#8a4fd8', '#0e9aa7', '#e8590c', '#c2255c', '#5c940d', '#495057'] as const

export function firstFreeColour(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toLowerCase()))
  const free = PANEL_COLOURS.find((c) => !taken.has(c))
  if (free) return free
  // Every colour is taken: the one fewest panels wear.
  const count = (c: string) => used.filter((u) => u.toLowerCase() === c).length
  return [...PANEL_COLOURS].sort((a, b) => count(a) - count(b))[0]!
}

/** A saved panel's fields, or a new panel's defaults with a colour no other panel wears. */
export function fieldsFrom(p: Profile | null, others: readonly Pick<Profile, 'color'>[] = []): PanelFields {
  const d = PROFILE_DEFAULTS
  return {
    name: p?.name ?? '',
    color: p?.color ?? firstFreeColour(others.map((o) => o.color)),
    scheme: p?.scheme ?? d.scheme,
    host: p?.host ?? '',
    port: p?.port ?? d.port,
    accessCode: p?.accessCode ?? '',
    customerDns: p?.customerDns ?? '',
    customerPort: p?.customerPort ?? null,
    warning: p?.thresholds.warning ?? d.thresholds.warning,
    critical: p?.thresholds.critical ?? d.thresholds.critical,
    pollMinutes: p?.pollMinutes ?? d.pollMinutes,
    enabled: p?.enabled ?? true,
    apiKey: '',
  }
}

type TextField = 'name' | 'host' | 'accessCode' | 'apiKey'

/**
 * The whole API address pasted into any text field (`http://host:port/CODE/reseller/index.php?api_key=KEY`):
 * every part goes to its own field — scheme, host, port, access code and key — and the field it was pasted
 * into keeps only its own part. A name left empty becomes the host. False when the text is no address.
 */
export function applyAddress(f: PanelFields, field: TextField, text: string): boolean {
  if (!looksLikePanelUrl(text)) return false
  const a = parsePanelUrl(text)
  if (!a) return false
  f.scheme = a.scheme
  f.host = a.host
  // A URL without a port means the scheme's own port, not the one the form held before.
  f.port = a.port
  if (a.accessCode) f.accessCode = a.accessCode
  else if (field === 'accessCode') f.accessCode = ''
  if (a.apiKey) f.apiKey = a.apiKey
  else if (field === 'apiKey') f.apiKey = ''
  if (field === 'name' || !f.name.trim()) f.name = a.host
  return true
}

/** On save: a host typed as "http://host:port/…" or "host:port" is taken apart the same way. */
export function splitHost(f: PanelFields): void {
  const host = f.host.trim()
  if (!/[:/]/.test(host) || /^\[[0-9a-fA-F:.]+\]$/.test(host)) return
  const a = parsePanelUrl(host)
  if (!a) return
  f.scheme = a.scheme
  f.host = a.host
  if (a.portGiven || /^https?:\/\//i.test(host)) f.port = a.port
  if (a.accessCode && !f.accessCode.trim()) f.accessCode = a.accessCode
}

export interface DraftEndpoint {
  scheme: 'http' | 'https'
  host: string
  port: number
  accessCode: string
}

/** Another panel with the same address (host, port and access code): adding it twice would double every sync. */
export function sameAddress(d: DraftEndpoint, profiles: readonly Profile[], selfId: string | null): Profile | null {
  const host = d.host.trim().toLowerCase()
  return profiles.find((p) => p.id !== selfId && p.host.toLowerCase() === host && p.port === d.port && p.accessCode === d.accessCode.trim()) ?? null
}

export function toInput(f: PanelFields): { input: ProfileInput | null; errors: FieldErrors } {
  const candidate = {
    name: f.name,
    color: f.color.slice(0, 7),
    scheme: f.scheme,
    host: f.host.trim(),
    port: f.port ?? 0,
    accessCode: f.accessCode.trim(),
    customerDns: f.customerDns.trim() || null,
    customerPort: f.customerPort ?? null,
    thresholds: { warning: f.warning ?? 0, critical: f.critical ?? 0 },
    pollMinutes: f.pollMinutes ?? 0,
    enabled: f.enabled,
  }
  const errors: FieldErrors = {}
  const parsed = ProfileInput.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name')
      const key = `panelForm.err.${field}`
      errors[field] ??= hasKey(key) ? t(key) : t('panelForm.err.generic')
    }
  }
  const key = f.apiKey.trim()
  if (key && !API_KEY_RE.test(key)) errors.apiKey = t('panelForm.err.apiKey')
  return { input: parsed.success ? parsed.data : null, errors }
}
