/**
 * Starts the simulated panel in its own process (_sim-child.ts) for a bench: a real
 * panel is a remote server, so its CPU must not compete with ours on one event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** What the benches need of a simulator running in another process. */
export interface RemoteSimulator {
  port: number
  baseUrl: string
  apiKey: string
  accessCode: string
}

/**
 * Options are _sim-child.ts's: the simulator's own, plus `ownAllLines`, and `latencyMs` /
 * `jitterMs` (every request waits latencyMs + up to jitterMs, as a panel far away does).
 * The child exits when our end of its stdin closes.
 */
export async function startRemoteSimulator(opts: object): Promise<{ sim: RemoteSimulator; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./_sim-child.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(opts)], { stdio: ['pipe', 'pipe', 'inherit'] })
  const sim = await new Promise<RemoteSimulator>((resolve, reject) => {
    let buf = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8')
      const nl = buf.indexOf('\n')
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)) as RemoteSimulator)
    })
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`the simulator exited early (${code})`)))
  })
  return { sim, child }
}
