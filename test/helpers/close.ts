/**
 * The end of each test, or of a file, for what it opened (cores, simulated
 * panels, caches): one hook instead of each file's own.
 */
import { afterAll, afterEach } from 'vitest'

interface Closable {
  close(): unknown
}

/**
 * After each test, closes what `opened()` names at that moment, in that order
 * (a core before the simulator it talks to). Each thing is closed once only:
 * one left in a variable by an earlier test, or closed by the test itself and
 * given again, is passed over.
 */
export function closeAfterEach(opened: () => ReadonlyArray<Closable | undefined>): void {
  afterEach(closer(opened))
}

/** The same after the file's last test, for what its beforeAll opened. */
export function closeAfterAll(opened: () => ReadonlyArray<Closable | undefined>): void {
  afterAll(closer(opened))
}

function closer(opened: () => ReadonlyArray<Closable | undefined>): () => Promise<void> {
  const closed = new WeakSet<Closable>()
  return async () => {
    for (const thing of opened()) {
      if (!thing || closed.has(thing)) continue
      closed.add(thing)
      await thing.close()
    }
  }
}
