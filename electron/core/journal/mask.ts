/**
 * What may be written into the journal. The journal is an audit record a user
 * may export and hand to someone, so customer passwords are replaced by a
 * fixed mask (their length is not kept) and API keys are dropped entirely.
 */
import { redactSecrets } from '../errors'

export const PASSWORD_MASK = '••••'

const SECRET_KEY = /^(api_?key|apikey|access_?token|play_?token|token)$/i
/** password, pass, parent_password, parentPassword — not bypass_ua and the like. */
const PASSWORD_KEY = /^(?:.*_)?pass(?:word)?$|^[a-z]+Password$/i
const MAX_DEPTH = 8
const MAX_STRING = 2000

/** Deep copy safe for the journal: passwords masked, keys and tokens removed, strings bounded. */
export function maskForJournal(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value.length > MAX_STRING ? value.slice(0, MAX_STRING) + '…' : value)
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH) return '[…]'
  if (Array.isArray(value)) return value.slice(0, 500).map((v) => maskForJournal(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_KEY.test(k)) continue
    if (PASSWORD_KEY.test(k)) {
      out[k] = v === null || v === undefined || v === '' ? v : PASSWORD_MASK
      continue
    }
    out[k] = maskForJournal(v, depth + 1)
  }
  return out
}

export function maskRecord(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  // Stryker disable next-line ConditionalExpression: the null check alone is equivalent, maskForJournal hands null back as it is.
  if (value === null || value === undefined) return null
  return maskForJournal(value) as Record<string, unknown>
}

/**
 * Error text may quote what was sent (e.g. a panel echo); remove the literal
 * secrets the caller knows about as well as any `api_key=` pattern.
 */
export function maskText(text: string | null | undefined, secrets: readonly string[] = []): string | null {
  if (text === null || text === undefined) return null
  let t = redactSecrets(text)
  for (const s of secrets) if (s.length >= 4) t = t.split(s).join(PASSWORD_MASK)
  return t.length > MAX_STRING ? t.slice(0, MAX_STRING) + '…' : t
}
