/** Packages, account snapshots, sync bookkeeping, credit snapshots, deleting a panel. */
import { describe, expect, it } from 'vitest'
import type { AccountInfo } from '../../../electron/shared/domain'
import { line, mag, NOW, pkg } from '../../helpers/rows'
import { tempCache } from './temp-cache'

const account: AccountInfo = {
  id: 3,
  username: 'me',
  email: 'me@example.com',
  credits: 120.5,
  enabled: true,
  resellerDns: 'dns.example',
  memberGroupId: 3,
  createdAt: 1,
  permissions: {
    allowChangeUsername: true,
    allowChangePassword: null,
    allowChangeBouquets: false,
    allowRestrictions: null,
    minUsernameLength: 6,
    minPasswordLength: 6,
    totalAllowedTrials: 10,
    createSubResellerPrice: null,
    minCodeLength: null,
    maxCodeLength: null,
  },
}

describe('panel data beside the lists', () => {
  it('packages are replaced per panel', () => {
    const cache = tempCache()
    cache.setPackages('p1', [pkg(2, { name: 'Two' }), pkg(1, { name: 'One' })], 10)
    cache.setPackages('p2', [pkg(9, { name: 'Nine' })], 10)
    cache.setPackages('p1', [pkg(3, { name: 'Three' }), pkg(1, { name: 'One' })], 20)
    expect(cache.getPackages('p1')).toEqual([pkg(1, { name: 'One' }), pkg(3, { name: 'Three' })])
    expect(cache.getPackages('p2')).toEqual([pkg(9, { name: 'Nine' })])
    expect(cache.getSyncMeta('p1', 'packages')).toEqual({ syncedAt: 20, error: null })
    expect(cache.getPackages('none')).toEqual([])
  })

  it('account snapshot', () => {
    const cache = tempCache()
    expect(cache.getAccount('p1')).toBeNull()
    cache.setAccount('p1', account, 30)
    cache.setAccount('p1', { ...account, credits: 99 }, 40)
    expect(cache.getAccount('p1')).toEqual({ info: { ...account, credits: 99 }, at: 40 })
    expect(cache.getSyncMeta('p1', 'account').syncedAt).toBe(40)
  })

  it('sync meta keeps fields that are not given', () => {
    const cache = tempCache()
    expect(cache.getSyncMeta('p1', 'mags')).toEqual({ syncedAt: null, error: null })
    cache.setSyncMeta('p1', 'mags', { syncedAt: 5 })
    cache.setSyncMeta('p1', 'mags', { error: 'Panel offline' })
    expect(cache.getSyncMeta('p1', 'mags')).toEqual({ syncedAt: 5, error: 'Panel offline' })
    cache.setSyncMeta('p1', 'mags', { error: null, syncedAt: null })
    expect(cache.getSyncMeta('p1', 'mags')).toEqual({ syncedAt: null, error: null })
  })

  it('credit snapshots come back in time order from a moment on', () => {
    const cache = tempCache()
    cache.addCreditSnapshot('p1', 300, 7)
    cache.addCreditSnapshot('p1', 100, 10)
    cache.addCreditSnapshot('p1', 200, 9)
    cache.addCreditSnapshot('p2', 150, 1)
    expect(cache.creditSnapshots('p1', 0)).toEqual([
      { t: 100, credits: 10 },
      { t: 200, credits: 9 },
      { t: 300, credits: 7 },
    ])
    expect(cache.creditSnapshots('p1', 200)).toEqual([
      { t: 200, credits: 9 },
      { t: 300, credits: 7 },
    ])
  })

  it('deleteProfile forgets one panel entirely, search included', () => {
    const cache = tempCache()
    for (const p of ['p1', 'p2']) {
      cache.replaceAll(p, 'lines', [line(1), line(2)], null, 1)
      cache.replaceAll(p, 'mags', [mag(1)], null, 1)
      cache.setPackages(p, [pkg(1, { name: 'One' })], 1)
      cache.setAccount(p, account, 1)
      cache.addCreditSnapshot(p, 1, 5)
    }
    cache.deleteProfile('p1')
    expect(cache.count('p1', 'lines')).toBe(0)
    expect(cache.count('p1', 'mags')).toBe(0)
    expect(cache.getPackages('p1')).toEqual([])
    expect(cache.getAccount('p1')).toBeNull()
    expect(cache.getSyncMeta('p1', 'lines')).toEqual({ syncedAt: null, error: null })
    expect(cache.creditSnapshots('p1', 0)).toEqual([])
    expect(cache.search('user1', 10).map((h) => h.profileId)).toEqual(['p2'])
    expect(cache.count('p2', 'lines')).toBe(2)
    expect(cache.query({ profileIds: 'all', resource: 'lines', offset: 0, limit: 10 }, NOW).total).toBe(2)
  })
})
