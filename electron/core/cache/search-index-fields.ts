/**
 * The search text of the in-memory index (search-index.ts), kept field by field.
 *
 * A row's search text is its fields folded and joined by `|` (search-text.ts searchTextOf),
 * and a search word never holds a `|`: the text holds the word exactly when one of its
 * fields does. Notes and owners repeat across thousands of rows, so each field value seen
 * often is kept once and tested once per search (a word such as "sub north" matched 300k
 * lines, each read and tested, ~40 ms); a field that is rarely the same (a username) is
 * kept per row and tested per row.
 */

/** Values a field keeps once before it is deemed one of a kind (a username) and kept per row. */
const SHARED_LIMIT = 4096
const ABSENT = -2
const OWN = -1

export class FieldColumn {
  /** Per slot: the shared value's number, OWN (the row's own text), or ABSENT. */
  private ids = new Int32Array(1024)
  private own: (string | null)[] = []
  readonly values: string[] = []
  private readonly numberOf = new Map<string, number>()

  set(s: number, text: string | null): void {
    if (s >= this.ids.length) {
      const ids = new Int32Array(Math.max(s + 1, this.ids.length * 2))
      ids.set(this.ids)
      this.ids = ids
    }
    if (text === null) {
      this.ids[s] = ABSENT
      return this.ownAt(s, null)
    }
    let n = this.numberOf.get(text)
    if (n === undefined && this.values.length < SHARED_LIMIT) {
      n = this.values.push(text) - 1
      this.numberOf.set(text, n)
    }
    this.ids[s] = n ?? OWN
    this.ownAt(s, n === undefined ? text : null)
  }

  /**
   * Does slot `s`'s field hold any of `forms`? `memo` (one per search word, as long as `values`
   * then were) remembers the shared values. `own`: test a row's own text too (the dearer test,
   * left for when no shared field of the row answers).
   */
  holds(s: number, forms: readonly string[], memo: Int8Array, own: boolean): boolean {
    const n = this.ids[s] as number
    if (n >= 0) {
      let m = memo[n] as number
      if (m === 0) memo[n] = m = anyOf(this.values[n] as string, forms) ? 2 : 1
      return m === 2
    }
    return own && n === OWN && anyOf(this.own[s] as string, forms)
  }

  move(from: number, to: number): void {
    this.ids[to] = this.ids[from] as number
    this.ownAt(to, this.own[from] ?? null)
  }

  truncate(n: number): void {
    this.own.length = Math.min(this.own.length, n)
  }

  private ownAt(s: number, text: string | null): void {
    // Dense, so the array stays a plain list of slots.
    while (this.own.length < s) this.own.push(null)
    this.own[s] = text
  }
}

export function anyOf(text: string, forms: readonly string[]): boolean {
  for (const f of forms) if (text.includes(f)) return true
  return false
}
