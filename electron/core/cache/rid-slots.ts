/**
 * Which slot of the in-memory search index (search-index.ts) holds a row, by its rid.
 *
 * Why not a Map: at 1M rows a Map doubling its table rehashed every entry in one go (~100 ms
 * in the middle of a sync, test/bench/cache-1m.ts). Rids are handed out in rising order
 * (staging.ts, row-writes.ts), so they fill blocks of 64k: each block is a typed array made on
 * first use and let go when its last row goes, so rids of rows long gone cost nothing.
 */
const BLOCK_BITS = 16
const BLOCK = 1 << BLOCK_BITS

export class RidSlots {
  private readonly blocks = new Map<number, { slots: Int32Array; used: number }>()
  private count = 0

  get size(): number {
    return this.count
  }

  get(rid: number): number | undefined {
    const block = this.blocks.get(Math.floor(rid / BLOCK))
    const slot = block ? (block.slots[rid % BLOCK] as number) - 1 : -1
    return slot >= 0 ? slot : undefined
  }

  has(rid: number): boolean {
    return this.get(rid) !== undefined
  }

  set(rid: number, slot: number): void {
    const key = Math.floor(rid / BLOCK)
    let block = this.blocks.get(key)
    if (!block) this.blocks.set(key, (block = { slots: new Int32Array(BLOCK), used: 0 }))
    const at = rid % BLOCK
    if (block.slots[at] === 0) {
      block.used++
      this.count++
    }
    // Stored one up: 0 is "none".
    block.slots[at] = slot + 1
  }

  delete(rid: number): void {
    const key = Math.floor(rid / BLOCK)
    const block = this.blocks.get(key)
    const at = rid % BLOCK
    if (!block || block.slots[at] === 0) return
    block.slots[at] = 0
    this.count--
    if (--block.used === 0) this.blocks.delete(key)
  }
}
