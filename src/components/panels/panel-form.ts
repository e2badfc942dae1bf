/** The panel form's fields ↔ ProfileInput, checked with the shared schema; words from the catalogue. */
import { ProfileInput, API_KEY_RE, PROFILE_DEFAULTS, type Profile } from '../../../electron/shared/profile'
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

export function fieldsFrom(p: Profile | null): PanelFields {
  const d = PROFILE_DEFAULTS
  return {
    name: p?.name ?? '',
    color: p?.color ?? d.color,
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

/** A pasted "http://host:port/" is forgiven: the scheme, port and path are taken apart. */
export function splitHost(f: PanelFields): void {
  const m = /^(https?):\/\/([^/:]+)(?::(\d+))?/i.exec(f.host.trim())
  if (!m) return
  f.scheme = m[1]!.toLowerCase() as 'http' | 'https'
  f.host = m[2]!
  if (m[3]) f.port = Number(m[3])
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
