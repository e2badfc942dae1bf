/**
 * Message templates (one set per language), composing a message for a
 * customer and one of their subscriptions, and the send log.
 *
 * The composed text may hold the customer's password ({password}): it is
 * returned to the page to hand to WhatsApp & co., but never stored — the send
 * log keeps only which template went about which subscription, and how.
 */
import type { Composed, ComposeInput, CustomerLink, SendChannel, SendLog, Template, TemplateKind } from '../../shared/customers'
import { RESOURCE_INFO } from '../../shared/resources'
import { TEMPLATE_KINDS } from '../../shared/customers'
import { customerLinks } from '../../shared/links'
import { messageLink, MESSAGE_CHANNELS } from '../../shared/message-links'
import { BUILT_IN_TEMPLATES, renderTemplate, type TemplateValues } from '../../shared/message-templates'
import { AppError } from '../errors'
import type { ProfileStore } from '../ports'
import type { CustomerBook } from './book'
import type { Customers } from './customers'
import type { Links } from './links'
import type { Prices } from './prices'
import type { Radar } from './radar'

export class Messages {
  constructor(
    private readonly book: CustomerBook,
    private readonly customers: Customers,
    private readonly links: Links,
    private readonly prices: Prices,
    private readonly radar: Radar,
    private readonly profiles: ProfileStore,
  ) {}

  templates(language: string): Template[] {
    const rows = this.book.stmt(`SELECT kind, subject, body FROM templates WHERE language = ?`).all(language) as { kind: TemplateKind; subject: string; body: string }[]
    const saved = new Map(rows.map((r) => [r.kind, r]))
    return TEMPLATE_KINDS.map((kind) => {
      const s = saved.get(kind)
      return s ? { kind, language, subject: s.subject, body: s.body, builtIn: false } : { kind, language, ...BUILT_IN_TEMPLATES[kind], builtIn: true }
    })
  }

  /** Languages with at least one edited template, plus English. */
  languages(): string[] {
    const rows = this.book.stmt(`SELECT DISTINCT language FROM templates ORDER BY 1`).all() as { language: string }[]
    return [...new Set(['en', ...rows.map((r) => r.language)])]
  }

  saveTemplate(t: { kind: TemplateKind; language: string; subject: string; body: string }): Template {
    this.book.write(() =>
      this.book
        .stmt(
          `INSERT INTO templates (kind, language, subject, body, updated_at) VALUES (@kind, @language, @subject, @body, @at)
           ON CONFLICT(kind, language) DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at`,
        )
        .run({ ...t, at: this.book.now() }),
    )
    return this.templates(t.language).find((x) => x.kind === t.kind)!
  }

  resetTemplate(kind: TemplateKind, language: string): Template {
    this.book.write(() => this.book.stmt(`DELETE FROM templates WHERE kind = ? AND language = ?`).run(kind, language))
    return this.templates(language).find((x) => x.kind === kind)!
  }

  compose(input: ComposeInput): Composed {
    const customer = this.customers.require(input.customerId)
    const link = this.pickLink(input.customerId, input.linkId)
    const t = input.draft ?? this.templates(customer.language).find((x) => x.kind === input.kind)!
    const values = this.values(customer.name, customer.language, link)
    const subject = renderTemplate(t.subject, values)
    const body = renderTemplate(t.body, values)
    const to = { phone: customer.phone, email: customer.email }
    const links = Object.fromEntries(MESSAGE_CHANNELS.map((ch) => [ch, messageLink(ch, to, { subject: subject.text, body: body.text }).url])) as Composed['links']
    return { subject: subject.text, text: body.text, links, linkId: link?.linkId ?? null, missing: [...new Set([...subject.missing, ...body.missing])] }
  }

  /** Records that a message was handed to a channel (after the page opened it, or copied it). */
  logSend(input: { customerId: number; linkId: number | null; kind: TemplateKind; channel: SendChannel }): SendLog {
    const customer = this.customers.require(input.customerId)
    const link = input.linkId === null ? null : this.links.get(input.linkId)
    if (link && link.customerId !== customer.id) throw new AppError('VALIDATION', 'That subscription belongs to another customer.')
    const at = this.book.now()
    const summary = link ? `${input.kind} about ${link.key}` : input.kind
    const id = this.book.write(() =>
      Number(
        this.book
          .stmt(`INSERT INTO sends (customer_id, link_id, kind, channel, summary, at) VALUES (?, ?, ?, ?, ?, ?)`)
          .run(customer.id, link?.linkId ?? null, input.kind, input.channel, summary, at).lastInsertRowid,
      ),
    )
    if (link && (input.kind === 'reminder' || input.kind === 'expired')) this.radar.noteReminder(link, at)
    return { id, customerId: customer.id, linkId: link?.linkId ?? null, kind: input.kind, channel: input.channel, summary, at }
  }

  sends(customerId: number, limit = 100): SendLog[] {
    const rows = this.book
      .stmt(`SELECT id, customer_id, link_id, kind, channel, summary, at FROM sends WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT ?`)
      .all(customerId, limit) as { id: number; customer_id: number; link_id: number | null; kind: string; channel: SendChannel; summary: string; at: number }[]
    return rows.map((r) => ({ id: r.id, customerId: r.customer_id, linkId: r.link_id, kind: r.kind, channel: r.channel, summary: r.summary, at: r.at }))
  }

  /** The given link (it must be this customer's), else the soonest-expiring one still on its panel. */
  private pickLink(customerId: number, linkId: number | null): CustomerLink | null {
    if (linkId !== null) {
      const l = this.links.get(linkId)
      if (l.customerId !== customerId) throw new AppError('VALIDATION', 'That subscription belongs to another customer.')
      return l
    }
    const present = this.links.ofCustomer(customerId).filter((l) => l.state === 'present')
    present.sort((a, b) => (a.expDate ?? Infinity) - (b.expDate ?? Infinity))
    return present[0] ?? null
  }

  private values(name: string, language: string, link: CustomerLink | null): TemplateValues {
    const v: TemplateValues = { name }
    if (!link) return v
    const row = link.row ?? {}
    const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null)
    const profile = this.profiles.get(link.profileId)
    v.panel = profile?.name ?? null
    // The link's key is the item's natural key (shared/resources.ts): a code is no username.
    const keyIsCode = RESOURCE_INFO[link.resource].naturalKey === 'code'
    v.username = str(row.username) ?? (keyIsCode ? null : link.key)
    v.password = str(row.password)
    v.mac = str(row.mac)
    v.code = keyIsCode ? link.key : null
    v.package = link.packageName
    if (link.expDate !== null) {
      v.expiry = formatDate(link.expDate * 1000, language)
      v.days_left = String(Math.max(0, Math.ceil((link.expDate * 1000 - this.book.now()) / 86_400_000)))
    } else if (link.state === 'present') {
      v.expiry = 'unlimited'
    }
    const price = link.packageId === null ? undefined : this.prices.priceIndex()(link.profileId, link.packageId)
    if (price !== undefined) v.price = formatMoney(price, this.prices.currency(), language)
    if (profile && v.username && v.password && link.resource !== 'activecodes') {
      const links = customerLinks({ scheme: profile.scheme, host: profile.customerDns ?? profile.host, port: profile.customerPort ?? profile.port }, v.username, v.password)
      v.m3u_url = links.m3u
      v.portal = links.magPortal
    }
    return v
  }
}

export function formatDate(ms: number, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(ms)
  } catch {
    return new Date(ms).toISOString().slice(0, 10)
  }
}

export function formatMoney(amount: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount)
  } catch {
    return `${amount.toFixed(2)} ${currency}`
  }
}
