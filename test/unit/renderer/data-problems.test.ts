// @vitest-environment happy-dom
/** The data-file notices (issue #12 §3) and Settings' logs and diagnostics (§5), over the fake contract. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { mount } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { freshPinia, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import DataProblemsBanner from '../../../src/components/support/DataProblemsBanner.vue'
import SettingsView from '../../../src/views/SettingsView.vue'

let pinia: ReturnType<typeof createPinia>
beforeEach(() => {
  fake.current = createFakeXm()
  pinia = freshPinia()
})

const journal = {
  id: 'journal',
  file: 'journal.db',
  message: 'The spending journal (journal.db) could not be used: it is not a database any more.',
  keptAs: 'journal.db.corrupt-1700000000000',
  blocksSpending: true,
}
const profiles = { id: 'file:profiles.json', file: 'profiles.json', message: 'The panels file is not valid JSON.', keptAs: null, blocksSpending: false }

function withProblems(list: unknown[]) {
  const info = fake.current!.handlers['app:info']!
  fake.current!.handlers['app:info'] = async (a) => ({ ...((await info(a)) as object), problems: list, logDir: '/data/logs' })
}

describe('DataProblemsBanner', () => {
  it('names each file, where the original was kept, and that spending waits; confirming removes it', async () => {
    withProblems([journal, profiles])
    const w = mount(DataProblemsBanner, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    const j = w.get('[data-testid="data-problem-journal"]')
    expect(j.text()).toContain('Something was wrong with journal.db')
    expect(j.text()).toContain('it is not a database any more')
    expect(j.text()).toContain('kept as journal.db.corrupt-1700000000000 in the data folder')
    expect(j.text()).toContain('Spending is paused until you confirm')
    expect(j.text()).toContain('allow spending again')
    const pr = w.get('[data-testid="data-problem-file:profiles.json"]')
    expect(pr.text()).not.toContain('Spending is paused')
    await j.get('[data-testid="data-problem-confirm"]').trigger('click')
    await settle()
    expect(fake.current!.callsOf('app:ackProblem')).toEqual([{ id: 'journal' }])
    expect(w.find('[data-testid="data-problem-journal"]').exists()).toBe(false)
    expect(w.find('[data-testid="data-problem-file:profiles.json"]').exists()).toBe(true)
    w.unmount()
  })

  it('keeps a notice when the core did not take the confirmation', async () => {
    withProblems([journal])
    const w = mount(DataProblemsBanner, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    fake.current!.failNext('app:ackProblem', { code: 'INTERNAL', message: 'no' })
    await w.get('[data-testid="data-problem-confirm"]').trigger('click')
    await settle()
    expect(w.find('[data-testid="data-problem-journal"]').exists()).toBe(true)
    w.unmount()
  })

  it('offers no confirmation for a notice only a restart clears', async () => {
    withProblems([{ ...journal, id: 'journal-damaged', keptAs: null, confirmable: false }])
    const w = mount(DataProblemsBanner, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(w.get('[data-testid="data-problem-journal-damaged"]').text()).toContain('Spending has stopped until the app is restarted')
    expect(w.find('[data-testid="data-problem-confirm"]').exists()).toBe(false)
    w.unmount()
  })

  it('shows nothing when every file was fine', async () => {
    const w = mount(DataProblemsBanner, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(w.find('[data-testid="data-problems"]').exists()).toBe(false)
    w.unmount()
  })
})

describe('Settings: logs and diagnostics', () => {
  it('opens the logs folder and copies the diagnostics to the clipboard', async () => {
    withProblems([])
    const copied: string[] = []
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (s: string) => void copied.push(s) }, configurable: true })
    const w = mount(SettingsView, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(w.get('[data-testid="settings-logDir"]').text()).toContain('/data/logs')
    await w.get('[data-testid="open-logs"]').trigger('click')
    await settle()
    expect(fake.current!.callsOf('app:openLogs')).toHaveLength(1)
    await w.get('[data-testid="copy-diagnostics"]').trigger('click')
    await settle()
    expect(copied).toEqual(['XM Reseller Desk diagnostics\nApp version: 0 (loopback)'])
    w.unmount()
  })

  it('shows the diagnostics to copy by hand when the clipboard refuses', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async () => { throw new Error('denied') } }, configurable: true })
    const w = mount(SettingsView, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    await w.get('[data-testid="copy-diagnostics"]').trigger('click')
    await settle()
    expect((w.get('[data-testid="diagnostics-text"] textarea').element as HTMLTextAreaElement).value).toContain('App version: 0')
    w.unmount()
  })
})
