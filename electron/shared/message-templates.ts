/**
 * Message templates: `{name}`-style variables and the built-in texts. Pure, so
 * the page's live preview and the core's compose give the same text.
 *
 * An unknown `{word}` is left as typed (a reseller may write "{not a var}");
 * a known variable with no value for this customer renders empty and is
 * reported, so the preview can say "this customer has no package".
 */
import type { TemplateKind } from './customers'

export const TEMPLATE_VARIABLES = [
  'name',
  'username',
  'password',
  'expiry',
  'days_left',
  'package',
  'price',
  'panel',
  'm3u_url',
  'portal',
  'mac',
  'code',
] as const
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number]
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>

const KNOWN: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES)

export function renderTemplate(template: string, values: TemplateValues): { text: string; missing: TemplateVariable[] } {
  const missing = new Set<TemplateVariable>()
  const text = template.replace(/\{([a-z0-9_]+)\}/g, (whole, name: string) => {
    if (!KNOWN.has(name)) return whole
    const v = values[name as TemplateVariable]
    if (v === undefined || v === null || v === '') {
      missing.add(name as TemplateVariable)
      return ''
    }
    return v
  })
  return { text, missing: [...missing] }
}

/** The texts a new book starts with (English); other languages start as copies to translate. */
export const BUILT_IN_TEMPLATES: Record<TemplateKind, { subject: string; body: string }> = {
  welcome: {
    subject: 'Your TV subscription',
    body: 'Hello {name},\n\nyour subscription is ready.\nUsername: {username}\nPassword: {password}\nPlaylist: {m3u_url}\n\nIt runs until {expiry}. Enjoy!',
  },
  reminder: {
    subject: 'Your subscription ends on {expiry}',
    body: 'Hello {name},\n\nyour subscription ({package}) ends on {expiry}, in {days_left} days.\nRenew now for {price} and keep watching without a break.',
  },
  expired: {
    subject: 'Your subscription has ended',
    body: 'Hello {name},\n\nyour subscription ({package}) ended on {expiry}.\nReply to this message and we renew it for {price}.',
  },
  renewed: {
    subject: 'Renewed until {expiry}',
    body: 'Hello {name},\n\nthank you! Your subscription is renewed until {expiry}.',
  },
}
