/** The rid → slot table of the in-memory search index (rid-slots.ts) against a Map. */
import { describe, expect, it } from 'vitest'
import { RidSlots } from '../../../electron/core/cache/rid-slots'
import { rng } from './fixtures'

describe('the rid → slot table', () => {
  it('holds what a Map holds through sets, replacements and deletes, dense and far apart', () => {
    const r = rng(3)
    const table = new RidSlots()
    const map = new Map<number, number>()
    // Rids close together (a sync's pages) and far apart (rows of long ago, a 2^40 rid).
    const rid = () => (r() < 0.8 ? 1 + Math.floor(r() * 200_000) : Math.floor(r() * 2 ** 40))
    for (let i = 0; i < 50_000; i++) {
      const x = rid()
      if (r() < 0.3) {
        table.delete(x)
        map.delete(x)
      } else {
        const slot = Math.floor(r() * 1_000_000)
        table.set(x, slot)
        map.set(x, slot)
      }
    }
    expect(table.size).toBe(map.size)
    for (const [x, slot] of map) expect(table.get(x)).toBe(slot)
    for (let i = 0; i < 2000; i++) {
      const x = rid()
      expect(table.get(x)).toBe(map.get(x))
      expect(table.has(x)).toBe(map.has(x))
    }
    // Slot 0 is a slot like any other; a rid never set is none.
    table.set(7, 0)
    expect(table.get(7)).toBe(0)
    table.delete(7)
    expect(table.get(7)).toBeUndefined()
  })

  it('lets a block go when its last row goes', () => {
    const table = new RidSlots()
    table.set(70_000, 1)
    table.set(70_001, 2)
    table.delete(70_000)
    table.delete(70_001)
    table.delete(70_001)
    expect(table.size).toBe(0)
    expect((table as unknown as { blocks: Map<number, unknown> }).blocks.size).toBe(0)
  })
})
