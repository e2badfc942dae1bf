// @vitest-environment happy-dom
/**
 * Enter submits a write form (issue #15) — but a spending form's Enter goes to
 * the confirm step with the cost on screen, never straight to spending; on the
 * confirm step Enter spends nothing; Enter in a textarea is a new line.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountOnPinia, settle, typeInto } from './setup'
import { isSubmitEnter } from '../../../src/lib/enter-submit'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import LineForm from '../../../src/components/forms/LineForm.vue'
import PackagePicker from '../../../src/components/forms/PackagePicker.vue'

let wrapper: VueWrapper | null = null
beforeEach(() => {
  fake.current = createFakeXm({ credits: 100 })
  wrapper = mountOnPinia(LineForm, { profileId: 'p1' })
})
afterEach(() => wrapper?.unmount())

const enter = (el: Element) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))

describe('Enter in a spending form', () => {
  it('goes to the confirm step with the cost shown, and a second Enter spends nothing', async () => {
    await settle()
    wrapper!.findComponent(PackagePicker).vm.$emit('update:modelValue', 2)
    await settle()
    await typeInto('field-username', 'customer01')
    enter(byTestId('field-username')!)
    await settle(8)
    expect(byTestId('confirm-step')).not.toBeNull()
    expect(byTestId('confirm-step')!.textContent).toContain('13')
    expect(fake.current!.callsOf('lines:create')).toHaveLength(0)
    enter(byTestId('confirm-step')!)
    enter(byTestId('field-username')!)
    await settle(8)
    expect(fake.current!.callsOf('lines:create')).toHaveLength(0)
  })

  it('in the notes textarea, Enter is a new line, not a submit', async () => {
    await settle()
    wrapper!.findComponent(PackagePicker).vm.$emit('update:modelValue', 2)
    await settle()
    await typeInto('field-username', 'customer01')
    enter(byTestId('field-notes')!)
    await settle(8)
    expect(byTestId('confirm-step')).toBeNull()
  })
})

describe('isSubmitEnter', () => {
  const ev = (target: Element, over: KeyboardEventInit = {}) => {
    const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...over })
    Object.defineProperty(e, 'target', { value: target })
    return e
  }
  it('a plain Enter in a text input only', () => {
    const input = document.createElement('input')
    const area = document.createElement('textarea')
    const button = document.createElement('button')
    const select = document.createElement('div')
    select.className = 'n-base-selection'
    const inSelect = document.createElement('input')
    select.appendChild(inSelect)
    expect(isSubmitEnter(ev(input))).toBe(true)
    expect(isSubmitEnter(ev(input, { shiftKey: true }))).toBe(false)
    expect(isSubmitEnter(ev(input, { key: 'a' }))).toBe(false)
    expect(isSubmitEnter(ev(area))).toBe(false)
    expect(isSubmitEnter(ev(button))).toBe(false)
    expect(isSubmitEnter(ev(inSelect))).toBe(false)
  })
})
