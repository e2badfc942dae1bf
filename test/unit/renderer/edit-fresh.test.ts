// @vitest-environment happy-dom
/**
 * Issue #11 §1: an edit opens from a fresh read of the object, not from the
 * cached row, and sends only what the user changed. The panel's copy (the
 * `X:get` answer) differs from the cached row here, as it does when someone
 * changed the notes, e-mail or ISP lock on the panel's own web page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createFakeXm, line, type FakeXm } from './fake-xm'
import { byTestId, freshPinia, settle, typeInto } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import LineForm from '../../../src/components/forms/LineForm.vue'
import DeviceForm from '../../../src/components/forms/DeviceForm.vue'
import SubResellerForm from '../../../src/components/forms/SubResellerForm.vue'

let wrapper: VueWrapper | null = null
let pinia: ReturnType<typeof createPinia>
beforeEach(() => {
  fake.current = createFakeXm({ credits: 100 })
  pinia = freshPinia()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

const mountForm = (component: unknown, props: Record<string, unknown>) => {
  wrapper = mount(component as never, { props: props as never, attachTo: document.body, global: { plugins: [pinia] } })
}
const input = (id: string) => byTestId(id) as HTMLInputElement | HTMLTextAreaElement
const nextButton = () => byTestId('form-next') as HTMLButtonElement

describe('editing a line', () => {
  // The cached row (last sync) says "old notes"; the panel now says otherwise.
  const cached = { ...line(7, { resellerNotes: 'old notes', password: 'oldpassword1' }) }
  beforeEach(() => {
    fake.current!.state.lines = [line(7, { resellerNotes: 'notes changed on the panel', password: 'oldpassword1', isIspLock: true })]
    fake.current!.handlers['lines:edit'] = (a) => ({ journalId: 1, cost: 0, balanceBefore: 100, balanceAfter: 100, item: { ...fake.current!.state.lines[0], ...a }, extra: null })
  })

  it('says it is refreshing and cannot be saved until the fresh read arrives', async () => {
    const held = fake.current!.hold('lines:get')
    mountForm(LineForm, { profileId: 'p1', row: cached })
    await settle()
    expect(byTestId('fresh-loading')).not.toBeNull()
    expect(nextButton().disabled).toBe(true)
    nextButton().click()
    await settle()
    expect(fake.current!.callsOf('lines:edit')).toHaveLength(0)
    held.release()
    await settle()
    expect(byTestId('fresh-loading')).toBeNull()
    expect(nextButton().disabled).toBe(false)
    expect(fake.current!.callsOf('lines:get')).toEqual([{ profileId: 'p1', id: 7 }])
  })

  it('shows the panel\'s values, and a password-only edit sends only the password', async () => {
    mountForm(LineForm, { profileId: 'p1', row: cached })
    await settle()
    expect(input('field-notes').value).toBe('notes changed on the panel')
    await typeInto('field-password', 'newpassword22')
    nextButton().click()
    await settle()
    const sent = fake.current!.callsOf('lines:edit')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toEqual({ profileId: 'p1', id: 7, password: 'newpassword22' })
  })

  it('a changed note is sent, and an ISP lock switched off is sent as off (the core omits is_isplock)', async () => {
    mountForm(LineForm, { profileId: 'p1', row: cached })
    await settle()
    await typeInto('field-notes', 'my note')
    byTestId('field-isp-lock')!.click()
    await settle()
    nextButton().click()
    await settle()
    expect(fake.current!.callsOf('lines:edit')[0]).toEqual({ profileId: 'p1', id: 7, notes: 'my note', ispLock: false })
  })

  it('offline: shows the saved copy with a warning and lets the user decide', async () => {
    fake.current!.failNext('lines:get', {
      code: 'OFFLINE',
      message: 'The panel cannot be reached.',
      details: { freshness: 'offline', cached: { ...cached, resellerNotes: 'saved copy notes' }, syncedAt: 1_700_000_000_000 },
    })
    mountForm(LineForm, { profileId: 'p1', row: cached })
    await settle()
    expect(byTestId('fresh-stale')!.textContent).toContain('may be out of date')
    expect(input('field-notes').value).toBe('saved copy notes')
    expect(nextButton().disabled).toBe(false)
    await typeInto('field-password', 'newpassword22')
    nextButton().click()
    await settle()
    expect(fake.current!.callsOf('lines:edit')[0]).toEqual({ profileId: 'p1', id: 7, password: 'newpassword22' })
  })
})

describe('editing a MAG device', () => {
  it('starts from the panel\'s ISP lock and notes, and a MAC-only change sends only the MAC', async () => {
    const row = { id: 301, profileId: 'p1', mac: '00:1A:79:12:34:56', bouquets: [], isIspLock: false, resellerNotes: 'old', allowedIps: [] }
    fake.current!.handlers['mags:get'] = () => ({ ...row, isIspLock: true, resellerNotes: 'panel notes', allowedIps: ['10.0.0.9'] })
    fake.current!.handlers['mags:edit'] = (a) => ({ journalId: 1, cost: 0, balanceBefore: 100, balanceAfter: 100, item: { ...row, ...a }, extra: null })
    mountForm(DeviceForm, { profileId: 'p1', resource: 'mags', row })
    await settle()
    expect(byTestId('field-isp-lock')!.classList).toContain('n-switch--active')
    await typeInto('field-mac', '00:1a:79:12:34:57')
    nextButton().click()
    await settle()
    expect(fake.current!.callsOf('mags:edit')).toEqual([{ profileId: 'p1', id: 301, mac: '00:1A:79:12:34:57' }])
  })
})

describe('editing a sub-reseller', () => {
  it('starts from the panel\'s e-mail, and a notes-only change does not send the old e-mail back', async () => {
    const row = { id: 12, profileId: 'p1', username: 'subreseller1', email: 'old@example.com', notes: '', resellerDns: '' }
    fake.current!.handlers['subResellers:get'] = () => ({ ...row, email: 'new@example.com' })
    fake.current!.handlers['subResellers:edit'] = (a) => ({ journalId: 1, cost: 0, balanceBefore: 100, balanceAfter: 100, item: { ...row, ...a }, extra: null })
    mountForm(SubResellerForm, { profileId: 'p1', row })
    await settle()
    const email = [...document.querySelectorAll('input')].find((i) => i.value === 'new@example.com')
    expect(email).toBeDefined()
    const notes = document.querySelector('textarea')!
    notes.value = 'pays monthly'
    notes.dispatchEvent(new Event('input'))
    await settle()
    nextButton().click()
    await settle()
    expect(fake.current!.callsOf('subResellers:edit')).toEqual([{ profileId: 'p1', id: 12, notes: 'pays monthly' }])
  })
})
