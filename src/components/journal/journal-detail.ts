/**
 * What the Journal shows of an entry's balance and its story. A settled entry
 * says HOW it was settled (what the check found, or the user's note), not the
 * "may or may not have been applied" text of the lost answer that preceded
 * it; an unknown one says what was found so far, then why it is unknown.
 */
import type { JournalEntry } from '../../../electron/shared/views'
import { t } from '../../i18n'
import { formatCredits } from '../../lib/format'

export function journalDetail(e: JournalEntry): string {
  if (e.outcome === 'unknown' || e.outcome === 'pending') return [e.evidence, e.errorMessage].filter((x): x is string => !!x).join(' — ')
  // Settled by reading the panel or by the user: the evidence is the story; a plain refusal has only its error.
  return e.evidence ?? e.errorMessage ?? ''
}

export function journalBalance(e: JournalEntry): { text: string; title: string | null } {
  const text = `${formatCredits(e.balanceBefore)} → ${formatCredits(e.balanceAfter)}`
  return e.balanceEstimated ? { text: t('journal.balanceEstimated', { text }), title: t('journal.balanceEstimatedWhy') } : { text, title: null }
}
