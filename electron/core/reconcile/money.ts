/**
 * Evidence for the writes that cost credits, after their answer was lost.
 * Finding "something" on the panel is not proof: a create whose key already
 * existed was refused by the panel and charged nothing, yet its key is found;
 * an expiry can move for other reasons; a balance moves with every other
 * spend. So each verdict names what it needs and stays 'unknown' short of it:
 *   create → the key was free before the send (checked by the write path) or
 *            the panel dates the row after the send, AND it is on the panel
 *            now AND, where the balance is readable, the balance dropped by
 *            the price;
 *   extend → the expiry moved by the package's duration (from the old expiry,
 *            or from the time of sending, docs/panel-api.md §7) AND the balance
 *            dropped by the price;
 *   adjust → the sub-reseller's balance moved by exactly the amount AND ours
 *            moved the other way by at least it (§7: a transfer).
 * Every evidence text says what was found; settling adds what it concluded (index.ts).
 */
import type { JournalEntry } from '../../shared/views'
import type { Package } from '../../shared/domain'
import type { XtreamClient } from '../api/client'
import { addDuration } from '../writes/expiry'
import { findOnPanel, isAbsent, readAccount, readRow } from '../writes/panel'
import type { WritableResource } from '../../shared/resources'
import type { SpendingEnv, Verdict } from '../writes/types'

type Ctx = Record<string, unknown>

// Number.isFinite does not coerce: a string, null or NaN is no number.
const num = (v: unknown): number | null => (Number.isFinite(v) ? (v as number) : null)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const rec = (v: unknown) => v as unknown as Record<string, unknown>
export const when = (sec: number | null) => (sec === null ? 'never (unlimited)' : new Date(sec * 1000).toISOString().replace('.000Z', 'Z'))

const NOUN: Record<WritableResource, string> = {
  lines: 'line',
  mags: 'MAG device',
  enigmas: 'Enigma2 device',
  activecodes: 'activation code',
  subResellers: 'sub-reseller',
}

const unknown = (evidence: string, item?: Record<string, unknown>): Verdict => ({ outcome: 'unknown', evidence, ...(item ? { item } : {}) })

/** Did our balance drop by the price since before the send? null = the balance could not be read (no evidence either way). */
async function balanceDrop(client: XtreamClient, before: number | null, cost: number): Promise<{ dropped: boolean | null; now: number | null; text: string }> {
  let now: number
  try {
    now = (await readAccount(client)).credits
  } catch {
    return { dropped: null, now: null, text: 'the balance could not be read' }
  }
  if (before === null) return { dropped: null, now, text: `the balance before was not known (now ${now})` }
  // The panel charges intval(balance) - price (§7); other spending in between only lowers it further.
  const dropped = now <= Math.trunc(before) - cost
  return { dropped, now, text: `balance ${before} → ${now} (price ${cost})` }
}

