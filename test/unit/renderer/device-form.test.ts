// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountOnPinia, settle, typeInto } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import { NDynamicTags } from 'naive-ui'
import DeviceForm from '../../../src/components/forms/DeviceForm.vue'
import PackagePicker from '../../../src/components/forms/PackagePicker.vue'
import { normaliseMac } from '../../../src/lib/validate'

let wrapper: VueWrapper | null = null
beforeEach(() => {
  fake.current = createFakeXm()
  wrapper = mountOnPinia(DeviceForm, { profileId: 'p1', resource: 'mags' })
})
afterEach(() => {
  wrapper?.unmount()

})

const typeMac = (v: string) => typeInto('field-mac', v)

describe('DeviceForm', () => {
  it('refuses a bad MAC with a clear sentence and sends nothing', async () => {
    await settle()
    wrapper!.findComponent(PackagePicker).vm.$emit('update:modelValue', 4)
    await typeMac('00:1A:79:ZZ:34')
    byTestId('form-next')!.click()
    await settle()
    expect(document.body.textContent).toContain('The MAC address must look like 00:1A:79:12:34:56.')
    expect(fake.current!.callsOf('mags:create')).toHaveLength(0)
    expect(byTestId('confirm-step')).toBeNull()
  })

  it('sends the MAC upper-case and colon-separated (panel-api §9.1)', async () => {
    await settle()
    wrapper!.findComponent(PackagePicker).vm.$emit('update:modelValue', 4)
    await typeMac('001a.7912.34ab')
    byTestId('form-next')!.click()
    await settle()
    byTestId('form-confirm')!.click()
    await settle()
    expect(fake.current!.callsOf('mags:create')[0]).toMatchObject({ mac: '00:1A:79:12:34:AB', packageId: 4 })
  })

  it('normalises every notation PHP accepts', () => {
    expect(normaliseMac('00-1a-79-12-34-ab')).toBe('00:1A:79:12:34:AB')
    expect(normaliseMac('00:1a:79:12:34:ab')).toBe('00:1A:79:12:34:AB')
  })

  describe('editing allowed IPs', () => {
    const row = { id: 301, profileId: 'p1', mac: '00:1A:79:12:34:56', bouquets: [], isIspLock: false, resellerNotes: 'old', allowedIps: ['10.0.0.1'] }
    const edit = () => {
      wrapper?.unmount()
      wrapper = mount(DeviceForm, { props: { profileId: 'p1', resource: 'mags', row }, attachTo: document.body, global: { plugins: [createPinia()] } })
    }

    it('an untouched IP list is left out, so core resends the panel\'s own (panel-api §4)', async () => {
      edit()
      await settle()
      expect(wrapper!.findComponent(NDynamicTags).props('value')).toEqual(['10.0.0.1'])
      byTestId('form-next')!.click()
      await settle()
      const sent = fake.current!.callsOf('mags:edit')
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatchObject({ id: 301 })
      expect(sent[0]).not.toHaveProperty('allowedIps')
      expect(sent[0]).not.toHaveProperty('notes') // untouched: the core keeps the panel's own (issue #11 §1)
    })

    it('a changed IP list is sent, even when emptied', async () => {
      edit()
      await settle()
      wrapper!.findComponent(NDynamicTags).vm.$emit('update:value', [])
      await settle()
      byTestId('form-next')!.click()
      await settle()
      expect(fake.current!.callsOf('mags:edit')[0]).toMatchObject({ id: 301, allowedIps: [] })
    })

    it('refuses an IP that is not one and sends nothing', async () => {
      edit()
      await settle()
      wrapper!.findComponent(NDynamicTags).vm.$emit('update:value', ['10.0.0.1', 'not-an-ip'])
      await settle()
      byTestId('form-next')!.click()
      await settle()
      expect(fake.current!.callsOf('mags:edit')).toHaveLength(0)
    })
  })
})
