/**
 * One data folder, one app (issue #11 §6), with real `npm run dev:browser`
 * processes: a second copy on the same folder says which process holds it and
 * exits 1 without touching the folder; the first keeps serving and gives the
 * folder back when it shuts down.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { READY_LINE_RE } from '../../../electron/loopback/cli-args'
import { acquireDataFolderLock, LOCK_FILE } from '../../../electron/core/lock/data-folder-lock'
import { cliRunsEndedAfterEach } from './cli-runs'
import { fakeRendererDir, httpGet } from './helpers'

const { run, dirs } = cliRunsEndedAfterEach()
const runCli = (args: string[], staticDir: string) => run(['--memory-keys', ...args], { XM_LOOPBACK_STATIC_DIR: staticDir })

function folders() {
  const dataDir = mkdtempSync(join(tmpdir(), 'xm-cli-lock-'))
  const staticDir = fakeRendererDir()
  dirs.push(dataDir, staticDir)
  return { dataDir, staticDir }
}

describe('npm run dev:browser on a data folder already in use', () => {
  it('the second copy names the process holding the folder and exits 1; the first keeps serving and releases it on exit', async () => {
    const { dataDir, staticDir } = folders()
    const first = runCli(['--data-dir', dataDir], staticDir)
    await expect.poll(() => READY_LINE_RE.test(first.out()), { timeout: 20_000, interval: 100 }).toBe(true)
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: first.child.pid, kind: 'browser' })

    const second = runCli(['--data-dir', dataDir], staticDir)
    expect(await second.exited).toBe(1)
    expect(second.out()).toBe('') // no ready line: nothing served
    expect(second.err()).toContain(`process ${first.child.pid}`)
    expect(second.err()).toMatch(/in use by XM Reseller Desk in the browser/)

    const port = Number(READY_LINE_RE.exec(first.out())![2])
    expect((await httpGet(port, '/')).status).toBe(200)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false)
  })

  it('refuses a folder the desktop app holds, and takes over the lock of a copy that was killed', async () => {
    const { dataDir, staticDir } = folders()
    const desktop = acquireDataFolderLock(dataDir, { kind: 'electron' })
    if (!desktop.ok) throw new Error(desktop.message)
    const refused = runCli(['--data-dir', dataDir], staticDir)
    expect(await refused.exited).toBe(1)
    expect(refused.err()).toContain(`in use by the XM Reseller Desk app (process ${process.pid}`)
    desktop.lock.release()

    const killed = runCli(['--data-dir', dataDir], staticDir)
    await expect.poll(() => READY_LINE_RE.test(killed.out()), { timeout: 20_000, interval: 100 }).toBe(true)
    killed.child.kill('SIGKILL')
    await killed.exited
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true) // a crash leaves its lock behind

    const next = runCli(['--data-dir', dataDir], staticDir)
    await expect.poll(() => READY_LINE_RE.test(next.out()), { timeout: 20_000, interval: 100 }).toBe(true)
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(next.child.pid)
  })
})
