/** The action table: complete, consistent, and the types derived from it. */
import { describe, expect, it } from 'vitest'
import { ACTIONS, ACTION_NAMES, spendsCredits } from '../../../electron/core/api/actions'

// The 44 actions of the XM reseller API reference, read off its curl examples.
// (Their derived types are checked in test/types/actions.test-d.ts.)
const DOC_ACTIONS = `user_info packages
create_line edit_line get_line get_lines delete_line disable_line enable_line
create_mag edit_mag get_mag get_mags delete_mag disable_mag enable_mag convert_mag
create_enigma edit_enigma get_enigma get_enigmas delete_enigma disable_enigma enable_enigma convert_enigma
create_activecode edit_activecode get_activecode get_activecodes delete_activecode disable_activecode enable_activecode reset_activecode
create_user edit_user get_user get_users delete_user disable_user enable_user adjust_credits
activity_logs live_connections user_logs`.split(/\s+/)

describe('ACTIONS', () => {
  it('holds exactly the 44 documented actions', () => {
    expect(DOC_ACTIONS).toHaveLength(44)
    expect([...ACTION_NAMES].sort()).toEqual([...DOC_ACTIONS].sort())
  })

  it('reads are GET and never spend; writes are POST', () => {
    for (const name of ACTION_NAMES) {
      const def = ACTIONS[name]
      expect(def.method, name).toBe(def.kind === 'read' ? 'GET' : 'POST')
      if (def.kind === 'read') expect(def.spends, name).toBe('never')
      const isRead = /^(get_|user_info$|packages$|activity_logs$|live_connections$|user_logs$)/.test(name)
      expect(def.kind, name).toBe(isRead ? 'read' : 'write')
    }
  })

  it('marks what spends credits', () => {
    const always = ACTION_NAMES.filter((n) => ACTIONS[n].spends === 'always').sort()
    expect(always).toEqual([
      'adjust_credits',
      'create_activecode',
      'create_enigma',
      'create_line',
      'create_mag',
      'create_user',
    ])
    const withPackage = ACTION_NAMES.filter((n) => ACTIONS[n].spends === 'with-package').sort()
    expect(withPackage).toEqual(['edit_activecode', 'edit_enigma', 'edit_line', 'edit_mag'])
    expect(spendsCredits('edit_line', { id: 1 })).toBe(false)
    expect(spendsCredits('edit_line', { id: 1, package: 2 })).toBe(true)
    expect(spendsCredits('create_line', { package: 1, trial: true })).toBe(true)
    expect(spendsCredits('delete_line', { id: 1 })).toBe(false)
  })

  it('list actions are flagged and take the list params', () => {
    const lists = ACTION_NAMES.filter((n) => 'list' in ACTIONS[n]).sort()
    expect(lists).toEqual([
      'activity_logs',
      'get_activecodes',
      'get_enigmas',
      'get_lines',
      'get_mags',
      'get_users',
      'live_connections',
      'user_logs',
    ])
    for (const n of lists)
      expect(
        ACTIONS[n].params.safeParse({ start: 0, limit: 1000, search: 'x', filter: 5, orderColumn: 1, orderDir: 'desc' })
          .success,
      ).toBe(true)
  })

  it('param schemas refuse unknown keys and wrong types', () => {
    expect(ACTIONS.create_line.params.safeParse({ package: 1, trial: false }).success).toBe(true)
    expect(ACTIONS.create_line.params.safeParse({ package: 1, trial: false, is_isplock: 0 }).success).toBe(false)
    expect(ACTIONS.create_line.params.safeParse({ package: 1, trial: false, max_connections: 3 }).success).toBe(false)
    expect(ACTIONS.get_lines.params.safeParse({ filter: 6 }).success).toBe(false)
    expect(ACTIONS.adjust_credits.params.safeParse({ id: 1, credits: 0 }).success).toBe(false)
    expect(ACTIONS.adjust_credits.params.safeParse({ id: 1, credits: -5 }).success).toBe(true)
  })
})
