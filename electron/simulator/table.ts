/**
 * An id-ordered table: rows stay sorted by ascending id (new ids are always the
 * largest), so the list engine can page the default `id asc` order without
 * sorting 100k rows per request.
 */
export class Table<T extends object> {
  readonly rows: T[] = []
  private readonly index = new Map<number, T>()

  constructor(private readonly idOf: (row: T) => number) {}

  get size(): number {
    return this.rows.length
  }

  get(id: number): T | undefined {
    return this.index.get(id)
  }

  /** Appends; ids must increase (callers allocate them from a counter). */
  insert(row: T): T {
    const id = this.idOf(row)
    const last = this.rows[this.rows.length - 1]
    if (last !== undefined && this.idOf(last) >= id) throw new Error(`Table: id ${id} is not increasing`)
    this.rows.push(row)
    this.index.set(id, row)
    return row
  }

  remove(id: number): T | undefined {
    const row = this.index.get(id)
    if (row === undefined) return undefined
    let lo = 0
    let hi = this.rows.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const midId = this.idOf(this.rows[mid] as T)
      if (midId === id) {
        this.rows.splice(mid, 1)
        break
      }
      if (midId < id) lo = mid + 1
      else hi = mid - 1
    }
    this.index.delete(id)
    return row
  }
}
