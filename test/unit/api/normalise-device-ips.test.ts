/**
 * A device's allowed IPs live on its line: get_mag/get_enigma (and create/edit)
 * answers carry them in the nested `user` row, as a JSON string or an array
 * (panel-api §4, §6, §13); list rows (§5) do not carry them at all.
 */
import { describe, expect, it } from 'vitest'
import { normaliseEnigma, normaliseMag } from '../../../electron/core/api/normalise/device'
import { EnigmaDevice, MagDevice } from '../../../electron/shared/domain'

const user = (allowed: unknown) => ({ id: '7001', username: 'u', password: 'p', reseller_notes: '', allowed_ips: allowed })

describe('device allowed IPs', () => {
  it('reads a JSON-string list from the nested line row of get_mag', () => {
    const mag = normaliseMag({ mag_id: '301', user_id: '7001', mac: '00:1a:79:00:00:01', user: user('["10.0.0.1","10.0.0.2"]') })
    expect(mag?.allowedIps).toEqual(['10.0.0.1', '10.0.0.2'])
    expect(MagDevice.parse(mag)).toEqual(mag)
  })

  it('reads an array (doc shape) from the nested line row of get_enigma', () => {
    const e2 = normaliseEnigma({ device_id: 501, user_id: 7101, mac: 'AA:BB:CC:DD:EE:FF', user: user(['203.0.113.4']) })
    expect(e2?.allowedIps).toEqual(['203.0.113.4'])
    expect(EnigmaDevice.parse(e2)).toEqual(e2)
  })

  it('prefers a value on the device row itself over the line row', () => {
    const mag = normaliseMag({ mag_id: 1, mac: '00:1A:79:00:00:01', allowed_ips: '["1.1.1.1"]', user: user('["2.2.2.2"]') })
    expect(mag?.allowedIps).toEqual(['1.1.1.1'])
  })

  it('list rows carry none: []', () => {
    const mag = normaliseMag({ id: '7001', mag_id: '301', mac: '00:1A:79:00:00:01', username: 'u', is_isplock: 0 })
    expect(mag?.allowedIps).toEqual([])
    const e2 = normaliseEnigma({ id: '7101', device_id: '501', mac: 'AA:BB:CC:DD:EE:FF', public_ip: '1.2.3.4' })
    expect(e2?.allowedIps).toEqual([])
  })

  it.each([['[]'], [''], [null], ['["1.1.1.1"'], [{}], [[null, '']]])('garbage or empty %j gives []', (allowed) => {
    const mag = normaliseMag({ mag_id: 1, mac: '00:1A:79:00:00:01', user: user(allowed) })
    expect(mag?.allowedIps).toEqual([])
  })
})
