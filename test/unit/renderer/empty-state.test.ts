/**
 * Issue #15 (words): a list that a sync found empty says so ("This panel has
 * no sub-resellers"), instead of "No Sub-resellers cached… Sync now".
 */
import { describe, expect, it } from 'vitest'
import type { PanelFreshness } from '../../../electron/shared/views'
import { emptyState } from '../../../src/lib/empty-state'

const NOW = 1_800_000_000_000
const synced = (profileId: string, agoMs = 60_000): PanelFreshness => ({ profileId, syncedAt: NOW - agoMs, freshness: 'fresh', error: null })
const never = (profileId: string): PanelFreshness => ({ profileId, syncedAt: null, freshness: 'never', error: null })

describe('empty list', () => {
  it('after a sync that found nothing: the panel has none, and when it was asked', () => {
    expect(emptyState('subResellers', [synced('p1')], false, false, NOW)).toEqual({
      text: 'This panel has no sub-resellers.',
      note: 'Checked with the panel 1 minute ago.',
      offerSync: false,
    })
    expect(emptyState('mags', [synced('p1'), synced('p2', 3_600_000)], false, true, NOW).text).toBe('MAG devices: none on any of your panels.')
  })

  it('never synced: says nothing is cached yet and offers a sync', () => {
    expect(emptyState('subResellers', [never('p1')], false, false, NOW)).toMatchObject({ text: 'No Sub-resellers cached for this panel yet.', offerSync: true })
    expect(emptyState('lines', [synced('p1'), never('p2')], false, true, NOW).offerSync).toBe(true)
  })

  it('filtered: nothing matches, no sync offered', () => {
    expect(emptyState('lines', [synced('p1')], true, false, NOW)).toMatchObject({ offerSync: false, note: null })
  })
})
