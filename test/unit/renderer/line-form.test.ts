// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountOnPinia, settle, typeInto } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import LineForm from '../../../src/components/forms/LineForm.vue'
import PackagePicker from '../../../src/components/forms/PackagePicker.vue'

let wrapper: VueWrapper | null = null
beforeEach(() => {
  fake.current = createFakeXm({ credits: 100 })
  wrapper = mountOnPinia(LineForm, { profileId: 'p1' })
})
afterEach(() => {
  wrapper?.unmount()

})

const input = (id: string) => byTestId(id) as HTMLInputElement
const click = async (id: string) => {
  byTestId(id)!.click()
  await settle()
}
async function pickPackage(id: number) {
  wrapper!.findComponent(PackagePicker).vm.$emit('update:modelValue', id)
  await settle()
}

describe('LineForm', () => {
  it('validates like the server: minimum lengths from the panel, a package, IPs — nothing sent', async () => {
    await settle()
    await typeInto('field-username', 'abc')
    await typeInto('field-password', 'short')
    await click('form-next')
    const text = document.body.textContent!
    expect(text).toContain('Username needs at least 8 characters on this panel.')
    expect(text).toContain('Password needs at least 10 characters on this panel.')
    expect(text).toContain('Choose a package.')
    expect(byTestId('confirm-step')).toBeNull()
    expect(fake.current!.callsOf('lines:create')).toHaveLength(0)
  })

  it('shows the cost and the balance after before the confirm step, then sends once', async () => {
    await settle()
    await pickPackage(2)
    expect(byTestId('cost-value')!.textContent).toBe('13')
    expect(byTestId('cost-after')!.textContent).toBe('87')
    await typeInto('field-username', 'customer01')
    await click('form-next')
    expect(byTestId('confirm-step')).not.toBeNull()
    expect(fake.current!.callsOf('lines:create')).toHaveLength(0)

    const held = fake.current!.hold('lines:create')
    const confirm = byTestId('form-confirm') as HTMLButtonElement
    confirm.click()
    await settle()
    expect((byTestId('form-confirm') as HTMLButtonElement).disabled).toBe(true)
    ;(byTestId('form-confirm') as HTMLButtonElement).click()
    held.release()
    await settle()
    const sent = fake.current!.callsOf('lines:create')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ profileId: 'p1', packageId: 2, trial: false, username: 'customer01' })
    expect(sent[0].ispLock).toBeUndefined() // never is_isplock=0: omitted when off
    expect(wrapper!.emitted('done')).toHaveLength(1)
  })

  it("prices a fractional balance by the panel's rule: the first charge drops the fraction (panel-api §7)", async () => {
    fake.current!.state.credits = 13.9
    await settle()
    await pickPackage(2)
    expect(byTestId('cost-value')!.textContent).toBe('13')
    expect(byTestId('cost-after')!.textContent).toBe('0')
    expect(byTestId('cost-not-enough')).toBeNull()
  })

  it('refuses to confirm when the balance is not enough', async () => {
    fake.current!.state.credits = 3
    await settle()
    await pickPackage(1)
    await click('form-next')
    expect(byTestId('cost-not-enough')).not.toBeNull()
    expect((byTestId('form-confirm') as HTMLButtonElement).disabled).toBe(true)
  })

  it('keeps what the user typed when the panel refuses', async () => {
    await settle()
    await pickPackage(1)
    await typeInto('field-username', 'taken_name')
    await click('form-next')
    fake.current!.failNext('lines:create', { code: 'EXISTS_USERNAME', message: 'STATUS_EXISTS_USERNAME' })
    await click('form-confirm')
    expect(document.body.textContent).toContain('That username is already taken.')
    expect(byTestId('confirm-step')).toBeNull()
    expect(input('field-username').value).toBe('taken_name')
    expect(wrapper!.emitted('done')).toBeUndefined()
  })

  it('closes after OUTCOME_UNKNOWN, so the same create cannot be sent twice', async () => {
    await settle()
    await pickPackage(1)
    await click('form-next')
    fake.current!.failNext('lines:create', { code: 'OUTCOME_UNKNOWN', message: 'sent, no answer' })
    await click('form-confirm')
    expect(wrapper!.emitted('close')).toHaveLength(1)
    expect(wrapper!.emitted('done')).toBeUndefined()
    expect(fake.current!.callsOf('lines:create')).toHaveLength(1)
    expect(document.body.textContent).toContain('may or may not have been applied')
  })

  it('offers only line packages of the chosen kind (official vs trial)', async () => {
    await settle()
    const picker = wrapper!.findComponent(PackagePicker)
    const options = (picker.vm as unknown as { options: { label: string }[] }).options.map((o) => o.label)
    expect(options.some((l) => l.startsWith('MAG only'))).toBe(false)
    expect(options.some((l) => l.startsWith('Trial day'))).toBe(false)
    expect(options[0]).toBe('1 Month — 5 credits · 1 month')
  })
})

describe('editing a line opened from a list row', () => {
  // get_lines rows carry no allowed_ips (panel-api §5), so the form starts with an empty list;
  // sending that [] would wipe the customer's IPs on the panel.
  const row = { id: 4521, profileId: 'p1', username: 'customer01', password: 'secret0001', bouquets: [], isIspLock: false, resellerNotes: 'old', allowedIps: [] }
  const edit = () => {
    wrapper?.unmount()
    wrapper = mount(LineForm, { props: { profileId: 'p1', row }, attachTo: document.body, global: { plugins: [createPinia()] } })
  }

  it('leaves an untouched IP list out, so core resends the panel\'s own', async () => {
    edit()
    await settle()
    await typeInto('field-notes', 'new note')
    await click('form-next')
    const sent = fake.current!.callsOf('lines:edit')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ id: 4521, notes: 'new note' })
    expect(sent[0]).not.toHaveProperty('allowedIps')
  })

  it('a panel account without restrictions gets no dead IP / ISP-lock fields, and says why', async () => {
    await settle()
    expect(byTestId('field-isp-lock')!.classList).not.toContain('n-switch--disabled')
    fake.current!.state.account.permissions.allowRestrictions = false
    wrapper?.unmount()
    wrapper = mount(LineForm, { props: { profileId: 'p1' }, attachTo: document.body, global: { plugins: [createPinia()] } })
    await settle()
    expect(byTestId('field-isp-lock')!.classList).toContain('n-switch--disabled')
    expect(byTestId('line-form')!.textContent).toContain('the package decides allowed IPs and the ISP lock')
  })
})
