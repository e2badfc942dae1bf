/** The XM doc's own response examples, through the full parse + normalise path. */
import { describe, expect, it } from 'vitest'
import { AccountInfo, ActiveCode, Line, Package } from '../../../electron/shared/domain'
import { parseResponse } from '../../../electron/core/api/parse'
import { fixture } from './fixtures'

const utc = (s: string) => Date.parse(s.replace(' ', 'T') + 'Z') / 1000

// Alike on purpose: each test parses one fixture and spells out the domain row it must become.
describe('doc examples → domain', () => {
  it('user_info → AccountInfo with default permissions (no permissions sibling in the doc)', () => {
    const info = parseResponse('user_info', 200, fixture('doc/user_info.json'))
    expect(AccountInfo.parse(info)).toEqual(info)
    expect(info).toMatchObject({
      id: 152,
      username: 'myreseller',
      email: 'reseller@example.com',
      credits: 485,
      enabled: true,
      resellerDns: 'my.dns.com',
      memberGroupId: 3,
      createdAt: utc('2024-01-15 10:30:00'),
    })
    expect(info.permissions).toEqual({
      allowChangeUsername: null,
      allowChangePassword: null,
      allowChangeBouquets: null,
      allowRestrictions: null,
      minUsernameLength: 8,
      minPasswordLength: 8,
      totalAllowedTrials: null,
      createSubResellerPrice: null,
      minCodeLength: null,
      maxCodeLength: null,
    })
  })

  it('packages (doc shape: one credits price, duration_months) → Package[]', () => {
    const pkgs = parseResponse('packages', 200, fixture('doc/packages.json'))
    expect(pkgs).toHaveLength(2)
    for (const p of pkgs) expect(Package.parse(p)).toEqual(p)
    expect(pkgs[0]).toEqual({
      id: 1,
      name: '1 Month',
      isTrial: false,
      isOfficial: true,
      officialCredits: 5,
      trialCredits: 5,
      officialDuration: 1,
      officialDurationIn: 'months',
      trialDuration: 1,
      trialDurationIn: 'months',
      isLine: null,
      isMag: null,
      isEnigma: null,
      groups: [1, 3, 5],
      bouquets: [],
      maxConnections: null,
    })
    expect(pkgs[1]).toMatchObject({
      id: 2,
      name: '24h Trial',
      isTrial: true,
      officialCredits: 0,
      trialCredits: 0,
      groups: [1, 3],
    })
  })

  it('create_line (doc subset) → Line with safe defaults', () => {
    const line = parseResponse('create_line', 200, fixture('doc/create_line.json'), { package: 1, trial: false })
    expect(Line.parse(line)).toEqual(line)
    expect(line).toEqual({
      id: 4521,
      username: 'customer1',
      password: 'securepass',
      memberId: null,
      ownerName: null,
      packageId: 1,
      expDate: 1740000000,
      createdAt: utc('2025-01-15 14:30:00'),
      enabled: true,
      adminEnabled: true,
      isTrial: false,
      isIspLock: false,
      maxConnections: null,
      activeConnections: null,
      allowedIps: [],
      bouquets: [],
      resellerNotes: 'Premium customer',
      lastActivity: null,
    })
  })

  it('get_line (doc: bouquets array, allowed_ips array, status) → Line', () => {
    const line = parseResponse('get_line', 200, fixture('doc/get_line.json'), { id: 4521 })
    expect(Line.parse(line)).toEqual(line)
    expect(line).toMatchObject({
      id: 4521,
      bouquets: [1, 4, 7],
      allowedIps: [],
      isIspLock: false,
      enabled: true,
      packageId: 1,
    })
  })

  it('create_activecode (doc, with code) → ActiveCode', () => {
    const code = parseResponse('create_activecode', 200, fixture('doc/create_activecode.json'), {
      package: 1,
      trial: false,
    })
    expect(ActiveCode.parse(code)).toEqual(code)
    expect(code).toMatchObject({
      id: 892,
      code: 'PROMO-2025-ABCD',
      packageId: 1,
      isTrial: false,
      enabled: true,
      resellerNotes: '',
      mac: null,
    })
  })

  it('reset_activecode → {oldCode, newCode}', () => {
    expect(parseResponse('reset_activecode', 200, fixture('doc/reset_activecode.json'), { id: 892 })).toEqual({
      oldCode: 'PROMO-2025-ABCD',
      newCode: 'XM-8F3K-Q9W2-LP7N',
    })
  })

  it('adjust_credits (doc data) → balances', () => {
    expect(parseResponse('adjust_credits', 200, fixture('doc/adjust_credits.json'), { id: 88, credits: 50 })).toEqual({
      id: 88,
      creditsBefore: 100,
      creditsAfter: 150,
      adjusted: 50,
    })
  })

  it('adjust_credits (bare, upstream: no data) → the request echoed as the adjustment, balances unknown', () => {
    expect(parseResponse('adjust_credits', 200, '{"status":"STATUS_SUCCESS"}', { id: 88, credits: -20 })).toEqual({
      id: 88,
      creditsBefore: null,
      creditsAfter: null,
      adjusted: -20,
    })
  })

  it('delete / enable / disable → true', () => {
    for (const a of ['delete_line', 'enable_mag', 'disable_enigma', 'delete_activecode', 'enable_user'] as const) {
      expect(parseResponse(a, 200, '{"status":"STATUS_SUCCESS"}', { id: 1 })).toBe(true)
    }
  })
})
