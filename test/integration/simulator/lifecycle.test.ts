import { afterEach, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator/index'
import { startSimulator } from '../../../electron/simulator/index'
import { call, start } from './helpers'

let sim: RunningSimulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

describe('lifecycle', () => {
  it('stop() keeps state and port; start() listens again on the same port', async () => {
    sim = await start()
    const port = sim.port
    const created = await call(sim, 'create_line', { package: 1, username: 'survivor1', password: 'password1' })
    await sim.stop()
    await expect(fetch(`${sim.baseUrl}?action=user_info`)).rejects.toThrow()
    await sim.stop() // idempotent
    await sim.start()
    await sim.start() // idempotent
    expect(sim.port).toBe(port)
    const got = await call(sim, 'get_line', { id: created.json.data.id })
    expect(got.json.data.username).toBe('survivor1')
    expect(sim.credits()).toBe(995)
    expect(sim.ledger()).toHaveLength(1)
  })

  it('uses the given port, access code and key; setCredits changes the balance', async () => {
    const probe = await startSimulator({ lines: 5 })
    const port = probe.port
    await probe.close()
    sim = await start({ port, accessCode: 'abc123', apiKey: 'ABCDEF0123456789abcdef0123456789' })
    expect(sim.port).toBe(port)
    expect(sim.baseUrl).toBe(`http://127.0.0.1:${port}/abc123/reseller/index.php`)
    sim.setCredits(42.5)
    expect((await call(sim, 'user_info')).json.data.credits).toBe(42.5)
    expect(sim.credits()).toBe(42.5)
  })

  it('ledger() returns copies', async () => {
    sim = await start()
    await call(sim, 'create_line', { package: 1 })
    const copy = sim.ledger()
    copy[0]!.cost = 999
    copy.pop()
    expect(sim.ledger()).toHaveLength(1)
    expect(sim.ledger()[0]!.cost).toBe(5)
  })

  it('rejects bad options', async () => {
    await expect(startSimulator({ apiKey: 'short' })).rejects.toThrow(/32 hex/)
    await expect(startSimulator({ accessCode: 'a/b' })).rejects.toThrow(/accessCode/)
  })

  it('defaults: 127.0.0.1, code demo, deterministic key from the seed', async () => {
    sim = await startSimulator({ lines: 5 })
    const again = await startSimulator({ lines: 5 })
    try {
      expect(sim.host).toBe('127.0.0.1')
      expect(sim.accessCode).toBe('demo')
      expect(sim.apiKey).toBe(again.apiKey)
      expect(sim.port).not.toBe(again.port)
    } finally {
      await again.close()
    }
  })
})
