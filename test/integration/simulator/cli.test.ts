import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
let child: ChildProcess | undefined

function run(args: string[]): ChildProcess {
  child = spawn(process.execPath, ['--import', 'tsx', 'electron/simulator/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return child
}

function exitCode(p: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => p.once('exit', (code) => resolve(code)))
}

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  child = undefined
})

describe('simulator CLI', () => {
  it('prints base URL and key, serves, and exits 0 on SIGTERM', async () => {
    const key = '0123456789abcdef0123456789abcdef'
    const p = run(['--port', '0', '--lines', '50', '--api-key', key, '--access-code', 'clitest', '--credits', '77'])
    const exited = exitCode(p)
    let out = ''
    const baseUrl = await new Promise<string>((resolve, reject) => {
      p.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const m = /base URL : (\S+)/.exec(out)
        if (m?.[1] && out.includes('api key')) resolve(m[1])
      })
      p.once('exit', () => reject(new Error(`exited early: ${out}`)))
    })
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/clitest\/reseller\/index\.php$/)
    expect(out).toContain(key)
    const body = await (await fetch(`${baseUrl}?api_key=${key}&action=user_info`)).json()
    expect(body.data.credits).toBe(77)
    p.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('exits 2 with a message on a bad flag', async () => {
    const p = run(['--bogus'])
    let err = ''
    p.stderr?.on('data', (c: Buffer) => (err += c.toString()))
    expect(await exitCode(p)).toBe(2)
    expect(err).toContain('unknown option: --bogus')
  })
})
