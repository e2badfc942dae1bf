import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FaultKind, RunningSimulator } from '../../../electron/simulator/index'
import { waitFor } from '../../helpers/wait'
import { call, encode, start } from './helpers'

let sim: RunningSimulator
beforeEach(async () => {
  sim = await start()
})
afterEach(async () => {
  await sim.close()
})

async function raw(
  action: string,
  params: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(sim.baseUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: encode({ api_key: sim.apiKey, action, ...params }),
    signal,
  })
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) }
}

const create = { package: '1', username: 'faulty001', password: 'password1' }

describe('canned faults replace the answer and apply nothing', () => {
  const cases: Array<[FaultKind, number, (b: Buffer) => void]> = [
    ['html403', 403, (b) => expect(b.toString()).toContain('<h1>403 Forbidden</h1>')],
    ['html503', 503, (b) => expect(b.toString()).toContain('<h1>503 Service Temporarily Unavailable</h1>')],
    ['html404', 404, (b) => expect(b.toString()).toContain('<h1>404 Not Found</h1>')],
    ['http500empty', 500, (b) => expect(b.length).toBe(0)],
    ['empty', 200, (b) => expect(b.length).toBe(0)],
    ['null', 200, (b) => expect(b.toString()).toBe('null')],
    ['text', 200, (b) => expect(b.toString()).toBe('IP FORBIDDEN')],
    ['invalidJson', 200, (b) => expect(() => JSON.parse(b.toString())).toThrow()],
    ['badUtf8', 200, (b) => expect(() => new TextDecoder('utf-8', { fatal: true }).decode(b)).toThrow()],
  ]
  it.each(cases)('%s', async (kind, status, check) => {
    sim.faults.add({ action: 'create_line', kind })
    const r = await raw('create_line', create)
    expect(r.status).toBe(status)
    check(r.bytes)
    expect(sim.ledger()).toHaveLength(0)
    expect(sim.credits()).toBe(1000)
    expect(sim.state.usernames.has('faulty001')).toBe(false)
    // other actions are unaffected
    expect((await call(sim, 'user_info')).json.status).toBe('STATUS_SUCCESS')
  })
})

describe('connection faults', () => {
  it('reset: the socket dies and nothing is applied', async () => {
    sim.faults.add({ action: 'create_line', kind: 'reset' })
    await expect(raw('create_line', create)).rejects.toThrow()
    expect(sim.ledger()).toHaveLength(0)
    expect(sim.credits()).toBe(1000)
  })

  it('applyThenDrop: the write is applied and charged, the client sees a socket error; a blind retry is caught by EXISTS_USERNAME', async () => {
    sim.faults.add({ action: 'create_line', kind: 'applyThenDrop', times: 1 })
    await expect(raw('create_line', create)).rejects.toThrow()
    expect(sim.ledger()).toEqual([
      expect.objectContaining({ action: 'create_line', target: 'line:faulty001', cost: 5, balanceAfter: 995 }),
    ])
    expect(sim.credits()).toBe(995)
    expect(sim.state.usernames.has('faulty001')).toBe(true)
    const retry = await call(sim, 'create_line', create)
    expect(retry.json.status).toBe('STATUS_EXISTS_USERNAME')
    expect(sim.ledger()).toHaveLength(1)
  })

  it('applyThenDrop on an extension charges exactly once per applied request', async () => {
    const line = sim.state.lines.rows.find((l) => l.member_id === sim.state.resellerId && !l.is_mag && !l.is_e2)!
    sim.faults.add({ action: 'edit_line', kind: 'applyThenDrop', times: 1 })
    await expect(raw('edit_line', { id: String(line.id), package: '1' })).rejects.toThrow()
    expect(sim.ledger().filter((e) => e.target === `line:${line.id}` && e.kind === 'extend')).toHaveLength(1)
    expect(sim.credits()).toBe(995)
  })

  it('stall: never answers, applies nothing; the client gives up; stop() still closes promptly', async () => {
    sim.faults.add({ action: 'create_line', kind: 'stall' })
    await expect(raw('create_line', create, AbortSignal.timeout(300))).rejects.toThrow()
    expect(sim.ledger()).toHaveLength(0)
    // a second stalled request is still held when the server stops: stop() must destroy it
    const pending = raw('create_line', create).then(
      () => 'answered',
      () => 'failed',
    )
    await waitFor('the stalled request to reach the simulator', () => sim.stalled() === 1)
    await sim.stop()
    expect(await pending).toBe('failed')
    expect(sim.ledger()).toHaveLength(0)
  })

  it('latency delays but still answers (and can combine with another fault)', async () => {
    sim.faults.add({ action: '*', kind: 'latency', latencyMs: 30, jitterMs: 20 })
    expect((await call(sim, 'user_info')).json.status).toBe('STATUS_SUCCESS')
    sim.faults.add({ action: 'get_lines', kind: 'null' })
    expect((await call(sim, 'get_lines')).text).toBe('null')
  })
})

describe('fault rules', () => {
  it('times limits how often a rule fires; list() shows the remaining budget; clear() removes all', async () => {
    sim.faults.add({ action: 'user_info', kind: 'html503', times: 2 })
    expect((await raw('user_info')).status).toBe(503)
    expect(sim.faults.list()).toEqual([{ action: 'user_info', kind: 'html503', times: 1 }])
    expect((await raw('user_info')).status).toBe(503)
    expect((await raw('user_info')).status).toBe(200)
    sim.faults.add({ action: '*', kind: 'empty' })
    expect((await raw('packages')).bytes.length).toBe(0)
    sim.faults.clear()
    expect(sim.faults.list()).toEqual([])
    expect((await call(sim, 'packages')).json.status).toBe('STATUS_SUCCESS')
  })

  it('probability is deterministic per seed', async () => {
    const pattern = async (s: RunningSimulator): Promise<number[]> => {
      s.faults.add({ action: 'user_info', kind: 'html503', probability: 0.5 })
      const out: number[] = []
      for (let i = 0; i < 16; i++)
        out.push(
          await fetch(`${s.baseUrl}?api_key=${s.apiKey}&action=user_info`).then(
            async (r) => (await r.text(), r.status),
          ),
        )
      return out
    }
    const other = await start()
    try {
      const a = await pattern(sim)
      const b = await pattern(other)
      expect(a).toEqual(b)
      expect(a).toContain(503)
      expect(a).toContain(200)
    } finally {
      await other.close()
    }
  })
})
