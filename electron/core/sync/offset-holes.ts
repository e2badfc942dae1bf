/**
 * The offset ranges of a counted list not read yet, in offset order (page-window.ts).
 * A range is [from, to): `to` is one past its last offset.
 */
export class OffsetHoles {
  private readonly ranges: [number, number][] = []

  /** Everything from `from` up to the count `total` (nothing when that is empty). */
  constructor(from: number, total: number) {
    this.add(from, total)
  }

  get empty(): boolean {
    return this.ranges.length === 0
  }

  /** Offsets still to read. */
  get size(): number {
    return this.ranges.reduce((n, [a, b]) => n + (b - a), 0)
  }

  /**
   * The next page to ask for, at most `limit` rows, taken off the first range. A range in the
   * middle is read exactly (an overlap would count its unreadable rows twice); the end of the
   * list (`total`) a whole page at a time, which picks up rows added meanwhile.
   */
  take(limit: number, total: number): { start: number; limit: number } {
    const [a, b] = this.ranges[0] as [number, number]
    const n = b >= total ? limit : Math.min(limit, b - a)
    if (a + n < b) this.ranges[0] = [a + n, b]
    else this.ranges.shift()
    return { start: a, limit: n }
  }

  /** [a, b) is to be read (again), in its place in offset order. */
  add(a: number, b: number): void {
    if (b <= a) return
    let i = 0
    while (i < this.ranges.length && (this.ranges[i] as [number, number])[0] < a) i++
    this.ranges.splice(i, 0, [a, b])
  }

  /** The list now ends at `total`: nothing is asked past it. */
  cutAt(total: number): void {
    for (let i = this.ranges.length - 1; i >= 0; i--) {
      const [a, b] = this.ranges[i] as [number, number]
      if (a >= total) this.ranges.splice(i, 1)
      else if (b > total) this.ranges[i] = [a, total]
    }
  }
}
