// @vitest-environment happy-dom
/**
 * Issue #11 §5: a sub-reseller created with a generated password shows that
 * password once after creation (the panel never shows it again), like lines.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountOnPinia, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import SubResellerForm from '../../../src/components/forms/SubResellerForm.vue'

let wrapper: VueWrapper | null = null
beforeEach(() => {
  fake.current = createFakeXm({ credits: 100 })
  fake.current.handlers['subResellers:create'] = (a) => ({
    journalId: 3,
    cost: 20,
    balanceBefore: 100,
    balanceAfter: 80,
    item: { id: 13, username: a.username ?? 'genuser01', email: '', credits: 0, enabled: true, notes: '' },
    extra: a.password ? null : { username: a.username ?? 'genuser01', password: 'Gen3ratedPass' },
  })
  wrapper = mountOnPinia(SubResellerForm, { profileId: 'p1' })
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

async function create() {
  await settle()
  byTestId('form-next')!.click()
  await settle()
  byTestId('form-confirm')!.click()
  await settle()
}

describe('creating a sub-reseller', () => {
  it('shows the generated password once, and hands the new row on when closed', async () => {
    await create()
    expect(byTestId('subreseller-created')!.textContent).toContain('shown only now')
    expect((byTestId('sub-password-value') as HTMLInputElement).value).toBe('Gen3ratedPass')
    expect((byTestId('sub-username-value') as HTMLInputElement).value).toBe('genuser01')
    expect(wrapper!.emitted('done')).toBeUndefined()
    ;(byTestId('subreseller-created')!.querySelector('.n-card-header__close') as HTMLElement).click()
    await settle()
    expect(wrapper!.emitted('done')![0]![0]).toMatchObject({ id: 13, profileId: 'p1' })
  })

  it('with a password the user typed: no dialog, done at once', async () => {
    await settle()
    const pass = [...document.querySelectorAll('input')].find((i) => i.type === 'password')!
    pass.value = 'Typed-pass-01'
    pass.dispatchEvent(new Event('input'))
    await create()
    expect(byTestId('subreseller-created')).toBeNull()
    expect(wrapper!.emitted('done')).toHaveLength(1)
  })
})
