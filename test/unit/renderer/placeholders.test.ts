// @vitest-environment happy-dom
/** No "Please Input" / "Please Select" (naive-ui's English defaults) anywhere in the app's forms. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountAppShell, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import App from '../../../src/App.vue'
import { useUiStore } from '../../../src/stores/ui'

let wrapper: VueWrapper | null = null
afterEach(() => wrapper?.unmount())

describe('placeholders', () => {
  it('the panel form and the credit settings carry no "Please Input" / "Please Select"', async () => {
    localStorage.clear()
    fake.current = createFakeXm()
    wrapper = await mountAppShell(App)
    useUiStore().panelEditor = 'new'
    await settle(8)
    expect(byTestId('panel-form')).not.toBeNull()
    const placeholders = [...document.querySelectorAll<HTMLInputElement>('input, textarea')].map((i) => i.placeholder)
    const shown = [...document.querySelectorAll('.n-base-selection-placeholder, .n-input__placeholder')].map((e) => e.textContent?.trim())
    expect(placeholders.length).toBeGreaterThan(3)
    for (const p of [...placeholders, ...shown]) expect(p).not.toMatch(/Please (Input|Select)/)
  })
})
