/**
 * The profit report: per month revenue, credits spent and what they cost,
 * profit; lifetime value per customer; margin per package.
 *
 * Sources and what is estimated:
 * - credits spent: the audit journal's succeeded spending writes (expected
 *   cost; the panel's balance change when both balances were read), plus the
 *   charges in each panel's cached credit log that no journal entry explains
 *   (spent in the panel's own web page: "outside this app", no sale known);
 * - what a credit cost: the reseller's own figure per panel (prices.ts); a
 *   panel without one counts its credits as "unpriced", not as free;
 * - revenue: recorded payments. A renewal or creation with no payment recorded
 *   for that subscription within PAYMENT_MATCH_MS is counted at the package's
 *   list price and shown as ESTIMATED (never mixed in silently).
 */
import type { Payment, ProfitNote, ProfitQuery, ProfitReport } from '../../shared/business'
import type { CreditLog } from '../../shared/domain'
import { ProfitQuery as ProfitQuerySchema } from '../../shared/business'
import type { JournalEntry } from '../../shared/views'
import type { CacheDb } from '../ports'
import type { CustomerBook } from './book'
import type { Links } from './links'
import type { Payments } from './payments'
import type { Prices } from './prices'

/** A payment this close to a spend on the same subscription pays for it. */
export const PAYMENT_MATCH_MS = 3 * 86_400_000
/** A credit-log charge this close to a journal entry of the same cost on the same panel is that entry. */
export const CREDIT_LOG_MATCH_MS = 15 * 60_000
const SPEND_ACTION = /^(create_|edit_)/
/** Credit-log actions that charge for a package (adjust_credits is a transfer to a sub-reseller, docs/panel-api.md §7). */
const CHARGE_ACTIONS: ReadonlySet<string> = new Set(['new', 'extend', 'edit'])

export type JournalReader = (from: number, to: number) => Promise<JournalEntry[]>

export class Profit {
  constructor(
    private readonly book: CustomerBook,
    private readonly cache: CacheDb,
    private readonly links: Links,
    private readonly prices: Prices,
    private readonly payments: Payments,
    private readonly journal: JournalReader,
    /** The panels configured now (their credit logs are read from the cache). */
    private readonly panels: () => string[] = () => [],
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

    const months = new Map(
      monthKeys.map((m) => [m, { month: m, revenue: 0, estimatedRevenue: 0, credits: 0, creditCost: 0, unpricedCredits: 0, outsideCredits: 0, profit: 0, payments: 0, renewals: 0 }]),
    )
    const customers = new Map<number, { customerId: number; name: string; paid: number; payments: number; lastPaidAt: number | null }>()
    const packages = new Map<string, { profileId: string; packageId: number | null; name: string; sold: number; revenue: number; credits: number; cost: number; margin: number | null }>()
    const used = new Set<number>()
    let estimatedCount = 0
    let noPriceCount = 0
    // Taken on first need, once (links.ts ownerLookup).
    let ownerOf: ReturnType<Links['ownerLookup']> | null = null

    for (const p of paid) {
      const m = months.get(monthKey(p.at))
      if (!m) continue
      m.revenue += p.amount
      m.payments++
    }
    // Lifetime value: every payment ever recorded, not only the months shown.
    for (const p of this.payments.list({})) if (p.customerId !== null) addCustomer(customers, p.customerId, p.customerName ?? '', p.amount, p.at)
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
          ownerOf ??= this.links.ownerLookup()
          const owner = ownerOf(e.profileId, e.resource, e.target)
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
    const outside = this.outsideSpends(from, nowMs + 1, spends)
    for (const o of outside.charges) {
      const m = months.get(monthKey(o.at))
      if (!m) continue
      const cost = creditCost.get(o.profileId)
      m.credits += o.credits
      m.outsideCredits += o.credits
      if (cost === undefined) m.unpricedCredits += o.credits
      else m.creditCost += o.credits * cost
    }
    for (const m of months.values()) m.profit = round(m.revenue - m.creditCost)
    for (const p of packages.values()) p.margin = p.revenue > 0 ? round((p.revenue - p.cost) / p.revenue) : null

    const notes: ProfitNote[] = []
    const outsideCredits = [...months.values()].reduce((n, m) => n + m.outsideCredits, 0)
    const unpriced = [...months.values()].reduce((n, m) => n + m.unpricedCredits, 0)
    if (estimatedCount > 0) notes.push({ kind: 'estimated', n: estimatedCount })
    if (noPriceCount > 0) notes.push({ kind: 'noPrice', n: noPriceCount })
    if (unpriced > 0) notes.push({ kind: 'unpriced', n: unpriced })
    if (outsideCredits > 0) notes.push({ kind: 'outside', n: outsideCredits })
    if (outside.unsynced > 0) notes.push({ kind: 'noCreditLog', n: outside.unsynced })

    return {
      currency: this.prices.currency(),
      months: [...months.values()].map((m) => ({ ...m, revenue: round(m.revenue), estimatedRevenue: round(m.estimatedRevenue), creditCost: round(m.creditCost) })),
      customers: [...customers.values()].sort((a, b) => b.paid - a.paid).map((c) => ({ ...c, paid: round(c.paid) })),
      packages: [...packages.values()].sort((a, b) => b.revenue - a.revenue).map((p) => ({ ...p, revenue: round(p.revenue), cost: round(p.cost) })),
      notes,
    }
  }

  /**
   * The reseller's own charges in each panel's cached credit log (rows of their account name,
   * package actions) in [from, to) that no journal entry explains: same panel, same credits,
   * within CREDIT_LOG_MATCH_MS. Those were spent in the panel's own web page. `unsynced`: panels
   * whose credit log (or account) was never synced, so only this app's spending is known there.
   */
  private outsideSpends(from: number, to: number, spends: JournalEntry[]): { charges: { profileId: string; at: number; credits: number }[]; unsynced: number } {
    const charges: { profileId: string; at: number; credits: number }[] = []
    let unsynced = 0
    for (const profileId of this.panels()) {
      const me = this.cache.getAccount(profileId)?.info.username.toLowerCase()
      if (me === undefined || this.cache.getSyncMeta(profileId, 'creditLogs').syncedAt === null) {
        unsynced++
        continue
      }
      const journal = spends.filter((e) => e.profileId === profileId)
      const used = new Set<number>()
      for (const log of this.creditLog(profileId, from)) {
        const at = (log.date ?? 0) * 1000
        if (at >= to || log.cost <= 0 || !CHARGE_ACTIONS.has(log.action) || log.ownerName.toLowerCase() !== me) continue
        const mine = journal.find((e) => !used.has(e.id) && spentCredits(e) === log.cost && Math.abs(e.startedAt - at) <= CREDIT_LOG_MATCH_MS)
        if (mine) used.add(mine.id)
        else charges.push({ profileId, at, credits: log.cost })
      }
    }
    return { charges, unsynced }
  }

  /** A panel's cached credit log from `from` (ms) on, newest first, a page at a time. */
  private *creditLog(profileId: string, from: number): Generator<CreditLog> {
    const nowSec = Math.floor(this.book.now() / 1000)
    for (let offset = 0; ; offset += 1000) {
      const { rows } = this.cache.query({ profileIds: [profileId], resource: 'creditLogs', sort: { column: 'date', dir: 'desc' }, offset, limit: 1000 }, nowSec)
      for (const r of rows as unknown as CreditLog[]) {
        // Newest first, undated rows last: the first one before `from` ends the walk.
        if (r.date === null || r.date * 1000 < from) return
        yield r
      }
      if (rows.length < 1000) return
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
