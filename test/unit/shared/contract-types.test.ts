import { describe, expect, it } from 'vitest'
import { METHOD_NAMES, EVENT_NAMES, methodPath, eventPath, parseArgs } from '../../../electron/shared/contract'

describe('contract', () => {
  it('names are ns:fn and unique once mapped to window.xm paths', () => {
    const paths = [...METHOD_NAMES.map(methodPath), ...EVENT_NAMES.map(eventPath)].map((p) => p.join('.'))
    expect(new Set(paths).size).toBe(paths.length)
    for (const n of [...METHOD_NAMES, ...EVENT_NAMES]) expect(n).toMatch(/^[a-z][A-Za-z]+:[a-z][A-Za-z]+$/)
  })
  it('refuses unknown keys and bad values before anything runs', () => {
    expect(parseArgs('lines:delete', { profileId: 'p', id: 3 }).success).toBe(true)
    expect(parseArgs('lines:delete', { profileId: 'p', id: 3, extra: 1 }).success).toBe(false)
    expect(parseArgs('lines:delete', { profileId: 'p', id: -3 }).success).toBe(false)
    expect(parseArgs('profiles:list', undefined).success).toBe(true)
    expect(parseArgs('mags:create', { profileId: 'p', mac: '00:1A:79:zz:00:00', packageId: 1, trial: false }).success).toBe(false)
    expect(parseArgs('mags:create', { profileId: 'p', mac: '001a.7912.3456', packageId: 1, trial: false }).success).toBe(true)
  })
})
