// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountOnPinia, settle, typeInto } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import PanelForm from '../../../src/components/panels/PanelForm.vue'

let wrapper: VueWrapper | null = null
beforeEach(() => {
  fake.current = createFakeXm({ profiles: [], credits: 77 })
  wrapper = mountOnPinia(PanelForm, { profile: null })
})
afterEach(() => wrapper?.unmount())

describe('PanelForm', () => {
  it('explains each bad field and sends nothing', async () => {
    await typeInto('panel-host', 'http://bad host/')
    await typeInto('panel-access-code', 'a b')
    await typeInto('panel-api-key', 'not-a-key')
    byTestId('panel-save')!.click()
    await settle()
    const text = document.body.textContent!
    expect(text).toContain('Give the panel a name')
    expect(text).toContain('Enter a host name or IP address, without http:// or a path.')
    expect(text).toContain('Access code: letters, digits, - and _ only.')
    expect(text).toContain('An API key is 32 characters, 0–9 and a–f.')
    expect(fake.current!.callsOf('profiles:create')).toHaveLength(0)
  })

  it('takes a pasted URL apart, saves, stores the key write-only and tests the connection', async () => {
    await typeInto('panel-name', 'Shop')
    await typeInto('panel-host', 'https://panel.example.com:8443/')
    await typeInto('panel-access-code', 'xyz')
    await typeInto('panel-api-key', '0123456789abcdef0123456789ABCDEF')
    byTestId('panel-save')!.click()
    await settle(8)
    expect(fake.current!.callsOf('profiles:create')[0]).toMatchObject({ name: 'Shop', scheme: 'https', host: 'panel.example.com', port: 8443, accessCode: 'xyz' })
    expect(fake.current!.callsOf('keys:set')).toEqual([{ profileId: 'p1', apiKey: '0123456789abcdef0123456789ABCDEF' }])
    // What was typed was tested before anything was saved; the saved panel's own test records the answer.
    expect(fake.current!.callsOf('profiles:testDraft')).toEqual([
      { endpoint: { scheme: 'https', host: 'panel.example.com', port: 8443, accessCode: 'xyz' }, apiKey: '0123456789abcdef0123456789ABCDEF' },
    ])
    expect(fake.current!.callsOf('profiles:test')).toEqual([{ profileId: 'p1' }])
    expect(byTestId('panel-test-result')!.textContent).toBe('Connected as me — 77 credits (5 ms).')
    expect((byTestId('panel-api-key') as HTMLInputElement).value).toBe('')
    expect(document.body.textContent).toContain('key set · ••••CDEF')
  })

  it('shows the exact reason when the test fails, and saves nothing', async () => {
    await typeInto('panel-name', 'Shop')
    await typeInto('panel-host', 'panel.example.com')
    await typeInto('panel-access-code', 'xyz')
    await typeInto('panel-api-key', '0123456789abcdef0123456789ABCDEF')
    fake.current!.failNext('profiles:testDraft', { code: 'IP_FORBIDDEN', message: '403' })
    byTestId('panel-save')!.click()
    await settle(8)
    expect(byTestId('panel-test-result')!.textContent).toBe('The panel does not allow this computer’s IP address.')
    expect(fake.current!.callsOf('profiles:create')).toHaveLength(0)
    expect(fake.current!.callsOf('keys:set')).toHaveLength(0)
  })
})
