/**
 * `npm run dev:browser` (electron/loopback/cli.ts) as real child processes for
 * the tests that run it: each child is killed, and each folder it was given
 * removed, after every test.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach } from 'vitest'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

export interface CliRun {
  child: ChildProcess
  /** Its exit code, once it has exited. */
  exited: Promise<number | null>
  /** All it printed so far on stdout / stderr. */
  out(): string
  err(): string
}

/** Registers the afterEach clean-up; `run` starts the CLI, `dirs` takes folders to remove. */
export function cliRunsEndedAfterEach(): { run(args: string[], env?: Record<string, string>): CliRun; dirs: string[] } {
  const children: ChildProcess[] = []
  const dirs: string[] = []
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  const run = (args: string[], env: Record<string, string> = {}): CliRun => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/loopback/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    return { child, exited, out: () => stdout, err: () => stderr }
  }
  return { run, dirs }
}
