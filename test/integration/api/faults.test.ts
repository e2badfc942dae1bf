/**
 * Transport faults from the simulator (panel-api §3): how each one surfaces, that
 * reads are retried and writes never are, that an unknown write outcome is
 * reported as such with exactly one application on the panel, and that the API
 * key is in none of the errors.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { XtreamClient } from '../../../electron/core/api/client'
import type { ApiError } from '../../../electron/core/api/api-error'
import type { FaultKind } from '../../../electron/simulator'
import { waitFor } from '../../helpers/wait'
import { apiError, countingFetch, errorText, setup, type Sim } from './helpers'

describe('faults', () => {
  let sim: Sim
  let client: XtreamClient
  let counter: ReturnType<typeof countingFetch>
  const seen: ApiError[] = []
  const fail = async (p: Promise<unknown>) => {
    const e = await apiError(p)
    seen.push(e)
    return e
  }
  const fault = (action: string, kind: FaultKind, times?: number) =>
    sim.faults.add({ action, kind, ...(times === undefined ? {} : { times }) })
  let n = 0
  const newLine = () => ({
    package: 1,
    trial: false,
    username: `faultuser${String(++n).padStart(3, '0')}`,
    password: 'faultpass01',
  })

  beforeAll(async () => {
    ;({ sim, client, counter } = await setup(
      { seed: 41, lines: 30, mags: 3, enigmas: 3, activecodes: 3, subResellers: 3, credits: 1000 },
      { timeoutMs: 2000 },
    ))
  })
  afterEach(() => sim.faults.clear())
  afterAll(async () => sim.close())

  it('html403: IP_FORBIDDEN, not retried', async () => {
    fault('user_info', 'html403')
    const before = counter.count('user_info')
    const e = await fail(client.call('user_info', {}))
    expect(e).toMatchObject({ code: 'IP_FORBIDDEN', httpStatus: 403, outcome: 'failed' })
    expect(counter.count('user_info') - before).toBe(1)
  })

  it('html503 once: a read is retried and succeeds', async () => {
    fault('get_lines', 'html503', 1)
    const before = counter.count('get_lines')
    const retries = client.stats.retries
    const page = await client.call('get_lines', { limit: 5 })
    expect(page.rows).toHaveLength(5)
    expect(counter.count('get_lines') - before).toBe(2)
    expect(client.stats.retries - retries).toBe(1)
  })

  it('html503 once: a write is NOT retried (RATE_LIMITED, failed, nothing applied)', async () => {
    fault('create_line', 'html503', 1)
    const before = counter.count('create_line')
    const ledger = sim.ledger().length
    const e = await fail(client.call('create_line', newLine()))
    expect(e).toMatchObject({ code: 'RATE_LIMITED', httpStatus: 503, outcome: 'failed' })
    expect(counter.count('create_line') - before).toBe(1)
    expect(sim.ledger()).toHaveLength(ledger)
  })

  it('a read keeps failing: 1 + readRetries attempts, then the error', async () => {
    fault('get_line', 'html503')
    const before = counter.count('get_line')
    expect((await fail(client.call('get_line', { id: 1 }))).code).toBe('RATE_LIMITED')
    expect(counter.count('get_line') - before).toBe(3)
  })

  it.each([
    ['empty', 'BAD_RESPONSE'],
    ['null', 'BAD_RESPONSE'],
    ['invalidJson', 'BAD_RESPONSE'],
    ['text', 'IP_FORBIDDEN'],
    ['html404', 'NOT_FOUND'],
  ] as const)('%s on a read → %s, not retried', async (kind, code) => {
    fault('packages', kind)
    const before = counter.count('packages')
    expect(await fail(client.call('packages', {}))).toMatchObject({ code, outcome: 'failed' })
    expect(counter.count('packages') - before).toBe(1)
  })

  it('badUtf8 on a read: the answer is decoded with replacement characters, then judged (no usable row → BAD_RESPONSE)', async () => {
    fault('get_line', 'badUtf8')
    expect((await fail(client.call('get_line', { id: 1 }))).code).toBe('BAD_RESPONSE')
  })

  it('http500empty on a read → SERVER_ERROR after retries', async () => {
    fault('get_users', 'http500empty')
    const before = counter.count('get_users')
    expect(await fail(client.call('get_users', {}))).toMatchObject({ code: 'SERVER_ERROR', httpStatus: 500 })
    expect(counter.count('get_users') - before).toBe(3)
  })

  it.each(['empty', 'null', 'invalidJson', 'http500empty'] as const)(
    '%s on a write → OUTCOME_UNKNOWN, sent once',
    async (kind) => {
      fault('create_line', kind)
      const before = counter.count('create_line')
      const e = await fail(client.call('create_line', newLine()))
      expect(e).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown' })
      expect(e.message).toMatch(/may or may not have been applied.*will not be resent/)
      expect(typeof e.details?.cause).toBe('string')
      expect(counter.count('create_line') - before).toBe(1)
    },
  )

  it('reset: a read is retried (and succeeds when the fault is spent); a write is unknown and not resent', async () => {
    fault('get_mags', 'reset', 1)
    const before = counter.count('get_mags')
    expect((await client.call('get_mags', {})).rows.length).toBeGreaterThan(0)
    expect(counter.count('get_mags') - before).toBe(2)

    fault('create_line', 'reset')
    const sent = counter.count('create_line')
    const e = await fail(client.call('create_line', newLine()))
    expect(e).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown' })
    expect(e.details?.cause).toMatch(/ECONNRESET|UND_ERR_SOCKET/)
    expect(counter.count('create_line') - sent).toBe(1)
  })

  it('reset on every attempt: a read ends OFFLINE-like (connection broke) after its retries', async () => {
    fault('get_enigmas', 'reset')
    const before = counter.count('get_enigmas')
    expect(await fail(client.call('get_enigmas', {}))).toMatchObject({ code: 'OFFLINE', outcome: 'failed' })
    expect(counter.count('get_enigmas') - before).toBe(3)
  })

  it('stall: a read times out (TIMEOUT) after its retries; a write is OUTCOME_UNKNOWN after one attempt', async () => {
    fault('get_activecodes', 'stall')
    const before = counter.count('get_activecodes')
    const e = await fail(client.call('get_activecodes', {}, { timeoutMs: 150 }))
    expect(e).toMatchObject({ code: 'TIMEOUT', outcome: 'failed' })
    expect(e.message).toMatch(/within 0\.2 seconds/)
    expect(counter.count('get_activecodes') - before).toBe(3)

    fault('create_line', 'stall')
    const sent = counter.count('create_line')
    const w = await fail(client.call('create_line', newLine(), { timeoutMs: 150 }))
    expect(w).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown' })
    expect(w.details?.cause).toBe('TIMEOUT')
    expect(counter.count('create_line') - sent).toBe(1)
  })

  it('applyThenDrop on create_line: OUTCOME_UNKNOWN, applied exactly once, charged once, never resent', async () => {
    fault('create_line', 'applyThenDrop')
    const params = newLine()
    const before = counter.count('create_line')
    const credits = sim.credits()
    const e = await fail(client.call('create_line', params))
    expect(e).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown', action: 'create_line' })
    expect(counter.count('create_line') - before).toBe(1)
    const applied = sim.ledger().filter((x) => x.action === 'create_line' && x.target === `line:${params.username}`)
    expect(applied).toHaveLength(1)
    expect(sim.credits()).toBe(credits - applied[0]!.cost)
    // The line is there; reconciling means looking it up, not sending again.
    sim.faults.clear()
    const found = await client.call('get_lines', { search: params.username })
    expect(found.rows.map((r) => r.username)).toEqual([params.username])
  })

  it('a caller abort after sending: a read is CANCELLED, a write is OUTCOME_UNKNOWN', async () => {
    fault('get_user', 'stall')
    const ctrl = new AbortController()
    const before = counter.count('get_user')
    const read = client.call('get_user', { id: 1 }, { signal: ctrl.signal })
    await waitFor('the read to leave', () => counter.count('get_user') === before + 1)
    ctrl.abort()
    expect(await fail(read)).toMatchObject({ code: 'CANCELLED', outcome: 'failed' })

    fault('create_user', 'stall')
    const wctrl = new AbortController()
    const sent = counter.count('create_user')
    const write = client.call(
      'create_user',
      { username: 'abortsub01', password: 'abortpass01' },
      { signal: wctrl.signal },
    )
    await waitFor('the write to leave', () => counter.count('create_user') === sent + 1)
    wctrl.abort()
    expect(await fail(write)).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown' })
    expect(counter.count('create_user') - sent).toBe(1)
  })

  it('connection refused (panel down): OFFLINE and failed — for a write nothing was sent', async () => {
    await sim.stop()
    try {
      const r = await fail(client.call('user_info', {}))
      expect(r).toMatchObject({ code: 'OFFLINE', outcome: 'failed' })
      expect(r.details?.cause).toBe('ECONNREFUSED')
      const ledger = sim.ledger().length
      const w = await fail(client.call('create_line', newLine()))
      expect(w).toMatchObject({ code: 'OFFLINE', outcome: 'failed' })
      expect(sim.ledger()).toHaveLength(ledger)
    } finally {
      await sim.start()
    }
    expect((await client.call('user_info', {})).id).toBe(sim.state.resellerId)
  })

  it('the API key appears in no error: message, stack, details, echo, JSON', async () => {
    // Also a fetch whose errors quote the URL, as Electron's net.fetch messages can.
    const { sim: s2, client: quoting } = await setup(
      { seed: 41, lines: 1 },
      {
        fetch: async (url: string) =>
          Promise.reject(Object.assign(new Error(`net::ERR_CONNECTION_RESET at ${url}`), { url })),
      },
    )
    const { sim: s3, client: badKey } = await setup(
      { seed: 41, lines: 1 },
      { getApiKey: async () => s2.apiKey.toUpperCase() + 'ff' },
    )
    try {
      seen.push(await apiError(quoting.call('create_line', newLine())))
      seen.push(await apiError(quoting.call('get_lines', {})))
      seen.push(await apiError(badKey.call('user_info', {})))
    } finally {
      await s2.close()
      await s3.close()
    }
    expect(seen.length).toBeGreaterThan(20)
    const keys = [sim.apiKey, s2.apiKey]
    for (const e of seen) {
      const text = errorText(e)
      for (const k of keys) {
        expect(text.toLowerCase()).not.toContain(k.toLowerCase())
      }
      expect(text).not.toMatch(/api_key=(?!\*\*\*)/)
    }
  })
})

describe('concurrency limit against the simulator', () => {
  it('never has more than maxConcurrent requests in flight, and queues the rest (none dropped)', async () => {
    const { sim, client, counter } = await setup({ seed: 43, lines: 20 }, { maxConcurrent: 2, ratePerSecond: Infinity })
    try {
      sim.faults.add({ action: '*', kind: 'latency', latencyMs: 30 })
      const pages = await Promise.all(
        Array.from({ length: 8 }, (_, i) => client.call('get_lines', { start: i, limit: 1 })),
      )
      expect(pages.map((p) => p.rows.length)).toEqual(Array(8).fill(1))
      expect(counter.count('get_lines')).toBe(8)
      expect(counter.maxInFlight).toBe(2)
    } finally {
      await sim.close()
    }
  })

  it('a caller abort while queued: CANCELLED, nothing sent for it', async () => {
    const { sim, client, counter } = await setup({ seed: 43, lines: 20 }, { maxConcurrent: 1 })
    try {
      sim.faults.add({ action: 'get_lines', kind: 'stall', times: 1 })
      const first = client.call('get_lines', {}, { timeoutMs: 300 })
      await waitFor('the first read to leave', () => counter.count('get_lines') === 1)
      const ctrl = new AbortController()
      const queued = client.call('create_line', { package: 1, trial: false }, { signal: ctrl.signal })
      ctrl.abort()
      expect(await apiError(queued)).toMatchObject({ code: 'CANCELLED', outcome: 'failed' })
      expect(counter.count('create_line')).toBe(0)
      // The stalled read times out once, then its retry gets through.
      expect((await first).rows.length).toBeGreaterThan(0)
    } finally {
      await sim.close()
    }
  })
})
