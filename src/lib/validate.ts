/**
 * Field checks that mirror the server's (panel-api §9), so a typo is caught before
 * anything is sent. Each returns a sentence for the field, or null.
 */
import { IpAddress, MAC_RE } from '../../electron/shared/writes'
import { t } from '../i18n'

export type FieldErrors = Record<string, string>

export function credentialError(value: string, min: number, what: string): string | null {
  const v = value.trim()
  if (!v) return null // empty = the panel generates one
  if (/\s/.test(v)) return t('form.noSpaces', { what })
  if (v.length < min) return t('form.tooShort', { what, n: min })
  if (v.length > 64) return t('form.tooLong', { what, n: 64 })
  return null
}

export function macError(value: string): string | null {
  const v = value.trim()
  if (!v) return t('form.macRequired')
  return MAC_RE.test(v) ? null : t('form.macInvalid')
}

/** Upper-case colon form, as panel-api §9.1 recommends sending. */
export function normaliseMac(value: string): string {
  const hex = value.trim().replace(/[^0-9a-fA-F]/g, '').toUpperCase()
  return hex.length === 12 ? hex.match(/.{2}/g)!.join(':') : value.trim()
}

export function ipsError(ips: string[]): string | null {
  const bad = ips.find((ip) => !IpAddress.safeParse(ip).success)
  if (bad !== undefined) return t('form.ipInvalid', { ip: bad })
  return ips.length > 50 ? t('form.tooManyIps') : null
}

export function codeError(value: string, min: number | null, max: number | null): string | null {
  const v = value.trim()
  if (!v) return null // the panel generates one
  if (!/^[0-9A-Za-z-]+$/.test(v)) return t('form.codeChars')
  const lo = Math.max(4, min ?? 4)
  const hi = Math.min(32, max ?? 32)
  if (v.length < lo || v.length > hi) return t('form.codeLength', { min: lo, max: hi })
  return null
}

export function emailError(value: string): string | null {
  const v = value.trim()
  if (!v) return null
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : t('form.emailInvalid')
}

export function notesError(value: string): string | null {
  return value.length > 2000 ? t('form.tooLong', { what: t('col.notes'), n: 2000 }) : null
}

/** Drops the nulls: `{ mac: 'Not a MAC' }`. */
export function collect(checks: Record<string, string | null>): FieldErrors {
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(checks)) if (v) out[k] = v
  return out
}
