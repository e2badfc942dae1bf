/**
 * What every bench shares: timing one call, percentiles, and printing its figures
 * as JSON lines when run on its own or under `npm run bench` (run.ts).
 */
import { pathToFileURL } from 'node:url'

export interface Figure {
  name: string
  value: number
  unit: string
  target?: number
}

/** Wall-clock milliseconds of one synchronous call. */
export function time(fn: () => unknown): number {
  const t = performance.now()
  fn()
  return performance.now() - t
}

/** Wall-clock and CPU time of one call: on a shared, loaded machine wall time also counts waiting for a core. */
export function timeWithCpu(fn: () => unknown): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage()
  const wall = time(fn)
  const cpu = process.cpuUsage(cpu0)
  return { wall, cpu: (cpu.user + cpu.system) / 1000 }
}

/** The p-th percentile (nearest rank) of `xs`; NaN when empty. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN
}

/**
 * Runs `run` and prints its figures when the bench file `moduleUrl` is the program (run
 * directly, or spawned by run.ts); imported by another bench (cache-1m.ts takes
 * cache-query.ts's queries), it runs nothing.
 */
export async function printWhenMain(moduleUrl: string, run: () => Promise<Figure[]>, decimals = 2): Promise<void> {
  const isMain = process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href
  if (!isMain) return
  const scale = 10 ** decimals
  for (const f of await run()) console.log(JSON.stringify({ ...f, value: Math.round(f.value * scale) / scale }))
}
