/**
 * A worker thread that stages one panel into the cache file on its own connection, as the
 * main thread's first sync would (_stage-panel.ts), a page every ~5 ms: cache-1m.ts asks
 * queries meanwhile to see whether staging off the main thread spares its reads.
 */
import { workerData } from 'node:worker_threads'
import { openCache } from '../../electron/core/cache'
import { NOW } from '../unit/cache/fixtures'
import { stagePanel } from './_stage-panel'

const { file, panel, index } = workerData as { file: string; panel: string; index: number }
const cache = openCache(file, { now: () => NOW * 1000 })
try {
  await stagePanel(cache, panel, index, [], () => new Promise((r) => setTimeout(r, 5)), true)
} finally {
  cache.close()
}
