// @vitest-environment happy-dom
/**
 * Issue #15 (words): a drawer names every field in words ("User agent",
 * "Max connections"), never by the domain's field name (`userAgent`, `ip`),
 * for every resource — live connections included, whose list has few columns.
 */
import { describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { mount } from '@vue/test-utils'
import { ActiveCode, ActivityLog, CreditLog, EnigmaDevice, Line, LiveConnection, MagDevice, SubReseller, type Resource } from '../../../electron/shared/domain'
import { createFakeXm, line, type FakeXm } from './fake-xm'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import DetailFields from '../../../src/components/detail/DetailFields.vue'
import { fieldLabel } from '../../../src/lib/field-labels'

const SCHEMAS: Record<Resource, { shape: Record<string, unknown> }> = {
  lines: Line, mags: MagDevice, enigmas: EnigmaDevice, activecodes: ActiveCode, subResellers: SubReseller,
  activityLogs: ActivityLog, liveConnections: LiveConnection, creditLogs: CreditLog,
}

function labels(resource: Resource, row: Record<string, unknown>): string[] {
  fake.current = createFakeXm()
  const w = mount(DetailFields, { props: { resource, row: { profileId: 'p1', ...row } as never }, global: { plugins: [createPinia()] } })
  return w.findAll('.n-descriptions-table-header').map((th) => th.text())
}

describe('drawer field names', () => {
  it('a live connection reads in words', () => {
    const shown = labels('liveConnections', {
      id: 3, username: 'john', lineId: 1, streamId: 9, streamName: 'News', userAgent: 'VLC', userIp: '10.0.0.1', isp: 'X', country: 'DE', container: 'ts', dateStart: 1_700_000_000, deviceType: 'line', serverId: 1,
    })
    expect(shown).toEqual(expect.arrayContaining(['Username', 'User agent', 'Container', 'Started']))
    for (const raw of ['username', 'userAgent', 'container', 'userIp', 'streamId']) expect(shown).not.toContain(raw)
  })

  it('a line says "Max connections" and "Last activity" in full', () => {
    const shown = labels('lines', line(1, { maxConnections: 2, activeConnections: 1, lastActivity: 1_700_000_000 }))
    expect(shown).toEqual(expect.arrayContaining(['Max connections', 'Active connections', 'Last activity']))
  })

  it('every field of every resource has a label that is not its name', () => {
    const raw: string[] = []
    for (const [resource, schema] of Object.entries(SCHEMAS) as [Resource, (typeof SCHEMAS)[Resource]][]) {
      for (const key of Object.keys(schema.shape)) if (fieldLabel(resource, key) === key || /^[a-z]+[A-Z]/.test(fieldLabel(resource, key))) raw.push(`${resource}.${key}`)
    }
    expect(raw).toEqual([])
  })
})
