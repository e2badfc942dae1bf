/**
 * Copies the cache's write-ahead log back into the file from a worker thread with its own
 * connection, so the thread that answers the lists never does it (docs/ARCHITECTURE.md §5).
 *
 * Why: with WAL, SQLite checkpoints inside the commit that pushes the log past
 * `wal_autocheckpoint` pages, on the connection that committed. During a first sync of 100k
 * lines into a 1M-line cache that was one of the publisher's 250-row slices every few
 * seconds, and a list query asked meanwhile waited for it: the slices' p95 was ~64 ms with
 * the checkpoints on the main connection and ~15 ms with them here (a scratch run of the
 * cache-1m bench's sync on this 2-core machine; cache.query.during_sync.p95 is the figure).
 *
 * A PASSIVE checkpoint waits for no reader and no writer, so the main connection's reads and
 * writes go on while it runs. Until the worker says it is ready, and again if it fails, the
 * main connection checkpoints as before (MAIN_AUTOCHECKPOINT_PAGES): a worker that cannot
 * start (say, the driver cannot be loaded in a worker) costs speed, never the log's growth.
 *
 * The worker is plain JavaScript evaluated from a string, so the same code runs from the
 * sources (tests, benches) and from the built app without a separate bundle entry; it loads
 * better-sqlite3 from the path this module resolves. Whether that load works inside a packaged
 * Electron app was not run here: the fallback is what keeps it safe either way.
 */
import type Database from 'better-sqlite3'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** The main connection's own checkpoint size when it checkpoints (40 MB of 4 KB pages; open-cache.ts says why). */
export const MAIN_AUTOCHECKPOINT_PAGES = 10_000
/** How often the worker checkpoints: ~4 MB of log at a sync's write rate, so each one is short. */
export const CHECKPOINT_EVERY_MS = 250
/** close() waits this long at most for the worker to close its connection. */
const STOP_WAIT_MS = 2000

export type CheckpointerState = 'starting' | 'running' | 'failed' | 'stopped'

export interface CheckpointerOptions {
  everyMs?: number
  /** This connection copies the rest once the log is this long, in pages (restartLog); tests pass small ones. */
  restartFrom?: number
  /** Where better-sqlite3 is loaded from in the worker; tests pass a bad one. */
  driver?: string
  /** After each checkpoint: the log's frames and how many of them are in the file now. */
  onCheckpoint?: (frames: { log: number; checkpointed: number }) => void
  /** The worker failed; the main connection checkpoints again. */
  onFailure?: (message: string) => void
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const closed = new Int32Array(workerData.closed)
let db = null
let timer = null
const stop = () => {
  if (timer) clearInterval(timer)
  try { if (db) db.close() } catch {}
  Atomics.store(closed, 0, 1)
  Atomics.notify(closed, 0)
  parentPort.close()
}
parentPort.on('message', (m) => { if (m === 'stop') stop() })
try {
  const Database = require(workerData.driver)
  db = new Database(workerData.file, { fileMustExist: true })
} catch (e) {
  // Told before the error event: a close() waiting on this worker must not wait for nothing.
  stop()
  throw e
}
// A checkpoint never waits: PASSIVE gives up on what a reader still needs, the next one copies it.
timer = setInterval(() => {
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0]
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed })
  } catch (e) {
    // Busy (another checkpoint runs) is no failure; anything else is.
    if (!/busy|locked/i.test(String(e && e.message))) { parentPort.postMessage({ failed: String(e && e.message) }); stop() }
  }
}, workerData.everyMs)
parentPort.postMessage('ready')
`

export class Checkpointer {
  #state: CheckpointerState = 'starting'
  readonly #worker: Worker
  readonly #closed = new Int32Array(new SharedArrayBuffer(4))
  /** The log's length at the worker's last report. */
  #lastLog = 0

  constructor(
    private readonly db: Database.Database,
    file: string,
    private readonly o: CheckpointerOptions = {},
  ) {
    const driver = o.driver ?? createRequire(import.meta.url).resolve('better-sqlite3')
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver, everyMs: o.everyMs ?? CHECKPOINT_EVERY_MS, closed: this.#closed.buffer },
    })
    // The cache must not keep the app (or a test run) alive; close() stops it anyway.
    this.#worker.unref()
    this.#worker.on('message', (m: unknown) => this.heard(m))
    this.#worker.on('error', (e) => this.fail(e.message))
    this.#worker.on('exit', () => {
      if (this.#state === 'running' || this.#state === 'starting') this.fail('the checkpoint worker stopped')
    })
  }

  get state(): CheckpointerState {
    return this.#state
  }

  /** Stops the worker and waits (briefly) until its connection is closed, so this one is the last. */
  stop(): void {
    if (this.#state === 'stopped') return
    const wasFailed = this.#state === 'failed'
    this.#state = 'stopped'
    if (wasFailed) return
    this.#worker.postMessage('stop')
    Atomics.wait(this.#closed, 0, 0, STOP_WAIT_MS)
    void this.#worker.terminate()
  }

  private heard(m: unknown): void {
    if (this.#state === 'stopped' || this.#state === 'failed') return
    if (m === 'ready') {
      this.#state = 'running'
      if (this.db.open) this.db.pragma('wal_autocheckpoint = 0')
      return
    }
    const msg = m as { failed?: string; log?: number; checkpointed?: number }
    if (typeof msg.failed === 'string') return this.fail(msg.failed)
    if (typeof msg.log !== 'number' || typeof msg.checkpointed !== 'number') return
    this.o.onCheckpoint?.({ log: msg.log, checkpointed: msg.checkpointed })
    // A log that did not grow since the last report is idle and copied: the next write starts it over by itself.
    const grew = msg.log !== this.#lastLog
    this.#lastLog = msg.log
    if (msg.log >= (this.o.restartFrom ?? MAIN_AUTOCHECKPOINT_PAGES) && grew && this.db.open) this.restartLog()
  }

  /**
   * The log only starts again from its beginning when a writer finds every frame of it
   * copied, and during a sync this connection writes again before the worker catches up:
   * left alone the log grew to ~1 GB over a 100k-line sync into 1M. So once it is long, this
   * connection copies what the worker's last checkpoint had not reached (the frames written
   * since it began: a few MB, not the 40 MB an autocheckpoint copies), between two of its own
   * transactions, and its next write starts the log over (trimmed by journal_size_limit).
   */
  private restartLog(): void {
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)')
    } catch {
      // Busy: the worker began its next checkpoint; the one after tries again.
    }
  }

  private fail(message: string): void {
    if (this.#state === 'stopped' || this.#state === 'failed') return
    this.#state = 'failed'
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${MAIN_AUTOCHECKPOINT_PAGES}`)
    this.o.onFailure?.(message)
  }
}
