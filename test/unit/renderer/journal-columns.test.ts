// @vitest-environment happy-dom
/**
 * Issue #15 (words): the Journal says what the reseller did ("Extend line"),
 * not the API's action name; Target is wide enough and shows all of itself on
 * hover; Detail is never empty beside a write that simply worked.
 */
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { NDataTable } from 'naive-ui'
import type { JournalEntry } from '../../../electron/shared/views'
import { journalColumns } from '../../../src/components/journal/journal-columns'
import { formatWhen } from '../../../src/lib/dates'

const base: JournalEntry = {
  id: 1, profileId: 'p1', profileName: 'Panel', action: 'create_line', resource: 'lines', target: 'john', params: {},
  expectedCost: 5, balanceBefore: 100, balanceAfter: 95, outcome: 'succeeded', errorCode: null, errorMessage: null,
  evidence: null, response: null, bulkRunId: null, startedAt: Date.UTC(2026, 11, 2, 9, 30, 15), finishedAt: 1,
}
const names = (profileId: string, id: unknown) => (profileId === 'p1' && id === 2 ? '1 month Full HD' : null)

function table(entries: JournalEntry[]) {
  const columns = journalColumns({ check: () => undefined, decide: () => undefined, packageName: names })
  return { w: mount(NDataTable, { props: { columns, data: entries, rowKey: (e: JournalEntry) => e.id } }), columns }
}
const cells = (w: ReturnType<typeof table>['w'], id: string) => w.findAll(`[data-testid="${id}"]`).map((c) => c.text())

describe('journal columns', () => {
  it('name what the reseller did, keeping the API name one hover away', () => {
    const { w } = table([
      { ...base, id: 1, action: 'edit_line', params: { id: 4, package: 2 } },
      { ...base, id: 2, action: 'edit_line', params: { id: 4, reseller_notes: 'x' } },
      { ...base, id: 3, action: 'adjust_credits', params: { id: 9, credits: -5 } },
    ])
    expect(cells(w, 'journal-action')).toEqual(['Extend line', 'Edit line', 'Take credits back'])
    expect(w.find('[data-testid="journal-action"]').attributes('title')).toBe('edit_line')
    expect(w.text()).not.toContain('edit_line')
  })

  it('give Target a width of its own and its whole text on hover', () => {
    const { columns } = table([])
    const target = columns.find((c) => 'key' in c && c.key === 'target') as { width?: number; ellipsis?: unknown }
    expect(target.width).toBeGreaterThanOrEqual(200)
    expect(target.ellipsis).toEqual({ tooltip: true })
  })

  it('say in Detail what a write that simply worked did', () => {
    const { w } = table([
      { ...base, id: 1, action: 'edit_line', params: { id: 4, package: 2 }, response: { exp_date: 1_800_000_000 } },
      { ...base, id: 2, action: 'adjust_credits', params: { id: 9, credits: 50 }, bulkRunId: 'b1' },
      { ...base, id: 3, action: 'create_line', params: { package: 7 } },
    ])
    expect(cells(w, 'journal-detail')).toEqual([
      `Package: 1 month Full HD · expires ${formatWhen('table', 1_800_000_000_000)}`,
      '50 credits given · part of a bulk run',
      'Package: #7',
    ])
  })

  it('date entries the journal way, to the second', () => {
    const { w } = table([base])
    expect(w.find('tbody td').text()).toBe(formatWhen('journal', base.startedAt))
    expect(formatWhen('journal', base.startedAt)).toMatch(/:15/)
  })
})
