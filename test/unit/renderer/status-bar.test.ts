// @vitest-environment happy-dom
/**
 * Issue #15 (words): the status bar and a view's banner read the same state —
 * while a list's last refresh failed, the bar says so and never "All panels
 * reachable".
 */
import { describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { mount } from '@vue/test-utils'
import type { PanelStatus } from '../../../electron/shared/views'
import { createFakeXm, type FakeXm } from './fake-xm'
import { settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import StatusBar from '../../../src/components/shell/StatusBar.vue'
import { useProfilesStore } from '../../../src/stores/profiles'
import { useSyncStore } from '../../../src/stores/sync'

const up = (over: Partial<PanelStatus> = {}): PanelStatus => ({ profileId: 'p1', reachable: true, lastError: null, checkedAt: Date.now(), syncing: false, lastSyncAt: Date.now(), ...over })

async function bar(status: PanelStatus) {
  fake.current = createFakeXm()
  setActivePinia(createPinia())
  await useProfilesStore().load()
  useSyncStore().onStatus(status)
  const w = mount(StatusBar)
  await settle()
  return w
}

describe('status bar', () => {
  it('says the last refresh failed, not "All panels reachable", while a list’s sync failed', async () => {
    const w = await bar(up({ syncErrors: [{ resource: 'subResellers', code: 'BAD_RESPONSE', message: 'The panel sent something that is not a list.' }] }))
    const name = fake.current!.state.profiles[0]!.name
    expect(w.find('[data-testid="status-online"]').exists()).toBe(false)
    const failed = w.get('[data-testid="status-sync-failed"]')
    expect(failed.text()).toBe(`● Last refresh failed: ${name}`)
    expect(failed.attributes('title')).toBe(`${name}: The panel sent something that is not a list.`)
  })

  it('all well: "All panels reachable"', async () => {
    const w = await bar(up({ syncErrors: [] }))
    expect(w.get('[data-testid="status-online"]').text()).toContain('All panels reachable')
    expect(w.find('[data-testid="status-sync-failed"]').exists()).toBe(false)
  })

  it('an offline panel is shown as offline, not as a failed refresh', async () => {
    const w = await bar(up({ reachable: false, syncErrors: [{ resource: 'lines', code: 'OFFLINE', message: 'No answer.' }] }))
    expect(w.find('[data-testid="status-offline"]').exists()).toBe(true)
    expect(w.find('[data-testid="status-sync-failed"]').exists()).toBe(false)
  })
})
