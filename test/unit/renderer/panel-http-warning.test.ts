// @vitest-environment happy-dom
/**
 * Plain-http panels (issue #12 §4): the panel form and the panel card say that
 * the API key travels unencrypted, and when Test connection found the panel on
 * https too, the form offers the switch.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { createFakeXm, profile, type FakeXm } from './fake-xm'
import { byTestId, settle, typeInto } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import PanelForm from '../../../src/components/panels/PanelForm.vue'
import PanelsView from '../../../src/views/PanelsView.vue'
import { useProfilesStore } from '../../../src/stores/profiles'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

function mountForm(p: ReturnType<typeof profile> | null) {
  const pinia = createPinia()
  setActivePinia(pinia)
  wrapper = mount(PanelForm, { props: { profile: p }, attachTo: document.body, global: { plugins: [pinia] } })
  return pinia
}

describe('plain-http panels', () => {
  it('the form says the key travels unencrypted while http is chosen, and not for https', async () => {
    fake.current = createFakeXm({ profiles: [] })
    mountForm(null)
    await typeInto('panel-host', 'http://panel.example.com:8080/')
    expect(byTestId('panel-http-warning')?.textContent).toMatch(/unencrypted/)
    await typeInto('panel-host', 'https://panel.example.com:8443/')
    expect(byTestId('panel-http-warning')).toBeNull()
  })

  it('Test connection found https too: the form offers the switch, and switching saves and tests again', async () => {
    const http = profile('p1', 'Shop', { scheme: 'http', port: 8080 })
    fake.current = createFakeXm({ profiles: [http] })
    fake.current.handlers['profiles:test'] = () => ({ username: 'me', credits: 5, latencyMs: 3, https: { port: 8443 } })
    fake.current.handlers['profiles:testDraft'] = () => ({ username: 'me', credits: 5, latencyMs: 3, https: { port: 8443 } })
    const pinia = mountForm(http)
    await useProfilesStore(pinia).load()
    byTestId('panel-test')!.click()
    await settle(8)
    const offer = byTestId('panel-switch-https')
    expect(offer?.textContent).toMatch(/https/)
    expect(document.body.textContent).toMatch(/8443/)
    offer!.click()
    await settle(8)
    expect(fake.current.callsOf('profiles:update').at(-1)).toMatchObject({ profileId: 'p1', patch: { scheme: 'https', port: 8443 } })
    // The https address was tested (with the saved key) before it was saved, then the saved panel's test recorded it.
    expect(fake.current.callsOf('profiles:testDraft').at(-1)).toMatchObject({ endpoint: { scheme: 'https', port: 8443 }, profileId: 'p1' })
    expect(fake.current.callsOf('profiles:test')).toHaveLength(1)
  })

  it('no offer when the panel does not answer on https', async () => {
    const http = profile('p1', 'Shop', { scheme: 'http', port: 8080 })
    fake.current = createFakeXm({ profiles: [http] })
    fake.current.handlers['profiles:testDraft'] = () => ({ username: 'me', credits: 5, latencyMs: 3, https: null })
    const pinia = mountForm(http)
    await useProfilesStore(pinia).load()
    byTestId('panel-test')!.click()
    await settle(8)
    expect(byTestId('panel-test-result')).not.toBeNull()
    expect(byTestId('panel-switch-https')).toBeNull()
  })

  it('the panel card marks http panels as unencrypted, https ones not', async () => {
    fake.current = createFakeXm({ profiles: [profile('a', 'Plain', { scheme: 'http' }), profile('b', 'Secure', { scheme: 'https', port: 443 })] })
    const pinia = createPinia()
    const Host = defineComponent({ render: () => h(NMessageProvider, () => h(NDialogProvider, () => h(PanelsView))) })
    const w = mount(Host, { global: { plugins: [pinia] } })
    await useProfilesStore(pinia).load()
    await flushPromises()
    const cards = w.findAll('[data-testid="panel-card"]')
    expect(cards).toHaveLength(2)
    expect(cards[0]!.find('[data-testid="panel-card-http"]').exists()).toBe(true)
    expect(cards[0]!.find('[data-testid="panel-card-http"]').text()).toMatch(/unencrypted/i)
    expect(cards[1]!.find('[data-testid="panel-card-http"]').exists()).toBe(false)
    // Test connection on the card: the https offer is named there too.
    fake.current.handlers['profiles:test'] = () => ({ username: 'me', credits: 5, latencyMs: 3, https: { port: 8443 } })
    await cards[0]!.find('[data-testid="panel-test-btn"]').trigger('click')
    await flushPromises()
    expect(cards[0]!.text()).toMatch(/also answers over https \(port 8443\)/)
    w.unmount()
  })
})
