// @vitest-environment happy-dom
/**
 * The panel form (issue #15): a pasted API address fills every field, the test
 * is of what is in the form, a failing panel is saved only on the user's word,
 * duplicates are named, each new panel gets a colour of its own, Enter submits.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createFakeXm, profile, type FakeXm } from './fake-xm'
import { byTestId, freshPinia, settle, typeInto } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import PanelForm from '../../../src/components/panels/PanelForm.vue'
import { useProfilesStore } from '../../../src/stores/profiles'
import type { Profile } from '../../../electron/shared/profile'

const KEY = '0123456789abcdef0123456789ABCDEF'
let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

async function mountForm(existing: Profile[] = [], edit: Profile | null = null) {
  fake.current = createFakeXm({ profiles: existing, credits: 40 })
  const pinia = freshPinia()
  await useProfilesStore(pinia).load()
  wrapper = mount(PanelForm, { props: { profile: edit }, attachTo: document.body, global: { plugins: [pinia] } })
  await settle()
}

const input = (id: string) => byTestId(id) as HTMLInputElement

async function paste(id: string, text: string) {
  const e = new Event('paste', { bubbles: true, cancelable: true })
  Object.defineProperty(e, 'clipboardData', { value: { getData: () => text } })
  input(id).dispatchEvent(e)
  await settle()
}

describe('pasting the API address', () => {
  it('into the host field fills scheme, host, port, access code and key', async () => {
    await mountForm()
    await paste('panel-host', `http://my.dns.com:8080/AbC9/reseller/index.php?api_key=${KEY}&action=user_info`)
    expect(input('panel-host').value).toBe('my.dns.com')
    expect(input('panel-port').value).toBe('8080')
    expect(input('panel-access-code').value).toBe('AbC9')
    expect(input('panel-api-key').value).toBe(KEY)
    expect(input('panel-name').value).toBe('my.dns.com')
    expect(byTestId('panel-http-warning')).not.toBeNull()
  })

  it('into any other field too (https without a port: 443)', async () => {
    await mountForm()
    await paste('panel-access-code', `https://secure.example.com/code7/reseller/index.php?api_key=${KEY}`)
    expect(input('panel-host').value).toBe('secure.example.com')
    expect(input('panel-port').value).toBe('443')
    expect(input('panel-access-code').value).toBe('code7')
    expect(input('panel-api-key').value).toBe(KEY)
    expect(byTestId('panel-http-warning')).toBeNull()
  })

  it('typed (not pasted) into the host, it is taken apart on save, access code included', async () => {
    await mountForm()
    await typeInto('panel-name', 'Shop')
    await typeInto('panel-host', `http://p.example:2095/xyz/reseller/index.php?api_key=${KEY}`)
    byTestId('panel-save')!.click()
    await settle(10)
    expect(fake.current!.callsOf('profiles:create')[0]).toMatchObject({ host: 'p.example', port: 2095, accessCode: 'xyz', scheme: 'http' })
    expect(fake.current!.callsOf('keys:set')).toEqual([{ profileId: 'p1', apiKey: KEY }])
  })
})

describe('testing and saving what is in the form', () => {
  it('Test connection on a saved panel tests the form\'s values, not the saved ones', async () => {
    const saved = profile('p1', 'Shop', { host: 'old.example', port: 80, accessCode: 'old' })
    await mountForm([saved], saved)
    await typeInto('panel-host', 'new.example')
    await typeInto('panel-access-code', 'fresh')
    byTestId('panel-test')!.click()
    await settle(8)
    expect(fake.current!.callsOf('profiles:testDraft')).toEqual([{ endpoint: { scheme: 'http', host: 'new.example', port: 80, accessCode: 'fresh' }, profileId: 'p1' }])
    expect(fake.current!.callsOf('profiles:test')).toHaveLength(0)
    expect(fake.current!.callsOf('profiles:update')).toHaveLength(0)
  })

  it('Test connection works before the panel is saved', async () => {
    await mountForm()
    await paste('panel-host', `http://p.example:8080/abc/reseller/index.php?api_key=${KEY}`)
    byTestId('panel-test')!.click()
    await settle(8)
    expect(fake.current!.callsOf('profiles:testDraft')).toEqual([{ endpoint: { scheme: 'http', host: 'p.example', port: 8080, accessCode: 'abc' }, apiKey: KEY }])
    expect(byTestId('panel-test-result')!.textContent).toContain('Connected as me')
    expect(fake.current!.callsOf('profiles:create')).toHaveLength(0)
  })

  it('a refused key is not saved; "Save anyway" saves it on the user\'s word', async () => {
    await mountForm()
    await paste('panel-host', `http://p.example:8080/abc/reseller/index.php?api_key=${KEY}`)
    fake.current!.failNext('profiles:testDraft', { code: 'AUTH_INVALID', message: 'Invalid API key.' })
    byTestId('panel-save')!.click()
    await settle(8)
    expect(byTestId('panel-test-result')!.textContent).toMatch(/key/i)
    expect(fake.current!.callsOf('profiles:create')).toHaveLength(0)
    expect(fake.current!.callsOf('keys:set')).toHaveLength(0)
    expect(fake.current!.callsOf('sync:run')).toHaveLength(0)
    fake.current!.failNext('profiles:test', { code: 'AUTH_INVALID', message: 'Invalid API key.' })
    byTestId('panel-save-anyway')!.click()
    await settle(10)
    expect(fake.current!.callsOf('profiles:create')).toHaveLength(1)
    expect(fake.current!.callsOf('keys:set')).toHaveLength(1)
    // Saved on the user's word, but not synced or opened as if it worked.
    expect(fake.current!.callsOf('sync:run')).toHaveLength(0)
  })

  it('Enter in a field submits (Save and test)', async () => {
    await mountForm()
    await paste('panel-host', `http://p.example:8080/abc/reseller/index.php?api_key=${KEY}`)
    input('panel-access-code').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    await settle(10)
    expect(fake.current!.callsOf('profiles:testDraft')).toHaveLength(1)
    expect(fake.current!.callsOf('profiles:create')).toHaveLength(1)
  })
})

describe('duplicates and colours', () => {
  it('warns about a panel with the same host, port and access code', async () => {
    await mountForm([profile('a', 'Main', { host: 'p.example', port: 8080, accessCode: 'abc' })])
    expect(byTestId('panel-duplicate')).toBeNull()
    await paste('panel-host', 'http://P.example:8080/abc/reseller/index.php')
    expect(byTestId('panel-duplicate')!.textContent).toContain('“Main”')
  })

  it('warns about the same reseller account on the same host (found by the test)', async () => {
    await mountForm([profile('a', 'Main', { host: 'p.example', port: 8080, accessCode: 'abc' })])
    fake.current!.handlers['account:get'] = () => ({ ...fake.current!.state.account, username: 'me' })
    await paste('panel-host', `http://p.example:9090/other/reseller/index.php?api_key=${KEY}`)
    expect(byTestId('panel-duplicate')).toBeNull()
    byTestId('panel-test')!.click()
    await settle(8)
    expect(byTestId('panel-duplicate')!.textContent).toContain('“Main”')
  })

  it('a new panel takes the first colour no other panel wears', async () => {
    await mountForm([profile('a', 'A', { color: '#2080f0' }), profile('b', 'B', { color: '#18A058' })])
    expect(byTestId('panel-color')!.getAttribute('data-color')).toBe('#f0a020')
  })
})
