/**
 * Issue #11 §4/§5 in the Journal view: a settled entry's detail says how it
 * was settled (not the lost answer's "may or may not have been applied"), and
 * a balance that includes other in-flight spending is marked as estimated.
 */
import { describe, expect, test } from 'vitest'
import type { JournalEntry } from '../../../electron/shared/views'
import { journalBalance, journalDetail } from '../../../src/components/journal/journal-detail'

const base: JournalEntry = {
  id: 1, profileId: 'p', profileName: 'Panel', action: 'create_line', resource: 'lines', target: 'john', params: {},
  expectedCost: 5, balanceBefore: 100, balanceAfter: 95, outcome: 'succeeded', errorCode: null, errorMessage: null,
  evidence: null, response: null, bulkRunId: null, startedAt: 0, finishedAt: 1,
}
const LOST = 'The request to create a line was sent but no clear answer came back, so it may or may not have been applied.'
const FOUND = 'Found line john (id 7) on the panel, created after the send (it was not there before); balance 100 → 95 (price 5) → settled as succeeded.'

describe('journal detail', () => {
  test('settled by reading: the evidence of how, not the lost answer', () => {
    expect(journalDetail({ ...base, errorCode: 'OUTCOME_UNKNOWN', errorMessage: LOST, evidence: FOUND })).toBe(FOUND)
  })
  test('still unknown: what was found so far, then why', () => {
    const e = { ...base, outcome: 'unknown' as const, errorMessage: LOST, evidence: 'The panel could not be read to check (OFFLINE).' }
    expect(journalDetail(e)).toBe(`The panel could not be read to check (OFFLINE). — ${LOST}`)
  })
  test('refused by the panel: its error', () => {
    expect(journalDetail({ ...base, outcome: 'failed', errorMessage: 'That username is already taken.' })).toBe('That username is already taken.')
  })
})

describe('journal balance', () => {
  test('alone on its panel: the figures as read', () => {
    expect(journalBalance(base)).toEqual({ text: '100 → 95', title: null })
  })
  test('with other spending in flight: marked estimated, and says why', () => {
    const b = journalBalance({ ...base, balanceAfter: 90, balanceEstimated: true })
    expect(b.text).toBe('≈ 100 → 90')
    expect(b.title).toMatch(/other spending on this panel was in flight/)
  })
})
