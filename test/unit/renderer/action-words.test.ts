/** The credit log and the journal say what the reseller did, not the API's plumbing. */
import { describe, expect, it } from 'vitest'
import { creditLogAction, journalAction } from '../../../src/lib/action-words'

describe('credit log actions', () => {
  it('names type + action in words', () => {
    expect(creditLogAction('line', 'new')).toBe('New line')
    expect(creditLogAction('line', 'extend')).toBe('Line extended')
    expect(creditLogAction('user', 'adjust_credits')).toBe('Credits moved to a sub-reseller')
    expect(creditLogAction('user', 'new')).toBe('New sub-reseller')
  })
  it('shows an action it does not know as the panel wrote it, never blank', () => {
    expect(creditLogAction('line', 'send_event')).toBe('line send_event')
    expect(creditLogAction(null, null)).toBe('—')
  })
})

describe('journal actions', () => {
  it('an edit with a package is an extension', () => {
    expect(journalAction('edit_line', { id: 4, package: 2 })).toBe('Extend line')
    expect(journalAction('edit_line', { id: 4, reseller_notes: 'x' })).toBe('Edit line')
    expect(journalAction('edit_mag', { id: 4, package: 2 })).toBe('Extend MAG device')
  })
  it('a credit move says which way it went', () => {
    expect(journalAction('adjust_credits', { id: 9, credits: 5 })).toBe('Give credits')
    expect(journalAction('adjust_credits', { id: 9, credits: -5 })).toBe('Take credits back')
  })
  it('creates, toggles and deletes in words; an unknown action as it is', () => {
    expect(journalAction('create_line', {})).toBe('New line')
    expect(journalAction('disable_enigma', {})).toBe('Disable Enigma2 device')
    expect(journalAction('convert_mag', {})).toBe('MAG device → line')
    expect(journalAction('something_new', null)).toBe('something_new')
  })
})

describe('the credit-log table', () => {
  it('shows the action in words and no "#0" package for non-package rows', async () => {
    const { buildColumns } = await import('../../../src/components/table/columns')
    const cols = buildColumns({
      resource: 'creditLogs',
      visible: ['action', 'packageId'],
      sort: null,
      nowSec: 0,
      showPanel: false,
      profiles: new Map(),
      packageName: (_p, id) => (id === 3 ? '1 Month' : null),
      selectable: false,
    }) as { key: string; render: (row: Record<string, unknown>) => unknown }[]
    const render = (key: string, row: Record<string, unknown>) => cols.find((c) => c.key === key)!.render({ profileId: 'p1', ...row })
    expect(render('action', { type: 'user', action: 'adjust_credits' })).toBe('Credits moved to a sub-reseller')
    expect(render('packageId', { packageId: 0 })).toBe('—')
    expect(render('packageId', { packageId: 3 })).toBe('1 Month')
    expect(render('packageId', { packageId: 404 })).toBe('#404')
  })
})
