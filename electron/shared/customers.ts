/**
 * Schemas of the reseller's own book: customers, their links to panel
 * subscriptions, the renewal radar, message templates and the send log.
 * None of it is ever sent to a panel; it lives in customers.db (see
 * electron/core/customers/customer-db.ts).
 */
import { z } from 'zod'
import { MESSAGE_CHANNELS } from './message-links'

/** What a customer can be linked to: anything that carries a subscription. */
export const LinkResource = z.enum(['lines', 'mags', 'enigmas', 'activecodes'])
export type LinkResource = z.infer<typeof LinkResource>

const text = (max: number) => z.string().trim().max(max)
const anyRow = z.record(z.string(), z.unknown())

export const MessageChannel = z.enum(MESSAGE_CHANNELS)
export const SendChannel = z.enum([...MESSAGE_CHANNELS, 'copy'])
export type SendChannel = z.infer<typeof SendChannel>

export const CustomerInput = z.object({
  name: text(120).min(1),
  /** E.164 ("+491701234567"); the page builds it from a country and a national number. */
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'A phone number in international form, e.g. +491701234567')
    .nullable(),
  email: text(254).email().nullable(),
  /** Telegram @handle (WhatsApp uses the phone). */
  telegram: z
    .string()
    .regex(/^@?[A-Za-z0-9_]{3,32}$/, 'A Telegram username: 3–32 letters, digits or _')
    .nullable(),
  /** How this customer likes to be written to. */
  channel: MessageChannel.nullable(),
  /** Language of their messages (a template set): "en", "de", "pt-BR"… */
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
  tags: z.array(text(40).min(1)).max(20),
  notes: text(5000),
})
export type CustomerInput = z.infer<typeof CustomerInput>

export const Customer = CustomerInput.extend({
  id: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  linkCount: z.number().int(),
})
export type Customer = z.infer<typeof Customer>

/** A subscription named the way that survives re-syncs: panel + kind + natural key (username, MAC, code). */
export const ItemKey = z.object({
  profileId: z.string().min(1).max(64),
  resource: LinkResource,
  key: z.string().trim().min(1).max(128),
})
export type ItemKey = z.infer<typeof ItemKey>

export const LinkRef = ItemKey.extend({ id: z.number().int().nullable() })
export type LinkRef = z.infer<typeof LinkRef>

/** present: in the cache now; gone: the panel's last sync no longer had it; unknown: never synced. */
export const LinkState = z.enum(['present', 'gone', 'unknown'])
export type LinkState = z.infer<typeof LinkState>

export const CustomerLink = LinkRef.extend({
  linkId: z.number().int(),
  customerId: z.number().int(),
  state: LinkState,
  expDate: z.number().nullable(),
  packageId: z.number().int().nullable(),
  packageName: z.string().nullable(),
  status: z.string().nullable(),
  createdAt: z.number(),
  /** The cached row (for renew / open), when present. */
  row: anyRow.nullable(),
})
export type CustomerLink = z.infer<typeof CustomerLink>

export const SendLog = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  linkId: z.number().int().nullable(),
  kind: z.string(),
  channel: SendChannel,
  /** What was sent, in words: template and subscription (never the text: it may hold a password). */
  summary: z.string(),
  at: z.number(),
})
export type SendLog = z.infer<typeof SendLog>

export const CustomerDetail = z.object({
  customer: Customer,
  links: z.array(CustomerLink),
  sends: z.array(SendLog),
})
export type CustomerDetail = z.infer<typeof CustomerDetail>

export const CustomerListQuery = z.object({
  search: z.string().max(100).optional(),
  tag: z.string().max(40).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
})
export type CustomerListQuery = z.input<typeof CustomerListQuery>

export const CustomerList = z.object({ rows: z.array(Customer), total: z.number().int(), tags: z.array(z.string()) })
export type CustomerList = z.infer<typeof CustomerList>

/** Which customer owns each of some rows (the lists' Customer column). */
export const OwnerHit = ItemKey.extend({ customerId: z.number().int(), name: z.string() })
export type OwnerHit = z.infer<typeof OwnerHit>

