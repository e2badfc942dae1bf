/**
 * One turn of the event loop for one piece of background work at a time.
 *
 * Why: a sync's staging and showing (sync/pass-writer.ts), a search's count in slices
 * (cache/sqlite-cache.ts countQuery) and the search index catching up
 * (cache/search-index-keeper.ts) each work a slice and then wait for the next turn. Each
 * waited with its own setImmediate, and Node runs every immediate already queued in one
 * go: the four slices ran back to back, and a list's query arriving meanwhile waited for
 * all of them (~10 ms each at 1M lines, so up to ~100 ms: docs/ARCHITECTURE.md §5). Here
 * the waiting work is resumed one slice per turn, oldest first; the queries, page answers
 * and timers of the app get their turn between any two slices.
 */

const waiting: (() => void)[] = []
let pumping = false

/** Resolves when it is this caller's turn: after the turns of those who asked before it. */
export function backgroundTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve)
    if (!pumping) {
      pumping = true
      setImmediate(pump)
    }
  })
}

function pump(): void {
  // The resumed slice runs in this immediate's microtasks; the next one waits for the next turn.
  waiting.shift()?.()
  if (waiting.length > 0) setImmediate(pump)
  else pumping = false
}

/** Callers waiting for a turn (for tests). */
export const backgroundWaiting = (): number => waiting.length
