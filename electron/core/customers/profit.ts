/**
 * The profit report: per month revenue, credits spent and what they cost,
 * profit; lifetime value per customer; margin per package.
 *
 * Sources and what is estimated:
 * - credits spent: the audit journal's succeeded spending writes (expected
 *   cost; the panel's balance change when both balances were read);
 * - what a credit cost: the reseller's own figure per panel (prices.ts); a
 *   panel without one counts its credits as "unpriced", not as free;
 * - revenue: recorded payments. A renewal or creation with no payment recorded
 *   for that subscription within PAYMENT_MATCH_MS is counted at the package's
 *   list price and shown as ESTIMATED (never mixed in silently).
 */
import type { Payment, ProfitQuery, ProfitReport } from '../../shared/business'
import { ProfitQuery as ProfitQuerySchema } from '../../shared/business'
import type { JournalEntry } from '../../shared/views'
import type { CacheDb } from '../ports'
import type { CustomerBook } from './book'
import type { Links } from './links'
import type { Payments } from './payments'
import type { Prices } from './prices'

/** A payment this close to a spend on the same subscription pays for it. */
export const PAYMENT_MATCH_MS = 3 * 86_400_000
const SPEND_ACTION = /^(create_|edit_)/

export type JournalReader = (from: number, to: number) => Promise<JournalEntry[]>

export class Profit {
  constructor(
    private readonly book: CustomerBook,
    private readonly cache: CacheDb,
    private readonly links: Links,
    private readonly prices: Prices,
    private readonly payments: Payments,
    private readonly journal: JournalReader,
  ) {}

  async report(raw: ProfitQuery): Promise<ProfitReport> {
    const q = ProfitQuerySchema.parse(raw)
    const nowMs = this.book.now()
    const monthKeys = lastMonths(nowMs, q.months)
    const from = monthStart(monthKeys[0]!)
    const spends = (await this.journal(from, nowMs + 1)).filter((e) => e.outcome === 'succeeded' && e.expectedCost > 0 && SPEND_ACTION.test(e.action))
    const paid = this.payments.list({ from: from - PAYMENT_MATCH_MS, to: nowMs + PAYMENT_MATCH_MS })
    const priceOf = this.prices.priceIndex()
    const creditCost = new Map(this.prices.get().creditCosts.map((c) => [c.profileId, c.creditCost]))

    const months = new Map(monthKeys.map((m) => [m, { month: m, revenue: 0, estimatedRevenue: 0, credits: 0, creditCost: 0, unpricedCredits: 0, profit: 0, payments: 0, renewals: 0 }]))
    const customers = new Map<number, { customerId: number; name: string; paid: number; payments: number; lastPaidAt: number | null }>()
    const packages = new Map<string, { profileId: string; packageId: number | null; name: string; sold: number; revenue: number; credits: number; cost: number; margin: number | null }>()
    const used = new Set<number>()
    let estimatedCount = 0
    let noPriceCount = 0

    for (const p of paid) {
      const m = months.get(monthKey(p.at))
      if (!m) continue
      m.revenue += p.amount
      m.payments++
      if (p.customerId !== null) addCustomer(customers, p.customerId, p.customerName ?? '', p.amount, p.at)
    }
    for (const e of spends) {
      const m = months.get(monthKey(e.startedAt))
      if (!m) continue
      const credits = spentCredits(e)
      const pkgId = packageIdOf(e.params)
      const cost = creditCost.get(e.profileId)
      m.credits += credits
      m.renewals++
      if (cost === undefined) m.unpricedCredits += credits
      else m.creditCost += credits * cost
      const match = findPayment(paid, used, e)
      let revenue = match?.amount ?? 0
      if (!match) {
        const list = pkgId === null ? undefined : priceOf(e.profileId, pkgId)
        if (list === undefined) noPriceCount++
        else {
          revenue = list
          m.revenue += list
          m.estimatedRevenue += list
          estimatedCount++
          const owner = this.links.ownerOf(e.profileId, e.resource, e.target)
          if (owner) addCustomer(customers, owner.customerId, owner.name, list, null)
        }
      }
      const pk = `${e.profileId}\u0000${pkgId ?? ''}`
      let row = packages.get(pk)
      if (!row) {
        const name = pkgId === null ? '—' : (this.cache.getPackages(e.profileId).find((x) => x.id === pkgId)?.name ?? `#${pkgId}`)
        packages.set(pk, (row = { profileId: e.profileId, packageId: pkgId, name, sold: 0, revenue: 0, credits: 0, cost: 0, margin: null }))
      }
      row.sold++
      row.revenue += revenue
      row.credits += credits
      row.cost += cost === undefined ? 0 : credits * cost
    }
    for (const m of months.values()) m.profit = round(m.revenue - m.creditCost)
    for (const p of packages.values()) p.margin = p.revenue > 0 ? round((p.revenue - p.cost) / p.revenue) : null

    const notes: string[] = []
    if (estimatedCount > 0) notes.push(`${estimatedCount} renewals or creations have no payment recorded: their revenue is estimated from your list price (marked as estimated).`)
    if (noPriceCount > 0) notes.push(`${noPriceCount} renewals or creations have neither a payment nor a list price: they add no revenue. Set your prices to include them.`)
    if ([...months.values()].some((m) => m.unpricedCredits > 0)) notes.push('Some panels have no credit cost set: their credits are listed as unpriced and not subtracted from profit.')
    notes.push('Credits are counted from this app\'s journal of spending calls; spending done in the panel\'s own web page is not included.')

    return {
      currency: this.prices.currency(),
      months: [...months.values()].map((m) => ({ ...m, revenue: round(m.revenue), estimatedRevenue: round(m.estimatedRevenue), creditCost: round(m.creditCost) })),
      customers: [...customers.values()].sort((a, b) => b.paid - a.paid).map((c) => ({ ...c, paid: round(c.paid) })),
      packages: [...packages.values()].sort((a, b) => b.revenue - a.revenue).map((p) => ({ ...p, revenue: round(p.revenue), cost: round(p.cost) })),
      notes,
    }
  }
}