export const ImportPreview = z.object({
  rows: z.array(
    z.object({
      line: z.number().int(),
      name: z.string(),
      phone: z.string().nullable(),
      key: z.string(),
      /** Where the key was found; empty = a miss. */
      matches: z.array(LinkRef),
      /** An existing customer of that name and phone gets the link instead of a new one. */
      existingCustomerId: z.number().int().nullable(),
      problem: z.string().nullable(),
    }),
  ),
  matched: z.number().int(),
  missed: z.number().int(),
  invalid: z.number().int(),
})
export type ImportPreview = z.infer<typeof ImportPreview>

// ---------- Renewal radar ----------

/** The radar answers at most this many rows (the soonest first); counts are always complete. */
export const RADAR_MAX_ROWS = 2000

export const RadarWindow = z.enum(['today', 'week', 'month', 'expired', 'all'])
export type RadarWindow = z.infer<typeof RadarWindow>

export const RadarQuery = z.object({
  window: RadarWindow,
  includeSnoozed: z.boolean().default(false),
  includeLost: z.boolean().default(false),
  /** Only subscriptions linked to a customer. */
  onlyCustomers: z.boolean().default(false),
})
export type RadarQuery = z.input<typeof RadarQuery>

export const RadarRow = ItemKey.extend({
  id: z.number().int(),
  label: z.string(),
  packageId: z.number().int().nullable(),
  packageName: z.string().nullable(),
  expDate: z.number(),
  /** Whole days from today (local midnight) to the expiry day; negative = expired. */
  daysLeft: z.number().int(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  /** The customer's link to this subscription (messages are composed about it). */
  linkId: z.number().int().nullable(),
  price: z.number().nullable(),
  lastReminderAt: z.number().nullable(),
  snoozedUntil: z.number().nullable(),
  lost: z.boolean(),
})
export type RadarRow = z.infer<typeof RadarRow>

export const RadarResult = z.object({
  rows: z.array(RadarRow),
  counts: z.object({ today: z.number().int(), week: z.number().int(), month: z.number().int(), expired: z.number().int() }),
  /** Rows in the window before the cap (the page shows the soonest RADAR_MAX_ROWS). */
  total: z.number().int(),
  currency: z.string(),
})
export type RadarResult = z.infer<typeof RadarResult>

export const ReminderSettings = z.object({
  /** The daily "N customers expire in the next D days" notification. */
  notify: z.boolean(),
  days: z.number().int().min(1).max(30),
  /** Local hour it is shown at (or at start, if later). */
  hour: z.number().int().min(0).max(23),
})
export type ReminderSettings = z.infer<typeof ReminderSettings>

// ---------- Message templates ----------

export const TEMPLATE_KINDS = ['welcome', 'reminder', 'expired', 'renewed'] as const
export const TemplateKind = z.enum(TEMPLATE_KINDS)
export type TemplateKind = z.infer<typeof TemplateKind>

export const Template = z.object({
  kind: TemplateKind,
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
  subject: text(200),
  body: z.string().max(4000),
  /** A built-in text not yet edited by the reseller. */
  builtIn: z.boolean(),
})
export type Template = z.infer<typeof Template>

export const ComposeInput = z.object({
  customerId: z.number().int(),
  /** The subscription the message is about; null = the customer's soonest-expiring one. */
  linkId: z.number().int().nullable(),
  kind: TemplateKind,
  /** Preview an unsaved template text instead of the stored one. */
  draft: z.object({ subject: text(200), body: z.string().max(4000) }).optional(),
})
export type ComposeInput = z.infer<typeof ComposeInput>

export const Composed = z.object({
  subject: z.string(),
  text: z.string(),
  /** The link per channel, or null when the customer lacks a phone / e-mail. */
  links: z.object({ whatsapp: z.string().nullable(), telegram: z.string().nullable(), sms: z.string().nullable(), email: z.string().nullable() }),
  linkId: z.number().int().nullable(),
  /** Variables without a value for this customer (shown empty). */
  missing: z.array(z.string()),
})
export type Composed = z.infer<typeof Composed>
