import { describe, expect, it } from 'vitest'
import { FaultController, cannedResponse } from '../../../electron/simulator/faults'

describe('FaultController', () => {
  it('matches per action or *, and spends the times budget', () => {
    const f = new FaultController(1)
    f.add({ action: 'create_line', kind: 'html503', times: 2 })
    expect(f.decide('get_lines').kind).toBeNull()
    expect(f.decide('create_line').kind).toBe('html503')
    expect(f.list()[0]?.times).toBe(1)
    expect(f.decide('create_line').kind).toBe('html503')
    expect(f.decide('create_line').kind).toBeNull()
    f.add({ action: '*', kind: 'empty' })
    expect(f.decide('anything').kind).toBe('empty')
    f.clear()
    expect(f.list()).toEqual([])
  })
  it('adds latency with jitter alongside a terminal fault', () => {
    const f = new FaultController(1)
    f.add({ action: '*', kind: 'latency', latencyMs: 100, jitterMs: 50 })
    f.add({ action: '*', kind: 'null' })
    const d = f.decide('x')
    expect(d.kind).toBe('null')
    expect(d.delayMs).toBeGreaterThanOrEqual(100)
    expect(d.delayMs).toBeLessThan(150)
  })
  it('only the first terminal fault fires (later ones keep their budget)', () => {
    const f = new FaultController(1)
    f.add({ action: '*', kind: 'text', times: 1 })
    f.add({ action: '*', kind: 'html403', times: 1 })
    expect(f.decide('a').kind).toBe('text')
    expect(f.decide('a').kind).toBe('html403')
  })
  it('rolls probability from a seeded PRNG: same seed, same sequence', () => {
    const seq = (seed: number) => {
      const f = new FaultController(seed)
      f.add({ action: '*', kind: 'reset', probability: 0.5 })
      return Array.from({ length: 40 }, () => f.decide('a').kind === 'reset')
    }
    expect(seq(7)).toEqual(seq(7))
    const hits = seq(7).filter(Boolean).length
    expect(hits).toBeGreaterThan(5)
    expect(hits).toBeLessThan(35)
  })
  it('validates rules', () => {
    const f = new FaultController(1)
    expect(() => f.add({ action: '*', kind: 'nope' as never })).toThrow()
    expect(() => f.add({ action: '*', kind: 'empty', probability: 2 })).toThrow()
  })
  it('has canned bodies for the page-like kinds', () => {
    expect(cannedResponse('html403')?.status).toBe(403)
    expect(cannedResponse('html503')?.body.toString()).toContain('503 Service Temporarily Unavailable')
    expect(cannedResponse('text')?.body.toString()).toBe('IP FORBIDDEN')
    expect(() => JSON.parse(cannedResponse('invalidJson')!.body.toString())).toThrow()
    expect(cannedResponse('badUtf8')!.body.includes(Buffer.from([0xff]))).toBe(true)
    expect(cannedResponse('reset')).toBeNull()
  })
})
