import { describe, expect, test } from 'vitest'
import type { ActiveCode, Line, MagDevice } from '../../../electron/shared/domain'
import { activeCodeEditParams, deviceEditParams, lineEditParams, subResellerEditParams } from '../../../electron/core/writes/merge'
import { encodeParams } from '../../../electron/core/api'
import { line as lineRow } from '../../helpers/rows'

/** A locked line with notes, IPs and bouquets: everything an edit must not blank. */
const line = (over: Partial<Line> = {}): Line =>
  lineRow(7, { username: 'alice123', password: 'pw123456', memberId: 3, ownerName: null, packageId: 2, expDate: 1_800_000_000, isIspLock: true, allowedIps: ['1.2.3.4'], resellerNotes: 'Paid cash', ...over })

describe('edits resend what the panel would blank (panel-api §4)', () => {
  test('a username-only edit still carries notes, allowed IPs, ISP lock and bouquets', () => {
    expect(lineEditParams(line(), { username: 'alice999' })).toEqual({
      id: 7,
      username: 'alice999',
      reseller_notes: 'Paid cash',
      allowed_ips: ['1.2.3.4'],
      is_isplock: true,
      bouquets_selected: [1, 2],
    })
  })

  test("the user's changes win over the current row", () => {
    expect(lineEditParams(line(), { notes: '', allowedIps: [], bouquets: [3] })).toMatchObject({
      reseller_notes: '',
      allowed_ips: [],
      bouquets_selected: [3],
    })
  })

  test('is_isplock is sent only when the final state is locked, never as false/0 (panel-api §2)', () => {
    const unlocking = lineEditParams(line({ isIspLock: true }), { ispLock: false })
    expect(unlocking).not.toHaveProperty('is_isplock')
    const staysUnlocked = lineEditParams(line({ isIspLock: false }), {})
    expect(staysUnlocked).not.toHaveProperty('is_isplock')
    const locking = lineEditParams(line({ isIspLock: false }), { ispLock: true })
    expect(locking.is_isplock).toBe(true)
    // On the wire: no is_isplock pair at all when unlocked.
    expect(encodeParams(unlocking).some(([k]) => k === 'is_isplock')).toBe(false)
    expect(encodeParams(locking)).toContainEqual(['is_isplock', '1'])
  })

  test('an extension is the same merge plus the package', () => {
    expect(lineEditParams(line(), {}, 4)).toEqual({
      id: 7,
      package: 4,
      reseller_notes: 'Paid cash',
      allowed_ips: ['1.2.3.4'],
      is_isplock: true,
      bouquets_selected: [1, 2],
    })
  })

  test('devices and activation codes keep their notes, allowed IPs and lock', () => {
    const mag = { ...line(), lineId: 70, mac: '00:1A:79:00:00:01', stbType: 'MAG250' } as unknown as MagDevice
    expect(deviceEditParams(mag, { mac: '00:1A:79:00:00:02' })).toEqual({
      id: 7,
      mac: '00:1A:79:00:00:02',
      reseller_notes: 'Paid cash',
      allowed_ips: ['1.2.3.4'],
      is_isplock: true,
      bouquets_selected: [1, 2],
    })
    const code = { ...line(), code: '1234567890', mac: null, isIspLock: false } as unknown as ActiveCode
    expect(activeCodeEditParams(code, {}, 2)).toEqual({ id: 7, package: 2, reseller_notes: 'Paid cash', bouquets_selected: [1, 2] })
  })

  test('a device edit sends the allowed IPs the user set, and an unlocked device omits is_isplock', () => {
    const mag = { ...line(), isIspLock: false, lineId: 70, mac: '00:1A:79:00:00:01', stbType: 'MAG250' } as unknown as MagDevice
    const params = deviceEditParams(mag, { allowedIps: ['9.9.9.9'] })
    expect(params.allowed_ips).toEqual(['9.9.9.9'])
    expect(params).not.toHaveProperty('is_isplock')
    expect(deviceEditParams(mag, { allowedIps: [] }).allowed_ips).toEqual([])
  })

  test('sub-reseller edits resend notes, e-mail, DNS and group', () => {
    const sub = { id: 5, username: 'sub1', email: 'a@b.c', credits: 3, enabled: true, ownerId: 3, ownerName: null, memberGroupId: 4, groupName: null, notes: 'n', resellerDns: 'dns.x', ip: '', dateRegistered: null, lastLogin: null, lineCount: 0 }
    expect(subResellerEditParams(sub, { password: 'newpass99' })).toEqual({
      id: 5,
      password: 'newpass99',
      email: 'a@b.c',
      member_group_id: 4,
      reseller_dns: 'dns.x',
      notes: 'n',
    })
  })
})
