// @vitest-environment happy-dom
/**
 * Issue #15 (languages): the credit charts write their axis numbers in the
 * language's own format (German 1.120, not echarts' English 1,120), and stay
 * left to right in Arabic, where time still runs left to right.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createPinia } from 'pinia'
import { mount } from '@vue/test-utils'
import type { CreditHistory } from '../../../electron/shared/views'
import { setLanguage } from '../../../src/i18n'
import { createFakeXm, type FakeXm } from './fake-xm'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

type Formatter = (v: number) => string
interface Axis { axisLabel?: { formatter?: Formatter } }
const options = vi.hoisted(() => [] as { xAxis: Axis; yAxis: Axis }[])
// echarts needs a canvas; what is checked is the option handed to it.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    setup: (props, { attrs }) => {
      options.push(props.option as (typeof options)[number])
      return () => h('div', { ...attrs, class: 'fake-chart' })
    },
  }),
}))

import CreditCharts from '../../../src/components/credits/CreditCharts.vue'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 11, 2, 12)
const history: CreditHistory = {
  from: NOW - 30 * DAY,
  to: NOW,
  points: [{ t: NOW - 30 * DAY, credits: 1120 }, { t: NOW, credits: 1000 }],
  spendByDay: [{ day: '2026-12-01', cost: 1500 }],
  spendByPackage: [{ packageId: 3, name: '3 Months', cost: 1500 }],
  burnPerDay: null,
  forecastDays: null,
}

afterEach(() => {
  options.length = 0
  setLanguage('en')
})

describe('credit charts in other languages', () => {
  beforeEach(() => {
    fake.current = createFakeXm()
  })

  it('formats every value axis in the language: 1.120 and 1.500 in German', () => {
    setLanguage('de')
    const w = mount(CreditCharts, { props: { history, color: '#18a058', dark: false, profileId: 'p1' }, global: { plugins: [createPinia()] } })
    expect(options).toHaveLength(3)
    const [balance, byDay, byPackage] = options
    expect(balance!.yAxis.axisLabel!.formatter!(1120)).toBe('1.120')
    expect(byDay!.yAxis.axisLabel!.formatter!(1500)).toBe('1.500')
    expect(byPackage!.xAxis.axisLabel!.formatter!(1500)).toBe('1.500')
    w.unmount()
  })

  it('keeps each chart left to right in Arabic, so "3 Months" is not reordered', () => {
    setLanguage('ar')
    const w = mount(CreditCharts, { props: { history, color: '#18a058', dark: false, profileId: 'p1' }, global: { plugins: [createPinia()] } })
    const charts = w.findAll('.fake-chart')
    expect(charts).toHaveLength(3)
    for (const c of charts) expect(c.attributes('dir')).toBe('ltr')
    w.unmount()
  })
})
