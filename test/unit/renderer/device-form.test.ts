// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import DeviceForm from '../../../src/components/forms/DeviceForm.vue'
import PackagePicker from '../../../src/components/forms/PackagePicker.vue'
import { normaliseMac } from '../../../src/lib/validate'

let wrapper: VueWrapper | null = null
beforeEach(() => {
  fake.current = createFakeXm()
  const pinia = createPinia()
  setActivePinia(pinia)
  wrapper = mount(DeviceForm, { props: { profileId: 'p1', resource: 'mags' }, attachTo: document.body, global: { plugins: [pinia] } })
})
afterEach(() => {
  wrapper?.unmount()

})

async function typeMac(v: string) {
  const el = byTestId('field-mac') as HTMLInputElement
  el.value = v
  el.dispatchEvent(new Event('input'))
  await settle()
}

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

  it('sends the MAC upper-case and colon-separated (NOTES §9.1)', async () => {
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
})
