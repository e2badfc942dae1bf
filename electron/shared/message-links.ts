/**
 * The links that hand a message to another program: WhatsApp, Telegram, SMS,
 * e-mail. THE one place they are built AND recognised, so the builders used by
 * the customer book and the allowlist of `app:openExternal` can never disagree:
 * `isMessageLink(url)` is true for exactly what `messageLink()` produces.
 *
 * Pure and dependency-free (the sandboxed preload and the page may import it).
 * Text is encoded with encodeURIComponent: spaces become %20, never `+`
 * (RFC 6068 for mailto:, and wa.me / sms: read `+` literally).
 */

export const MESSAGE_CHANNELS = ['whatsapp', 'telegram', 'sms', 'email'] as const
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number]

/** Longest link we build or accept: a reminder with a playlist link fits easily; a pasted novel does not. */
export const MAX_MESSAGE_LINK = 8000

export interface MessageTarget {
  /** E.164, e.g. "+491701234567" (WhatsApp, SMS). */
  phone?: string | null
  email?: string | null
}

export interface MessageText {
  subject?: string
  body: string
}

const E164 = /^\+[1-9]\d{6,14}$/
// Deliberately plain: one @, no spaces, a dot in the domain. The mail program checks the rest.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/

export const isE164 = (phone: string): boolean => E164.test(phone)
export const isEmail = (email: string): boolean => email.length <= 254 && EMAIL.test(email)

/**
 * The link for one channel, or null with the reason when the customer lacks
 * what the channel needs (no phone for WhatsApp/SMS, no e-mail for e-mail).
 */
export function messageLink(channel: MessageChannel, to: MessageTarget, text: MessageText): { url: string } | { url: null; missing: 'phone' | 'email' | 'tooLong' } {
  const url = build(channel, to, text)
  if (typeof url !== 'string') return { url: null, missing: url.missing }
  if (url.length > MAX_MESSAGE_LINK) return { url: null, missing: 'tooLong' }
  return { url }
}

function build(channel: MessageChannel, to: MessageTarget, text: MessageText): string | { missing: 'phone' | 'email' } {
  const body = enc(text.body)
  switch (channel) {
    case 'whatsapp': {
      if (!to.phone || !isE164(to.phone)) return { missing: 'phone' }
      return `https://wa.me/${to.phone.slice(1)}?text=${body}`
    }
    case 'telegram':
      // t.me's share page needs a url parameter; a single space keeps it empty to the eye.
      return `https://t.me/share/url?url=%20&text=${body}`
    case 'sms': {
      if (!to.phone || !isE164(to.phone)) return { missing: 'phone' }
      return `sms:${to.phone}?body=${body}`
    }
    case 'email': {
      if (!to.email || !isEmail(to.email)) return { missing: 'email' }
      return `mailto:${enc(to.email).replace(/%40/g, '@')}?subject=${enc(text.subject ?? '')}&body=${body}`
    }
  }
}

// Percent-encoded text: unreserved characters and %XX escapes only, nothing that could start a new part.
const ENCODED = "(?:[A-Za-z0-9\\-_.!~*'()]|%[0-9A-Fa-f]{2})*"
const SHAPES: readonly RegExp[] = [
  new RegExp(`^https://wa\\.me/[1-9]\\d{6,14}\\?text=${ENCODED}$`),
  new RegExp(`^https://t\\.me/share/url\\?url=%20&text=${ENCODED}$`),
  new RegExp(`^sms:\\+[1-9]\\d{6,14}\\?body=${ENCODED}$`),
  new RegExp(`^mailto:${ENCODED}@${ENCODED}\\?subject=${ENCODED}&body=${ENCODED}$`),
]

/** True for exactly the link shapes messageLink() builds (the openExternal allowlist for messages). */
export function isMessageLink(url: string): boolean {
  if (typeof url !== 'string' || url.length > MAX_MESSAGE_LINK) return false
  return SHAPES.some((re) => re.test(url))
}

function enc(s: string): string {
  return encodeURIComponent(s)
}
