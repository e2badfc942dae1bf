/**
 * The built-in demo panel: the reseller-API simulator on 127.0.0.1 with a fresh
 * random key, started on first use and stopped when the app quits. Core's
 * `demo:start` handler calls `start()` and files the answer as a profile.
 * No 'electron' import: the browser host (electron/loopback/cli.ts) uses it too.
 */
import { randomBytes } from 'node:crypto'

export interface DemoEndpoint {
  scheme: 'http'
  host: string
  port: number
  accessCode: string
  apiKey: string
}

/** The part of the simulator's handle the demo needs. */
export interface DemoSimulator {
  port: number
  accessCode: string
  apiKey: string
  close(): unknown
}
export type StartDemoSimulator = (opts: { port: number; apiKey: string }) => DemoSimulator | Promise<DemoSimulator>

export interface DemoLauncher {
  /** Starts the simulator once; later calls answer the same endpoint. */
  start(): Promise<DemoEndpoint>
  stop(): Promise<void>
}

export function createDemoLauncher(startSimulator: StartDemoSimulator): DemoLauncher {
  let running: Promise<DemoSimulator> | null = null
  return {
    async start() {
      // 32 hex characters, like a real panel key (API_KEY_RE); new every run.
      running ??= Promise.resolve(startSimulator({ port: 0, apiKey: randomBytes(16).toString('hex') })).catch(
        (e: unknown) => {
          running = null
          throw e
        },
      )
      const sim = await running
      return { scheme: 'http', host: '127.0.0.1', port: sim.port, accessCode: sim.accessCode, apiKey: sim.apiKey }
    },
    async stop() {
      const pending = running
      running = null
      if (!pending) return
      try {
        await (await pending).close()
      } catch {
        // It failed to start or is already closed: nothing left to stop.
      }
    },
  }
}
