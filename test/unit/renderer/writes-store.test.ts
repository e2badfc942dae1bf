// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { XmApi } from '../../../electron/shared/contract'
import { createFakeXm, type FakeXm } from './fake-xm'
import { settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import { useWritesStore } from '../../../src/stores/writes'
import { useCreditsStore } from '../../../src/stores/credits'
import { useSyncStore } from '../../../src/stores/sync'

beforeEach(() => {
  fake.current = createFakeXm({ credits: 100 })
  setActivePinia(createPinia())
})

describe('writes store', () => {
  it('sends a spending write once, however many times it is asked while in flight', async () => {
    const writes = useWritesStore()
    const held = fake.current!.hold('lines:extend')
    const a = writes.write('lines', 'extend', { profileId: 'p1', id: 5, packageId: 2 })
    const b = writes.write('lines', 'extend', { profileId: 'p1', id: 5, packageId: 2 })
    expect(writes.isBusy(writes.busyKey('lines', 'extend', 'p1', 5))).toBe(true)
    expect(await b).toBeNull()
    held.release()
    const r = await a
    expect(r?.cost).toBe(13)
    expect(fake.current!.callsOf('lines:extend')).toHaveLength(1)
    expect(writes.inFlight).toEqual([])
  })

  it('shows the new balance and asks views to re-query after a write', async () => {
    const credits = useCreditsStore()
    await credits.load()
    const sync = useSyncStore()
    await useWritesStore().write('lines', 'create', { profileId: 'p1', packageId: 1, trial: false })
    expect(credits.byId.get('p1')?.credits).toBe(95)
    expect(sync.lastChange).toMatchObject({ profileId: 'p1', resource: 'lines' })
  })

  it('tells the user when a write was only confirmed by reading the panel back', async () => {
    fake.current!.state.lines[0]!.enabled = true
    const writes = useWritesStore()
    const r = await writes.write('lines', 'disable', { profileId: 'p1', id: 1 })
    expect(r?.extra).toBeNull()
    expect(document.body.textContent).not.toContain('checked, not resent')
    fake.current!.state.reconcileNext = true
    expect(await writes.write('lines', 'enable', { profileId: 'p1', id: 1 })).not.toBeNull()
    await settle()
    expect(document.body.textContent).toContain('the panel shows it was applied (checked, not resent)')
    fake.current!.failNext('lines:enable', { code: 'OUTCOME_UNKNOWN', message: 'x' })
    expect(await writes.write('lines', 'enable', { profileId: 'p1', id: 1 })).toBeNull()
    expect(writes.lastErrorCode).toBe('OUTCOME_UNKNOWN')
  })

  it('answers null on an error and frees the target again', async () => {
    fake.current!.failNext('lines:create', { code: 'INSUFFICIENT_CREDITS', message: 'x' })
    const writes = useWritesStore()
    expect(await writes.write('lines', 'create', { profileId: 'p1', packageId: 1, trial: false })).toBeNull()
    expect(writes.inFlight).toEqual([])
    expect(await writes.write('lines', 'create', { profileId: 'p1', packageId: 1, trial: false })).not.toBeNull()
  })

  it('a write the handle lacks is an error the user sees, never a silent null behind an older error code', async () => {
    const writes = useWritesStore()
    fake.current!.failNext('lines:enable', { code: 'OUTCOME_UNKNOWN', message: 'x' })
    expect(await writes.write('lines', 'enable', { profileId: 'p1', id: 1 })).toBeNull()
    expect(writes.lastErrorCode).toBe('OUTCOME_UNKNOWN')
    // A handle without line writes (an older preload than the page).
    fake.current!.xm = { lines: {} } as unknown as XmApi
    expect(await writes.write('lines', 'enable', { profileId: 'p1', id: 1 })).toBeNull()
    expect(writes.lastErrorCode).toBe('INTERNAL')
    expect(writes.inFlight).toEqual([])
  })
})
