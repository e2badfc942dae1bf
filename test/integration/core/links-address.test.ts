/**
 * Issue #15: hand-off links name the address they use, and when the panel has
 * no customer DNS but the account has a reseller DNS (user_info `reseller_dns`),
 * that DNS is offered instead of handing customers the API address.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator'
import { coreWithSimPanel, waitForSync, type TestCore } from './helpers'
import { closeAfterAll } from '../../helpers/close'

let sim: RunningSimulator
let t: TestCore
let profileId: string
let lineId: number

beforeAll(async () => {
  ;({ sim, t, profileId } = await coreWithSimPanel({ port: 0, credits: 100, lines: 5 }))
  await t.call('profiles:test', { profileId }) // keeps the account (its reseller DNS)
  const from = t.events.length
  await t.call('sync:run', { profileIds: [profileId], resources: ['lines'] })
  await waitForSync(t, profileId, ['lines'], from)
  lineId = ((await t.call('cache:query', { profileIds: [profileId], resource: 'lines', offset: 0, limit: 1 })).rows[0] as { id: number }).id
})
closeAfterAll(() => [t, sim])

describe('which address the hand-off links use', () => {
  it('no customer DNS: the API address, said so, and the account\'s reseller DNS offered', async () => {
    const links = await t.call('links:get', { profileId, resource: 'lines', id: lineId })
    expect(links.via).toBe('api')
    expect(links.origin).toBe(`http://127.0.0.1:${sim.port}`)
    expect(links.m3u.startsWith(`${links.origin}/`)).toBe(true)
    expect(links.resellerDns).toBe('my.dns.com')
  })

  it('with a customer DNS: that one, and nothing offered', async () => {
    await t.call('profiles:update', { profileId, patch: { customerDns: 'my.dns.com', customerPort: 8080 } })
    const links = await t.call('links:get', { profileId, resource: 'lines', id: lineId })
    expect(links.via).toBe('customerDns')
    expect(links.origin).toBe('http://my.dns.com:8080')
    expect(links.m3u.startsWith('http://my.dns.com:8080/get.php?')).toBe(true)
    expect(links.resellerDns).toBeNull()
  })
})
