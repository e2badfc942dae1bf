/**
 * The contract's methods for the reseller's own book (customers, renewal
 * radar, messages, prices, payments, backup), spread into `methods` in
 * contract.ts. Same rules as there: every argument list has a strict schema,
 * every result a schema.
 */
import { z } from 'zod'
import {
  Composed,
  ComposeInput,
  Customer,
  CustomerDetail,
  CustomerInput,
  CustomerLink,
  CustomerList,
  CustomerListQuery,
  ImportPreview,
  ItemKey,
  LinkRef,
  OwnerHit,
  RadarQuery,
  RadarResult,
  ReminderSettings,
  SendChannel,
  SendLog,
  Template,
  TemplateKind,
} from './customers'
import { BackupParts, BackupSummary, Payment, PaymentInput, PriceBook, PricePatch, ProfitQuery, ProfitReport, RestoreResult } from './business'

const method = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result })
const none = z.object({}).strict()
const done = z.object({ done: z.literal(true) })
const csvFile = z.object({ filename: z.string(), csv: z.string() })
const id = z.number().int()
const language = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/)
const csvText = z.object({ csv: z.string().max(5_000_000) }).strict()
const Items = z.array(ItemKey.strict()).min(1).max(2000)
/** A backup in the data folder (by name) or a file the user picked (its text). */
const BackupSource = z.object({ name: z.string().max(100).optional(), json: z.string().max(200_000_000).optional() })

export const customerMethods = {
  // Customer book (customers.db; never sent to a panel)
  'customers:status': method(none, z.object({ problem: z.string().nullable(), file: z.string() })),
  'customers:list': method(CustomerListQuery.strict(), CustomerList),
  'customers:get': method(z.object({ id }).strict(), CustomerDetail),
  'customers:create': method(CustomerInput.extend({ attach: z.array(LinkRef.strict()).max(200).optional() }).strict(), Customer),
  'customers:update': method(z.object({ id, patch: CustomerInput.partial().strict() }).strict(), Customer),
  'customers:remove': method(z.object({ id }).strict(), done),
  'customers:attach': method(z.object({ customerId: id, items: z.array(LinkRef.strict()).min(1).max(200) }).strict(), z.array(CustomerLink)),
  'customers:detach': method(z.object({ linkId: id }).strict(), done),
  'customers:owners': method(z.object({ items: z.array(ItemKey.strict()).max(1000) }).strict(), z.array(OwnerHit)),
  'customers:importPreview': method(csvText, ImportPreview),
  'customers:importApply': method(
    csvText,
    z.object({ created: z.number().int(), joined: z.number().int(), linked: z.number().int(), skipped: z.array(z.string()) }),
  ),
  'customers:exportCsv': method(none, csvFile),

  // Renewal radar and messages
  'reminders:radar': method(RadarQuery.strict(), RadarResult),
  'reminders:snooze': method(z.object({ items: Items, days: z.number().int().min(1).max(90) }).strict(), done),
  'reminders:markLost': method(z.object({ items: Items, lost: z.boolean() }).strict(), done),
  'reminders:getSettings': method(none, ReminderSettings),
  'reminders:setSettings': method(ReminderSettings.partial().strict(), ReminderSettings),
  'reminders:templates': method(z.object({ language }).strict(), z.object({ templates: z.array(Template), languages: z.array(z.string()) })),
  'reminders:saveTemplate': method(
    z.object({ kind: TemplateKind, language, subject: z.string().trim().max(200), body: z.string().max(4000) }).strict(),
    Template,
  ),
  'reminders:resetTemplate': method(z.object({ kind: TemplateKind, language }).strict(), Template),
  'reminders:compose': method(ComposeInput.strict(), Composed),
  'reminders:logSend': method(z.object({ customerId: id, linkId: id.nullable(), kind: TemplateKind, channel: SendChannel }).strict(), SendLog),

  // The reseller's prices, payments taken, profit
  'prices:get': method(none, PriceBook),
  'prices:set': method(PricePatch.strict(), PriceBook),
  'payments:record': method(PaymentInput.strict(), Payment),
  'payments:list': method(z.object({ customerId: id.optional(), limit: z.number().int().min(1).max(5000).optional() }).strict(), z.array(Payment)),
  'payments:remove': method(z.object({ id }).strict(), done),
  'payments:profit': method(ProfitQuery.strict(), ProfitReport),
  'payments:exportCsv': method(none, csvFile),

  // Backups of everything that exists only on this computer (never API keys)
  'backup:export': method(none, z.object({ filename: z.string(), json: z.string() })),
  'backup:list': method(none, z.object({ dir: z.string(), keep: z.number().int(), backups: z.array(BackupSummary) })),
  'backup:create': method(none, BackupSummary),
  'backup:preview': method(BackupSource.strict(), BackupSummary),
  'backup:restore': method(BackupSource.extend({ parts: BackupParts.strict() }).strict(), RestoreResult),
  'backup:setKeep': method(z.object({ keep: z.number().int().min(1).max(365) }).strict(), done),
} as const
