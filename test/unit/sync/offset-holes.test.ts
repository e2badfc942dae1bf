/** The offset ranges a counted pass has still to read (sync/offset-holes.ts). */
import { describe, expect, it } from 'vitest'
import { OffsetHoles } from '../../../electron/core/sync/offset-holes'

const drain = (h: OffsetHoles, limit: number, total: number) => {
  const pages: [number, number][] = []
  while (!h.empty) {
    const p = h.take(limit, total)
    pages.push([p.start, p.limit])
  }
  return pages
}

describe('offset holes', () => {
  it('cuts the rest of the list into pages; the last one asks a whole page, to pick up rows added meanwhile', () => {
    const h = new OffsetHoles(1000, 3500)
    expect(h.size).toBe(2500)
    expect(drain(h, 1000, 3500)).toEqual([
      [1000, 1000],
      [2000, 1000],
      [3000, 1000],
    ])
    expect(new OffsetHoles(1000, 1000).empty).toBe(true)
  })

  it('a hole put back in the middle is read exactly, in offset order', () => {
    const h = new OffsetHoles(3000, 5000)
    h.add(1200, 2000)
    h.add(500, 500) // nothing
    expect(h.size).toBe(2800)
    expect(drain(h, 1000, 5000)).toEqual([
      [1200, 800],
      [3000, 1000],
      [4000, 1000],
    ])
  })

  it('a list that shrank drops what lies past its new end', () => {
    const h = new OffsetHoles(1000, 2000)
    h.add(3000, 4000)
    h.add(5000, 6000)
    h.cutAt(3500)
    expect(h.size).toBe(1500)
    expect(drain(h, 1000, 3500)).toEqual([
      [1000, 1000],
      [3000, 1000],
    ])
  })
})
