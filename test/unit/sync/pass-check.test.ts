/** Issue #11 §7: which finished passes may replace the cached set. */
import { describe, expect, it } from 'vitest'
import { FEW_SKIPPED, refusePass } from '../../../electron/core/sync/pass-check'

const check = (unique: number, skipped: number, total: number | null, cached = 284) => refusePass({ unique, skipped, total }, cached, 'lines', 'lines')

describe('refusePass', () => {
  it('applies a complete pass, and one with a few unreadable rows', () => {
    expect(check(284, 0, 284)).toBeNull()
    expect(check(284 - FEW_SKIPPED, FEW_SKIPPED, 284)).toBeNull()
    expect(check(0, 0, 0)).toBeNull() // the panel counts zero: the list really is empty
    expect(check(10, 0, null)).toBeNull()
  })

  it('refuses more than a few unreadable rows and says how many', () => {
    const e = check(270, 14, 284)
    expect(e?.code).toBe('BAD_RESPONSE')
    expect(e?.message).toMatch(/^14 of the 284 lines the panel sent could not be read, so the list was not updated and the 284 cached lines were kept/)
    expect(e?.details).toMatchObject({ readable: 270, unreadable: 14, total: 284, cached: 284 })
    // nothing cached: nothing to protect, the readable rows go in (and the rest is reported as a warning)
    expect(check(270, 14, 284, 0)).toBeNull()
  })

  it('refuses readable rows far short of the count (284 counted, 40 came)', () => {
    const e = check(40, 0, 284)
    expect(e?.message).toMatch(/counts 284 lines but only 40 could be read \(244 missing\)/)
    // a line or two created during the pass is not a fault
    expect(check(282, 0, 284)).toBeNull()
  })

  it('refuses one unreadable row and nothing else while lines are cached, count or none', () => {
    expect(check(0, 1, null)?.message).toMatch(/^1 of the lines the panel sent could not be read/)
    expect(check(0, 1, 1)?.message).toMatch(/^1 of the 1 lines/)
    // nothing cached: there is nothing to protect
    expect(check(0, 1, null, 0)).toBeNull()
  })

  it('refuses an empty answer without a count while lines are cached', () => {
    expect(check(0, 0, null)?.message).toMatch(/no lines at all and no count, while 284 are cached/)
    expect(check(0, 0, null, 0)).toBeNull()
  })
})
