/**
 * What a write costs, before it is sent (Money rule: show the cost first).
 * Prices follow the panel's arithmetic (panel-api §7): package prices are intval'd,
 * the check is `cost <= intval(balance)`, and the first charge drops the
 * fractional part of the balance.
 */
import type { AccountInfo, Package } from '../../shared/domain'
import type { QuoteResult } from '../../shared/writes'
import { AppError } from '../errors'
import type { SubscriptionResource, WritableResource } from '../../shared/resources'

/** The price of one create or extension with this package. */
export function packagePrice(pkg: Package, trial: boolean): number {
  const price = trial ? pkg.trialCredits : pkg.officialCredits
  // Stryker disable next-line EqualityOperator: equivalent, a price of 0 truncates to 0 either way.
  return Number.isFinite(price) && price > 0 ? Math.trunc(price) : 0
}

const UNIT_WORD = { hours: 'hour', days: 'day', months: 'month', years: 'year' } as const

/** "1 month", "24 hours"; null when the package has no duration (an official 0 expires at once, panel-api §7). */
export function durationLabel(pkg: Package, trial: boolean): string | null {
  const n = trial ? pkg.trialDuration : pkg.officialDuration
  const unit = trial ? pkg.trialDurationIn : pkg.officialDurationIn
  if (!Number.isFinite(n) || n <= 0) return null
  const word = UNIT_WORD[unit]
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** Is this package sold for this kind of item? (null = the panel does not say; allow.) */
export function packageFits(pkg: Package, resource: SubscriptionResource): boolean {
  if (resource === 'lines') return pkg.isLine !== false
  if (resource === 'mags') return pkg.isMag !== false
  if (resource === 'enigmas') return pkg.isEnigma !== false
  return true
}

/** The cached package, or a clear error telling the user to refresh. */
export function requirePackage(pkgs: readonly Package[], packageId: number, resource: SubscriptionResource): Package {
  const pkg = pkgs.find((p) => p.id === packageId)
  if (!pkg) {
    throw new AppError(
      'VALIDATION',
      `Package ${packageId} is not among this panel's known packages. Refresh the packages and choose one again.`,
      { details: { packageId } },
    )
  }
  if (!packageFits(pkg, resource)) {
    // Stryker disable next-line StringLiteral: 'activation codes' is never shown (packageFits sells every package for them); the other words are pinned in cost.test.ts.
    const what = { lines: 'lines', mags: 'MAG devices', enigmas: 'Enigma2 devices', activecodes: 'activation codes' }[resource]
    throw new AppError('VALIDATION', `The package "${pkg.name}" is not sold for ${what}. Choose a package made for them.`, {
      details: { packageId },
    })
  }
  return pkg
}

/** Can the panel charge `cost` against `balance`? Unknown balance → let the panel judge. */
export function isEnough(balance: number | null, cost: number): boolean {
  if (balance === null || cost <= 0) return true
  return cost <= Math.trunc(balance)
}

/** The balance the panel will show after charging `cost` (panel-api §7: intval on the first charge). */
export function balanceAfterCharge(balance: number | null, cost: number): number | null {
  if (balance === null) return null
  if (cost === 0) return balance
  return Math.trunc(balance) - cost
}

export interface QuoteInput {
  resource: WritableResource
  kind: 'create' | 'extend'
  packageId?: number | undefined
  trial?: boolean | undefined
  count?: number | undefined
}

/** spend:quote from cached packages and account. */
export function quote(q: QuoteInput, pkgs: readonly Package[], account: AccountInfo | null): QuoteResult {
  const count = q.count ?? 1
  const balance = account ? account.credits : null
  let unit: number
  let duration: string | null = null
  if (q.resource === 'subResellers') {
    if (q.kind !== 'create') throw new AppError('VALIDATION', 'Sub-resellers are not extended; only creating one can cost credits.')
    unit = Math.trunc(account?.permissions.createSubResellerPrice ?? 0)
  } else {
    if (q.packageId === undefined) throw new AppError('VALIDATION', 'Choose a package to see what it costs.')
    const trial = q.kind === 'create' ? (q.trial ?? false) : false
    const pkg = requirePackage(pkgs, q.packageId, q.resource)
    unit = packagePrice(pkg, trial)
    duration = durationLabel(pkg, trial)
  }
  const cost = unit * count
  return { cost, balance, balanceAfter: balanceAfterCharge(balance, cost), enough: isEnough(balance, cost), duration }
}
