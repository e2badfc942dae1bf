/**
 * One message that fails must never take the loopback host down (issue #12 §2): an
 * answer too large to encode (`RangeError: Invalid string length`), a value JSON
 * cannot write, a dispatch that rejects, an event that cannot be encoded. Each gets a
 * coded INTERNAL answer (or is dropped, for an event), nothing escapes as an
 * unhandled rejection, and the same socket keeps working. Real host, real `ws` client.
 */
import { rmSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startLoopbackHost, type LoopbackHost } from '../../../electron/loopback/host'
import type { EventName, MethodName } from '../../../electron/shared/contract'
import { fakeRendererDir, openSocket, wsUrl } from './helpers'

let staticDir: string
const escaped: unknown[] = []
const onUnhandled = (e: unknown) => escaped.push(e)
beforeAll(() => {
  staticDir = fakeRendererDir()
  process.on('unhandledRejection', onUnhandled)
})
afterAll(() => {
  process.off('unhandledRejection', onUnhandled)
  rmSync(staticDir, { recursive: true, force: true })
})
const hosts: LoopbackHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
})

/** What each method answers; anything not listed answers ok. */
const behaviour: Partial<Record<MethodName, () => Promise<unknown>>> = {
  // What a Lines page of rows with 50 MB notes did: the answer cannot become one string.
  'cache:query': async () => ({ ok: true, value: { toJSON: () => { throw new RangeError('Invalid string length') } } }),
  'cache:raw': async () => ({ ok: true, value: { big: 10n } }),
  'lines:get': async () => {
    throw new Error('boom')
  },
}

async function start() {
  const listeners = new Set<(name: EventName, payload: unknown) => void>()
  const logged: string[] = []
  const host = await startLoopbackHost({
    core: {
      dispatch: async (name) => (behaviour[name] ? ((await behaviour[name]!()) as never) : { ok: true, value: name }),
      onEvent: (l) => {
        listeners.add(l)
        return () => listeners.delete(l)
      },
    },
    staticDir,
    log: (m) => logged.push(m),
  })
  hosts.push(host)
  const emit = (name: EventName, payload: unknown) => listeners.forEach((l) => l(name, payload))
  return { host, emit, logged }
}

describe('loopback host: one failing message', () => {
  it('answers INTERNAL for an answer that cannot be encoded, and the socket keeps working', async () => {
    const { host, emit, logged } = await start()
    const s = await openSocket(wsUrl(host.port, host.token), { origin: `http://127.0.0.1:${host.port}` })
    const call = (id: number, method: string) => s.call({ jsonrpc: '2.0', id, method, params: {} })

    for (const [id, method] of [
      [1, 'cache:query'],
      [2, 'cache:raw'],
      [3, 'lines:get'],
    ] as const) {
      const answer = (await call(id, method)) as { id: number; result: { ok: boolean; error?: { code: string; message: string } } }
      expect(answer.id).toBe(id)
      expect(answer.result.ok, method).toBe(false)
      expect(answer.result.error?.code).toBe('INTERNAL')
      expect(answer.result.error?.message).toMatch(/\S/)
    }
    // A batch with one poisoned member still answers the others.
    const batch = (await s.raw(
      JSON.stringify([
        { jsonrpc: '2.0', id: 10, method: 'cache:query', params: {} },
        { jsonrpc: '2.0', id: 11, method: 'app:info', params: {} },
      ]),
    )) as { id: number; result: { ok: boolean; value?: unknown } }[]
    expect(batch.map((a) => [a.id, a.result.ok])).toEqual([
      [10, false],
      [11, true],
    ])

    // An event that cannot be encoded is dropped (and logged); the next one arrives.
    emit('cache:changed', { big: 1n })
    emit('cache:changed', { profileId: 'p', resource: 'lines' })
    expect(await call(20, 'app:info')).toMatchObject({ id: 20, result: { ok: true, value: 'app:info' } })
    expect(s.messages).toContainEqual({ jsonrpc: '2.0', method: 'cache:changed', params: { profileId: 'p', resource: 'lines' } })
    expect(logged.join('\n')).toMatch(/cache:changed/)
    expect(escaped).toEqual([])
    s.ws.close()
  })
})