function addCustomer(map: Map<number, { customerId: number; name: string; paid: number; payments: number; lastPaidAt: number | null }>, id: number, name: string, amount: number, at: number | null) {
  let c = map.get(id)
  if (!c) map.set(id, (c = { customerId: id, name, paid: 0, payments: 0, lastPaidAt: null }))
  c.paid += amount
  if (at !== null) {
    c.payments++
    c.lastPaidAt = Math.max(c.lastPaidAt ?? 0, at)
  }
}

/** The payment for a spend: one naming its journal entry, else one for the same subscription close in time. */
function findPayment(paid: Payment[], used: Set<number>, e: JournalEntry): Payment | null {
  const byId = paid.find((p) => p.journalId === e.id && !used.has(p.id))
  const near =
    byId ??
    paid.find(
      (p) =>
        !used.has(p.id) &&
        p.journalId === null &&
        p.item?.profileId === e.profileId &&
        p.item.key.toLowerCase() === e.target.toLowerCase() &&
        Math.abs(p.at - e.startedAt) <= PAYMENT_MATCH_MS,
    )
  if (!near) return null
  used.add(near.id)
  return near
}

/** The balance change when both ends were read (what the panel really took), else the quoted cost. */
function spentCredits(e: JournalEntry): number {
  if (e.balanceBefore !== null && e.balanceAfter !== null && e.balanceBefore >= e.balanceAfter) return e.balanceBefore - e.balanceAfter
  return e.expectedCost
}

function packageIdOf(params: Record<string, unknown>): number | null {
  for (const k of ['package', 'package_id', 'packageId']) {
    const n = Number(params[k])
    if (params[k] !== undefined && Number.isInteger(n)) return n
  }
  return null
}

const round = (n: number) => Math.round(n * 100) / 100

export function monthKey(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}

function monthStart(key: string): number {
  const [y, m] = key.split('-').map(Number) as [number, number]
  return new Date(y, m - 1, 1).getTime()
}

function lastMonths(nowMs: number, n: number): string[] {
  const d = new Date(nowMs)
  const out: string[] = []
  for (let i = n - 1; i >= 0; i--) out.push(monthKey(new Date(d.getFullYear(), d.getMonth() - i, 1).getTime()))
  return out
}
