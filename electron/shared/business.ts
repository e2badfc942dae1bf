/**
 * Schemas of the reseller's money side: their own prices, payments taken from
 * customers, the profit report, and the backup of everything that exists only
 * on this computer.
 */
import { z } from 'zod'
import { LinkResource } from './customers'

const money = z.number().finite().min(0).max(1_000_000)

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'A three-letter currency code, e.g. EUR')

export const PriceBook = z.object({
  currency: Currency,
  prices: z.array(z.object({ profileId: z.string(), packageId: z.number().int(), price: money })),
  /** What one credit costs the reseller on each panel. */
  creditCosts: z.array(z.object({ profileId: z.string(), creditCost: money })),
})
export type PriceBook = z.infer<typeof PriceBook>

export const PricePatch = z.object({
  currency: Currency.optional(),
  prices: z.array(z.object({ profileId: z.string().min(1).max(64), packageId: z.number().int(), price: money.nullable() })).max(2000).optional(),
  creditCosts: z.array(z.object({ profileId: z.string().min(1).max(64), creditCost: money.nullable() })).max(200).optional(),
})
export type PricePatch = z.infer<typeof PricePatch>

export const PAYMENT_METHODS = ['cash', 'bank', 'card', 'paypal', 'crypto', 'other'] as const
export const PaymentMethod = z.enum(PAYMENT_METHODS)

export const PaymentInput = z.object({
  customerId: z.number().int().nullable(),
  /** The subscription paid for, if any. */
  item: z.object({ profileId: z.string().min(1).max(64), resource: LinkResource, key: z.string().min(1).max(128) }).nullable(),
  packageId: z.number().int().nullable(),
  amount: money,
  method: PaymentMethod,
  note: z.string().trim().max(500),
  /** The journal entry of the renewal / creation it pays for. */
  journalId: z.number().int().nullable(),
  /** When it was received (ms); default now. */
  at: z.number().int().optional(),
})
export type PaymentInput = z.infer<typeof PaymentInput>

export const Payment = PaymentInput.extend({ id: z.number().int(), currency: Currency, at: z.number().int(), customerName: z.string().nullable() })
export type Payment = z.infer<typeof Payment>

export const ProfitQuery = z.object({ months: z.number().int().min(1).max(36).default(12) })
export type ProfitQuery = z.input<typeof ProfitQuery>

/**
 * estimated: spends with no payment, counted at the list price; noPrice: spends with neither;
 * unpriced: panels with no credit cost set; outside: credits the panels' credit logs show spent
 * outside this app; noCreditLog: panels whose credit log was never synced (only this app's spending counts).
 */
export const PROFIT_NOTES = ['estimated', 'noPrice', 'unpriced', 'outside', 'noCreditLog'] as const

export const ProfitMonth = z.object({
  month: z.string(), // YYYY-MM
  revenue: z.number(),
  /** Part of revenue taken from list prices: spends with no payment recorded. */
  estimatedRevenue: z.number(),
  credits: z.number(),
  creditCost: z.number(),
  /** Credits spent on panels with no credit cost set (not in creditCost). */
  unpricedCredits: z.number(),
  /** Part of credits the panels' credit logs show spent outside this app (in the panel's web page): no sale recorded. */
  outsideCredits: z.number(),
  profit: z.number(),
  payments: z.number().int(),
  renewals: z.number().int(),
})
export type ProfitMonth = z.infer<typeof ProfitMonth>

export const ProfitReport = z.object({
  currency: Currency,
  months: z.array(ProfitMonth),
  customers: z.array(z.object({ customerId: z.number().int(), name: z.string(), paid: z.number(), payments: z.number().int(), lastPaidAt: z.number().nullable() })),
  packages: z.array(
    z.object({
      profileId: z.string(),
      packageId: z.number().int().nullable(),
      name: z.string(),
      sold: z.number().int(),
      revenue: z.number(),
      credits: z.number(),
      cost: z.number(),
      margin: z.number().nullable(),
    }),
  ),
  /** What is estimated or left out, and how many (the page words them: profit.note.<kind>). */
  notes: z.array(z.object({ kind: z.enum(PROFIT_NOTES), n: z.number() })),
})
export type ProfitReport = z.infer<typeof ProfitReport>
export type ProfitNote = ProfitReport['notes'][number]

// ---------- Backup ----------

export const BackupCounts = z.object({
  panels: z.number().int(),
  customers: z.number().int(),
  links: z.number().int(),
  sends: z.number().int(),
  templates: z.number().int(),
  prices: z.number().int(),
  payments: z.number().int(),
  journal: z.number().int(),
})
export type BackupCounts = z.infer<typeof BackupCounts>

/** What a backup holds, shown before anything is restored. */
export const BackupSummary = z.object({
  /** File name in the data folder's backups/ (null for a file given by the user). */
  name: z.string().nullable(),
  createdAt: z.number().int(),
  appVersion: z.string(),
  panelNames: z.array(z.string()),
  counts: BackupCounts,
  /** Panels of the backup not configured here yet (restoring panels adds them). */
  newPanels: z.array(z.string()),
  bytes: z.number().int().nullable(),
})
export type BackupSummary = z.infer<typeof BackupSummary>

export const BackupParts = z.object({
  /** Replace the customer book with the backup's (the current one is saved first). Never merged. */
  book: z.boolean(),
  /** Add the backup's panels that are not here yet (keys are never in a backup: enter them again). */
  panels: z.boolean(),
  settings: z.boolean(),
})
export type BackupParts = z.infer<typeof BackupParts>

export const RestoreResult = z.object({
  panelsAdded: z.number().int(),
  bookRestored: z.boolean(),
  /** Where the replaced book was saved first (a backup name), when there was one. */
  savedAs: z.string().nullable(),
  settingsRestored: z.boolean(),
  counts: BackupCounts,
  notes: z.array(z.string()),
})
export type RestoreResult = z.infer<typeof RestoreResult>
