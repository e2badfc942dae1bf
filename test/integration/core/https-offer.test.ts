/**
 * A panel added over plain http (issue #12 §4): the API key travels
 * unencrypted on every request, so Test connection also asks the same panel
 * (same host, same port) over https and offers the switch when it answers there. The simulator
 * speaks http only; the https address is mapped onto it by the fetch given to
 * the core (the TLS layer is the one part not exercised here).
 */
import { describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, type TestCore } from './helpers'
import { closeAfterEach } from '../../helpers/close'

const sims: RunningSimulator[] = []
const cores: TestCore[] = []
closeAfterEach(() => [...cores.splice(0), ...sims.splice(0)])

/** https://127.0.0.1:<port> answered by the simulator listening on `port` (as if it had a certificate). */
function fetchWithHttpsOn(ports: number[]): typeof fetch {
  return (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    const u = new URL(url)
    if (u.protocol === 'https:' && ports.includes(Number(u.port))) {
      u.protocol = 'http:'
      return globalThis.fetch(u.href, init)
    }
    return globalThis.fetch(input, init)
  }
}

describe('profiles:test on a plain-http panel', () => {
  it('offers https when the same panel answers there', async () => {
    const s = await startSimulator({ seed: 3, lines: 3 })
    sims.push(s)
    const t = await makeCore({ fetch: fetchWithHttpsOn([s.port]) })
    cores.push(t)
    const p = await addSimPanel(t, s)
    expect(p.scheme).toBe('http')
    const r = await t.call('profiles:test', { profileId: p.id })
    expect(r).toMatchObject({ credits: expect.any(Number), https: { port: s.port } })
  })

  it('never sends the key to another port over https', async () => {
    const s = await startSimulator({ seed: 5, lines: 3 })
    sims.push(s)
    const asked: string[] = []
    const t = await makeCore({
      fetch: (input, init) => {
        const url = String(input instanceof Request ? input.url : input)
        if (url.startsWith('https:')) asked.push(new URL(url).port || '443')
        return globalThis.fetch(input, init)
      },
    })
    cores.push(t)
    const p = await addSimPanel(t, s)
    await t.call('profiles:test', { profileId: p.id })
    expect(asked).toEqual([String(s.port)])
  })

  it('offers nothing when https does not answer', async () => {
    const s = await startSimulator({ seed: 4, lines: 3 })
    sims.push(s)
    const t = await makeCore()
    cores.push(t)
    const p = await addSimPanel(t, s)
    const r = await t.call('profiles:test', { profileId: p.id })
    expect(r.https ?? null).toBeNull()
    expect(r.username).toBeTruthy()
  })
})
