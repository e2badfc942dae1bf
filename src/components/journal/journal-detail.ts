/**
 * What the Journal shows of an entry's balance and its story. A settled entry
 * says HOW it was settled (what the check found, or the user's note), not the
 * "may or may not have been applied" text of the lost answer that preceded
 * it; an unknown one says what was found so far, then why it is unknown.
 */
import type { JournalEntry } from '../../../electron/shared/views'
import { t } from '../../i18n'
import { formatCredits } from '../../lib/format'
import { formatWhen } from '../../lib/dates'

/** A package id from an entry's params, as its name on the entry's panel (null: not known here). */
export type PackageName = (profileId: string, packageId: unknown) => string | null

export function journalDetail(e: JournalEntry, packageName?: PackageName): string {
  if (e.outcome === 'unknown' || e.outcome === 'pending') return [e.evidence, e.errorMessage].filter((x): x is string => !!x).join(' — ')
  // Settled by reading the panel or by the user: the evidence is the story; a plain refusal has only its error.
  return e.evidence ?? e.errorMessage ?? journalSummary(e, packageName)
}

/**
 * What a write that simply worked did, from what was sent and answered: the
 * package bought, the credits moved, the expiry the panel answered with — so
 * the Detail column is never empty beside a succeeded entry.
 */
export function journalSummary(e: JournalEntry, packageName?: PackageName): string {
  const p = e.params
  const parts: string[] = []
  if (p.package !== undefined && p.package !== null && p.package !== '') {
    const name = packageName?.(e.profileId, Number(p.package)) ?? null
    parts.push(t('journalSum.package', { name: name ?? `#${String(p.package)}` }))
  }
  if (isOn(p.trial)) parts.push(t('journalSum.trial'))
  if (e.action === 'adjust_credits' && Number.isFinite(Number(p.credits))) {
    const n = Number(p.credits)
    parts.push(t(n < 0 ? 'journalSum.creditsBack' : 'journalSum.creditsGiven', { n: formatCredits(Math.abs(n)) }))
  }
  const exp = expiryOf(e.response)
  if (exp !== undefined) parts.push(exp === null ? t('journalSum.unlimited') : t('journalSum.expires', { date: formatWhen('table', exp * 1000) }))
  if (e.bulkRunId) parts.push(t('journalSum.bulk'))
  return parts.join(' · ')
}

const isOn = (v: unknown) => v === true || v === 1 || v === '1'

/** The expiry the panel answered with (unix seconds, null = unlimited), or undefined when the answer has none. */
function expiryOf(r: Record<string, unknown> | null): number | null | undefined {
  if (!r) return undefined
  const v = 'expDate' in r ? r.expDate : 'exp_date' in r ? r.exp_date : undefined
  if (v === undefined) return undefined
  if (v === null || v === '' || v === 0 || v === '0') return null
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}

export function journalBalance(e: JournalEntry): { text: string; title: string | null } {
  const text = `${formatCredits(e.balanceBefore)} → ${formatCredits(e.balanceAfter)}`
  return e.balanceEstimated ? { text: t('journal.balanceEstimated', { text }), title: t('journal.balanceEstimatedWhy') } : { text, title: null }
}
