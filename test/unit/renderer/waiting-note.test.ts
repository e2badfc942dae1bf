// @vitest-environment happy-dom
/**
 * Issue #11 §5: while a write's answer is awaited (up to a minute when the
 * core has to check the panel by reading it), the form says what is
 * happening, for how long, and that nothing will be resent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountOnPinia, settle } from './setup'

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
  vi.useRealTimers()
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('a create waiting for the panel', () => {
  it('shows the elapsed time and that nothing will be resent, then goes away with the answer', async () => {
    await settle()
    wrapper!.findComponent(PackagePicker).vm.$emit('update:modelValue', 2)
    await settle()
    byTestId('form-next')!.click()
    await settle()
    expect(byTestId('waiting-note')).toBeNull()
    const held = fake.current!.hold('lines:create')
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    byTestId('form-confirm')!.click()
    await settle()
    const note = byTestId('waiting-note')!
    expect(note.textContent).toContain('waiting for the panel’s answer')
    expect(note.textContent).toContain('will not be resent')
    expect(byTestId('waiting-elapsed')!.textContent).toBe('0 s')
    expect(byTestId('waiting-late')).toBeNull()

    vi.advanceTimersByTime(7000)
    await settle()
    expect(byTestId('waiting-elapsed')!.textContent).toBe('7 s')
    expect(byTestId('waiting-late')!.textContent).toContain('checks the panel by reading it')
    vi.advanceTimersByTime(60_000)
    await settle()
    expect(byTestId('waiting-elapsed')!.textContent).toBe('1 min 07 s')

    held.release()
    await settle()
    expect(byTestId('waiting-note')).toBeNull()
    expect(fake.current!.callsOf('lines:create')).toHaveLength(1)
  })
})
