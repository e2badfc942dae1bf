// @vitest-environment happy-dom
/** Commands main sends the page (tray menu, notification clicks) open the view they name. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { mountAppShell, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import App from '../../../src/App.vue'
import { useTabsStore } from '../../../src/stores/tabs'

let wrapper: VueWrapper | null = null
beforeEach(() => localStorage.clear())
afterEach(() => wrapper?.unmount())

describe('app commands', () => {
  it('open-radar (the tray\'s renewals entry, the renewal notification) opens the radar and syncs nothing', async () => {
    fake.current = createFakeXm()
    wrapper = await mountAppShell(App)
    const syncs = fake.current.callsOf('sync:run').length
    fake.current.emit('app:command', { command: 'open-radar' })
    await settle()
    expect(useTabsStore().active?.kind).toBe('radar')
    expect(fake.current.callsOf('sync:run')).toHaveLength(syncs)
    fake.current.emit('app:command', { command: 'open-credits' })
    await settle()
    expect(useTabsStore().active?.kind).toBe('credits')
  })
})
