// @vitest-environment happy-dom
/**
 * Issue #15 (credits): the 7/30/90-day buttons ask the core for that range,
 * the balance chart spans the range it was given, and a slow answer for a
 * range no longer picked never replaces the one on screen.
 */
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createPinia } from 'pinia'
import { mount } from '@vue/test-utils'
import type { CreditHistory } from '../../../electron/shared/views'
import { createFakeXm, type FakeXm } from './fake-xm'
import { settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))
// echarts needs a canvas; the chart's option is what this test reads.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    setup: (props, { attrs }) => () => h('div', { ...attrs, class: 'fake-chart', 'data-option': JSON.stringify(props.option) }),
  }),
}))

import CreditsView from '../../../src/views/CreditsView.vue'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 11, 2, 12)
const historyOf = (days: number): CreditHistory => ({
  from: NOW - days * DAY,
  to: NOW,
  points: [{ t: NOW - days * DAY, credits: 100 + days }, { t: NOW, credits: 100 }],
  spendByDay: [],
  spendByPackage: [],
  burnPerDay: null,
  forecastDays: null,
})

function mounted(answer: (days: number) => Promise<CreditHistory> | CreditHistory) {
  fake.current = createFakeXm()
  fake.current.handlers['credits:history'] = (a: { days: number }) => answer(a.days)
  return mount(CreditsView, { global: { plugins: [createPinia()] }, attachTo: document.body })
}
const balanceOption = (w: ReturnType<typeof mounted>) => JSON.parse(w.find('[data-testid="chart-balance"]').attributes('data-option')!)

describe('credits view', () => {
  it('counts what expires in 7 days with the lists’ own chip query, and says what it counts', async () => {
    const w = mounted((days) => historyOf(days))
    fake.current!.handlers['cache:query'] = (q: { resource: string; status?: string[]; expiringDays?: number }) => ({
      rows: [],
      total: q.status?.join() === 'expiring' && q.expiringDays === 7 ? { lines: 12, mags: 1, enigmas: 0 }[q.resource] : -1,
      panels: [],
    })
    await settle()
    const box = w.find('[data-testid="credits-expiring"]')
    expect(box.find('[data-testid="credits-expiring-lines"]').text()).toBe('12 lines')
    expect(box.find('[data-testid="credits-expiring-mags"]').text()).toBe('1 MAG device')
    expect(box.find('[data-testid="credits-expiring-enigmas"]').text()).toBe('0 Enigma2 devices')
    expect(box.text()).toContain('enabled, not yet expired, expiring within 7 days')
    w.unmount()
  })

  it('asks for the range picked and draws the chart over all of it', async () => {
    const w = mounted((days) => historyOf(days))
    await settle()
    expect(fake.current!.callsOf('credits:history').map((a) => a.days)).toEqual([30])
    await w.find('[data-testid="credits-range-90"]').trigger('click')
    await settle()
    expect(fake.current!.callsOf('credits:history').map((a) => a.days)).toEqual([30, 90])
    const option = balanceOption(w)
    expect(option.xAxis).toMatchObject({ min: NOW - 90 * DAY, max: NOW })
    expect(option.series[0].data).toEqual([[NOW - 90 * DAY, 190], [NOW, 100]])
    w.unmount()
  })

  it('names the spend bars in words: package names, what a charge was, never "Package #0"', async () => {
    const w = mounted((days) => ({
      ...historyOf(days),
      spendByPackage: [
        { packageId: 2, name: 'ignored', cost: 26, group: 'package', kind: null },
        { packageId: null, name: 'Credits given to sub-resellers', cost: 20, group: 'kind', kind: 'user:adjust_credits' },
        { packageId: null, name: 'Not itemised (balance changes between checks)', cost: 4, group: 'unitemised', kind: null },
        { packageId: 404, name: 'Package #404', cost: 3, group: 'package', kind: null },
      ],
    }))
    await settle()
    const option = JSON.parse(w.find('[data-testid="chart-by-package"]').attributes('data-option')!)
    expect(option.yAxis.data).toEqual(['3 Months', 'Credits given to sub-resellers', 'Not itemised (balance changes between checks)', 'Package 404'])
    w.unmount()
  })

  it('keeps the newest range when an older one answers late', async () => {
    const pending: Record<number, (h: CreditHistory) => void> = {}
    const w = mounted((days) => (days === 30 ? historyOf(30) : new Promise((r) => (pending[days] = r))))
    await settle()
    await w.find('[data-testid="credits-range-90"]').trigger('click')
    await settle()
    await w.find('[data-testid="credits-range-7"]').trigger('click')
    await settle()
    pending[7]!(historyOf(7))
    await settle()
    pending[90]!(historyOf(90)) // the 90-day answer arrives last
    await settle()
    expect(balanceOption(w).xAxis).toMatchObject({ min: NOW - 7 * DAY })
    w.unmount()
  })
})
