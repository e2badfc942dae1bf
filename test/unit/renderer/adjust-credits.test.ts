// @vitest-environment happy-dom
/**
 * Issue #11 §5: moving credits to or from a sub-reseller is worded as the
 * transfer it is ("Give 5 credits to X" / "Take back 5 credits from X"), never
 * as "spend -5" or a package cost, and a fraction is refused with the panel's
 * rule instead of being rounded.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountOnPinia, settle, typeInto } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import AdjustCreditsForm from '../../../src/components/forms/AdjustCreditsForm.vue'

const row = { id: 12, profileId: 'p1', username: 'sub1', credits: 3 }
let wrapper: VueWrapper | null = null
beforeEach(async () => {
  fake.current = createFakeXm({ credits: 100 })
  fake.current.handlers['subResellers:adjustCredits'] = (a) => ({
    journalId: 1,
    cost: a.credits,
    balanceBefore: 100,
    balanceAfter: 100 - a.credits,
    item: { ...row, credits: row.credits + a.credits },
    extra: { credits: a.credits, subResellerBefore: 3, subResellerAfter: 3 + a.credits },
  })
  wrapper = mountOnPinia(AdjustCreditsForm, { row })
  await settle()
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

const text = () => document.body.textContent ?? ''
const amount = (value: string) => typeInto('field-amount', value, { blur: true })
const click = async (id: string) => {
  ;(byTestId(id)!.querySelector('input') ?? byTestId(id)!).click()
  await settle()
}

describe('AdjustCreditsForm', () => {
  it('asks for an amount in words, without a package or a cost', () => {
    expect((byTestId('field-amount') as HTMLInputElement).placeholder).toBe('Whole credits, e.g. 10')
    expect(text()).not.toMatch(/Please Input|Choose a package|Cost/)
  })

  it('giving: "Give 5 credits to sub1", your balance 100 → 95, theirs 3 → 8', async () => {
    await amount('5')
    expect(byTestId('transfer-headline')!.textContent).toBe('Give 5 credits to sub1')
    expect(byTestId('transfer-mine')!.textContent).toBe('100 → 95')
    expect(byTestId('transfer-theirs')!.textContent).toBe('3 → 8')
    await click('form-next')
    expect(byTestId('form-confirm')!.textContent!.trim()).toBe('Give 5 credits to sub1')
    expect(text()).not.toMatch(/spend|Cost/)
    await click('form-confirm')
    expect(fake.current!.callsOf('subResellers:adjustCredits')).toEqual([{ profileId: 'p1', id: 12, credits: 5 }])
  })

  it('taking back: "Take back 2 credits from sub1", sent as -2 but never shown as a negative cost', async () => {
    await click('adjust-take')
    await amount('2')
    expect(byTestId('transfer-headline')!.textContent).toBe('Take back 2 credits from sub1')
    expect(byTestId('transfer-mine')!.textContent).toBe('100 → 102')
    expect(byTestId('transfer-theirs')!.textContent).toBe('3 → 1')
    await click('form-next')
    expect(byTestId('form-confirm')!.textContent!.trim()).toBe('Take back 2 credits from sub1')
    expect(text()).not.toMatch(/-2|spend/)
    await click('form-confirm')
    expect(fake.current!.callsOf('subResellers:adjustCredits')).toEqual([{ profileId: 'p1', id: 12, credits: -2 }])
  })

  it('refuses 2.5 with the panel\'s rule instead of rounding it, and sends nothing', async () => {
    await amount('2.5')
    await click('form-next')
    expect(text()).toContain('The panel moves whole credits only: it would cut 2.5 to 2. Enter a whole number.')
    expect(byTestId('confirm-step')).toBeNull()
    expect(fake.current!.callsOf('subResellers:adjustCredits')).toHaveLength(0)
  })

  it('refuses taking back more than they have', async () => {
    await click('adjust-take')
    await amount('4')
    await click('form-next')
    expect(text()).toContain('They only have 3 credits to take back.')
    expect(fake.current!.callsOf('subResellers:adjustCredits')).toHaveLength(0)
  })
})
