// A worker thread's entry that can load TypeScript: Node 20 does not run `--import tsx` in a
// worker's execArgv, so the loader is registered here and the .ts file named in workerData.entry imported.
import { register } from 'tsx/esm/api'
import { workerData } from 'node:worker_threads'

register()
await import(workerData.entry)