export async function created(env: SpendingEnv, client: XtreamClient, entry: JournalEntry, resource: WritableResource, ctx: Ctx): Promise<Verdict> {
  const key = str(ctx.key)
  // An empty key is no key either.
  if (!key) return unknown('This entry carries nothing the app can check on the panel.')
  const noun = NOUN[resource]
  const row = await findOnPanel(client, resource, key)
  if (!row) {
    // A group without allow_change_username ignores our username and makes one up (§9.2): not
    // finding ours then proves nothing. Judged by what was known when it was sent; unknown = may.
    const named = resource === 'lines' || resource === 'subResellers'
    const mayRename = named && (ctx.panelNames === true || (ctx.panelNames === undefined && env.ctx.cache.getAccount(entry.profileId)?.info.permissions.allowChangeUsername !== true))
    if (mayRename) {
      return unknown(`No ${noun} ${key} is on the panel, but this account may not choose usernames, so the panel may have created it under a name of its own. Look on the panel for a new ${noun}, then decide.`)
    }
    return { outcome: 'failed', evidence: `No ${noun} ${key} is on the panel.` }
  }
  const item = rec(row)
  const found = `Found ${noun} ${key} (id ${String(item.id)}) on the panel`
  const created = ctx.keyFree === true ? null : await createdAtOf(client, resource, item)
  const fresh = ctx.keyFree === true ? 'created after the send (it was not there before)' : createdAfterSend(created, entry) ? `created after the send (the panel dates it ${when(created)})` : null
  if (!fresh) {
    const dated = created === null ? 'the panel does not say when it was created' : `the panel dates it ${when(created)}, before the send`
    return unknown(`${found}, but it was not confirmed free before the send and ${dated}, so it may be an older ${noun}: the panel refuses a duplicate and charges nothing for it. Check it on the panel, then decide.`, item)
  }
  const cost = entry.expectedCost
  if (cost <= 0) return { outcome: 'succeeded', evidence: `${found}, ${fresh}.`, item }
  const b = await balanceDrop(client, entry.balanceBefore, cost)
  if (b.dropped === false) {
    return unknown(`${found}, ${fresh}, but the balance did not drop by the price (${b.text}); something else may have changed it. Check, then decide.`, item)
  }
  const money = b.dropped ? `; ${b.text}` : ` (${b.text}, so only the ${noun} is the evidence)`
  return { outcome: 'succeeded', evidence: `${found}, ${fresh}${money}.`, item, balanceAfter: b.now }
}

/** How far the panel's clock may be behind ours when it dates a new row (NTP-kept servers: seconds). */
const CREATED_SKEW = 120

/** When the panel says the row was created: list rows may not carry it, the row by id does. */
async function createdAtOf(client: XtreamClient, resource: WritableResource, item: Record<string, unknown>): Promise<number | null> {
  const listed = num(item.createdAt ?? item.dateRegistered)
  const id = num(item.id)
  if (listed !== null || id === null) return listed
  try {
    const row = rec(await readRow(client, resource, id))
    return num(row.createdAt ?? row.dateRegistered)
  } catch {
    return null
  }
}

/** Does the panel date the row after we sent the create? Unknown date → no. */
function createdAfterSend(createdAt: number | null, entry: JournalEntry): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent, null >= a date after 1970 is false as well; the check is for the type.
  return createdAt !== null && createdAt >= Math.floor(entry.startedAt / 1000) - CREATED_SKEW
}

/** The package's duration as recorded with the extension (or, for older entries, as the cache knows it). */
function durationOf(env: SpendingEnv, entry: JournalEntry, ctx: Ctx): { amount: number; unit: Package['officialDurationIn'] } | null {
  const d = ctx.duration as { amount?: unknown; unit?: unknown } | undefined
  const units = ['hours', 'days', 'months', 'years'] as const
  if (d && num(d.amount) !== null && units.includes(d.unit as never)) return { amount: num(d.amount)!, unit: d.unit as Package['officialDurationIn'] }
  const pkg = env.ctx.cache.getPackages(entry.profileId).find((p) => p.id === num(ctx.packageId))
  return pkg && Number.isFinite(pkg.officialDuration) ? { amount: Math.max(0, pkg.officialDuration), unit: pkg.officialDurationIn } : null
}

/** How far off the panel's calendar may be from ours: its timezone and DST shift months and days (§7). */
const SLACK = { hours: 120, days: 2 * 3600, months: 3 * 86400, years: 3 * 86400 } as const
/** The panel's clock against ours, for "counted from the time of sending". */
const CLOCK_SKEW = 15 * 60

/** Is `after` the old expiry plus the duration, or the time of sending plus it? */
function movedByDuration(before: number | null, after: number, d: { amount: number; unit: Package['officialDurationIn'] }, sentSec: number, nowSec: number): boolean {
  const slack = SLACK[d.unit]
  // Stryker disable next-line ConditionalExpression: equivalent, a null expiry counts as 1970 and no date after the send is within slack of it.
  if (before !== null && Math.abs(after - addDuration(before, d.amount, d.unit)) <= slack) return true
  const lo = addDuration(sentSec - CLOCK_SKEW, d.amount, d.unit) - slack
  const hi = addDuration(nowSec + CLOCK_SKEW, d.amount, d.unit) + slack
  return after >= lo && after <= hi
}

