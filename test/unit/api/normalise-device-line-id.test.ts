/**
 * Issue #11 §5: right after creating a MAG the drawer showed the device id as
 * "Line ID". In a get/create answer the device's line is `user_id` (its
 * `user` sub-object is that line); only a LIST row's `id` is the line id
 * (docs/panel-api.md §4, §5). An answer that carries `id` beside `mag_id` /
 * `device_id` and `user_id` must still take the line id from `user_id`.
 */
import { describe, expect, it } from 'vitest'
import { normaliseEnigma, normaliseMag } from '../../../electron/core/api/normalise/device'

describe('a device answer with id, device id and user_id', () => {
  it('MAG: the line id is user_id, the device id is mag_id', () => {
    const d = normaliseMag({ id: 41, mag_id: 41, user_id: 261, mac: '00:1A:79:00:00:01', user: { id: 261, username: 'u', password: 'p' } })
    expect(d).toMatchObject({ id: 41, lineId: 261 })
  })

  it('Enigma2: the line id is user_id, the device id is device_id', () => {
    const d = normaliseEnigma({ id: 21, device_id: 21, user_id: 262, mac: '00:1A:79:00:00:02' })
    expect(d).toMatchObject({ id: 21, lineId: 262 })
  })

  it('a list row (id = line, mag_id = device, no user_id) still reads as before', () => {
    expect(normaliseMag({ id: 261, mag_id: 41, mac: '00:1A:79:00:00:01' })).toMatchObject({ id: 41, lineId: 261 })
  })

  it('a get answer with user_id and the line in `user` reads the same', () => {
    expect(normaliseMag({ mag_id: 41, user_id: 261, mac: '00:1A:79:00:00:01', user: { id: 261 } })).toMatchObject({ id: 41, lineId: 261 })
  })
})
