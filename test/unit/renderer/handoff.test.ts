// @vitest-environment happy-dom
/**
 * Issue #11 §5: the customer hand-off never builds or encodes a link from an
 * empty credential, and never says "copied" for an empty value.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, settle } from './setup'
import { waitFor } from '../../helpers/wait'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import HandOff from '../../../src/components/detail/HandOff.vue'
import CopyField from '../../../src/components/detail/CopyField.vue'

let wrapper: VueWrapper | null = null
const writeText = vi.fn(async () => undefined)
beforeEach(() => {
  fake.current = createFakeXm()
  setActivePinia(createPinia())
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  writeText.mockClear()
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

const broken = { username: 'maguser', password: '', m3u: 'http://tv/get.php?username=maguser&password=&type=m3u_plus', playerApi: 'x', epg: 'x', enigmaInstall: 'x', magPortal: 'http://tv/c/' }

describe('HandOff', () => {
  it('shows why instead of links and a QR when the credentials are empty', async () => {
    fake.current!.handlers['links:get'] = () => broken
    wrapper = mount(HandOff, { props: { resource: 'mags', profileId: 'p1', id: 41 }, attachTo: document.body })
    await settle(8)
    expect(byTestId('handoff-problem')!.textContent).toContain('no working link can be built')
    expect(byTestId('m3u-value')).toBeNull()
    expect(byTestId('handoff-qr')).toBeNull()
  })

  it('shows the core\'s reason when it refuses to build links', async () => {
    fake.current!.failNext('links:get', { code: 'BAD_RESPONSE', message: 'The panel did not give the username and password of this item.' })
    wrapper = mount(HandOff, { props: { resource: 'enigmas', profileId: 'p1', id: 7 }, attachTo: document.body })
    await settle(8)
    expect(byTestId('handoff-problem')).not.toBeNull()
    expect(byTestId('m3u-value')).toBeNull()
  })
})

describe('CopyField', () => {
  it('an empty value cannot be copied and is never reported as copied', async () => {
    wrapper = mount(CopyField, { props: { label: 'Password', value: '', testid: 'password' }, attachTo: document.body })
    const button = byTestId('copy-password') as HTMLButtonElement
    expect(button.disabled).toBe(true)
    await (wrapper.vm as unknown as { $: { setupState: { copy(): Promise<void> } } }).$.setupState.copy()
    await settle()
    expect(writeText).not.toHaveBeenCalled()
    expect(document.body.textContent).not.toContain('Password copied')
  })

  it('a real value is copied and says so', async () => {
    wrapper = mount(CopyField, { props: { label: 'Password', value: 'S3cret', testid: 'password' }, attachTo: document.body })
    ;(byTestId('copy-password') as HTMLButtonElement).click()
    await settle()
    expect(writeText).toHaveBeenCalledWith('S3cret')
  })
})

describe('HandOff: which address, and activation codes', () => {
  const good = { username: 'u1', password: 'p1', m3u: 'http://10.0.0.1:80/get.php?username=u1&password=p1&type=m3u_plus&output=ts', playerApi: 'x', epg: 'x', enigmaInstall: 'x', magPortal: 'x' }

  it('says which address the links use, and offers the account\'s reseller DNS; taking it saves it as the customer DNS', async () => {
    let dns: string | null = null
    fake.current!.handlers['links:get'] = () =>
      dns
        ? { ...good, m3u: `http://${dns}:80/get.php?username=u1&password=p1`, origin: `http://${dns}:80`, via: 'customerDns', resellerDns: null }
        : { ...good, origin: 'http://10.0.0.1:80', via: 'api', resellerDns: 'my.dns.com' }
    fake.current!.handlers['profiles:update'] = (a: { patch: { customerDns: string } }) => {
      dns = a.patch.customerDns
      return { ...fake.current!.state.profiles[0], ...a.patch }
    }
    wrapper = mount(HandOff, { props: { resource: 'lines', profileId: 'p1', id: 1 }, attachTo: document.body })
    await settle(8)
    expect(byTestId('handoff-origin')!.textContent).toContain('http://10.0.0.1:80')
    expect(byTestId('handoff-origin')!.textContent).toContain('no customer DNS')
    expect(byTestId('handoff-dns-offer')!.textContent).toContain('my.dns.com')
    byTestId('handoff-use-dns')!.click()
    await settle(10)
    expect(fake.current!.callsOf('profiles:update')).toEqual([{ profileId: 'p1', patch: { customerDns: 'my.dns.com' } }])
    expect(byTestId('handoff-origin')!.textContent).toContain('http://my.dns.com:80')
    expect(byTestId('handoff-dns-offer')).toBeNull()
    expect((byTestId('m3u-value') as HTMLInputElement).value).toContain('my.dns.com')
  })

  it('an activation code: copy the code and a QR of it, without asking for links', async () => {
    wrapper = mount(HandOff, { props: { resource: 'activecodes', profileId: 'p1', id: 9, code: '1234567890' }, attachTo: document.body })
    // The QR is drawn asynchronously: counted turns were too few once, in a full run on a loaded machine.
    await waitFor('the QR', () => byTestId('handoff-qr'))
    expect((byTestId('code-value') as HTMLInputElement).value).toBe('1234567890')
    expect(byTestId('handoff-qr')).not.toBeNull()
    expect(fake.current!.callsOf('links:get')).toHaveLength(0)
    byTestId('copy-code')!.click()
    await settle()
    expect(writeText).toHaveBeenCalledWith('1234567890')
  })
})
