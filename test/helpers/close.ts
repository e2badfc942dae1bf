/**
 * The end of each test for what it opened (cores, simulated panels, caches):
 * one afterEach instead of each file's own.
 */
import { afterEach } from 'vitest'

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
  const closed = new WeakSet<Closable>()
  afterEach(async () => {
    for (const thing of opened()) {
      if (!thing || closed.has(thing)) continue
      closed.add(thing)
      await thing.close()
    }
  })
}