export async function extended(env: SpendingEnv, client: XtreamClient, entry: JournalEntry, resource: WritableResource, id: number, ctx: Ctx): Promise<Verdict> {
  let row: Record<string, unknown>
  try {
    row = rec(await readRow(client, resource, id))
  } catch (e) {
    if (isAbsent(e)) return unknown(`The item #${id} is no longer on the panel, so its expiry cannot be compared.`)
    throw e
  }
  const before = num(ctx.expDateBefore)
  const after = num(row.expDate)
  if (before === after) return { outcome: 'failed', evidence: `Expiry unchanged (${when(after)}).`, item: row }
  const moved = `Expiry moved from ${when(before)} to ${when(after)}`
  const d = durationOf(env, entry, ctx)
  if (!d) return unknown(`${moved}, but the package's duration is not known, so the move cannot be matched to it.`, row)
  const label = `${d.amount} ${d.unit}`
  // Stryker disable next-line ConditionalExpression: equivalent, a null expiry counts as 1970 and is outside every window after the send; the check is for the type.
  if (after === null || !movedByDuration(before, after, d, Math.floor(entry.startedAt / 1000), Math.floor(env.ctx.now() / 1000))) {
    return unknown(`${moved}, which is not the package's ${label} from the old expiry or from the time of sending; something else may have changed it. Check, then decide.`, row)
  }
  const cost = entry.expectedCost
  if (cost <= 0) return { outcome: 'succeeded', evidence: `${moved} (the package's ${label}).`, item: row }
  const b = await balanceDrop(client, entry.balanceBefore, cost)
  if (b.dropped !== true) return unknown(`${moved} (the package's ${label}), but the balance does not show the charge (${b.text}). Check, then decide.`, row)
  return { outcome: 'succeeded', evidence: `${moved} (the package's ${label}); ${b.text}.`, item: row, balanceAfter: b.now }
}

export async function adjusted(client: XtreamClient, entry: JournalEntry, id: number, ctx: Ctx): Promise<Verdict> {
  const credits = num(ctx.credits)
  const childBefore = num(ctx.childCreditsBefore)
  if (credits === null || childBefore === null) return unknown('This entry carries nothing the app can check on the panel.')
  const child = rec(await readRow(client, 'subResellers', id))
  const childNow = num(child.credits)
  const parentNow = (await readAccount(client)).credits
  const parentBefore = num(ctx.parentBefore) ?? entry.balanceBefore
  const both = `sub-reseller ${childBefore} → ${childNow ?? '?'}, yours ${parentBefore ?? '?'} → ${parentNow}`
  if (childNow === null) return unknown(`The panel did not say the sub-reseller's balance (${both}).`, child)
  // adjust_credits is a transfer of intval'd amounts (§7): the child moves by exactly it, we the other way.
  const childMoved = Math.trunc(childNow) === Math.trunc(childBefore) + credits
  if (!childMoved && childNow === childBefore) return { outcome: 'failed', evidence: `Balances show no transfer (${both}).`, item: child }
  if (parentBefore === null) return unknown(`Your balance before the transfer was not known, so only one side can be checked (${both}).`, child)
  // Our own spending in between only lowers our balance: a transfer TO the child shows as a drop of at
  // least the amount; one pulled BACK must show as a rise of at least it.
  const expected = Math.trunc(parentBefore) - credits
  const parentMoved = credits >= 0 ? parentNow <= expected : parentNow >= expected
  if (childMoved && parentMoved) return { outcome: 'succeeded', evidence: `Both balances moved by ${credits}: ${both}.`, item: child, balanceAfter: parentNow }
  return unknown(`The balances do not both show a transfer of ${credits}: ${both}. Check, then decide.`, child)
}
