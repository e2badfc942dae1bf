/**
 * Main and the core write a rotating, redacted log in the data folder (issue #12 §5);
 * Settings can open its folder and copy diagnostics. Fake 'electron', real core on a
 * temp folder, the simulator as the demo panel (so there is a real key to keep out).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDemoLauncher } from '../../../electron/main/demo'
import type { MainProcessDeps } from '../../../electron/main/main-process'
import { startSimulator } from '../../../electron/simulator'
import { ipcMain, resetElectronFake, shell } from '../../fakes/electron'
import { firstWindow, mainDeps, quitApp, startMain } from '../../helpers/main-process'

let dataDir: string
const stops: Array<() => Promise<void>> = []
beforeEach(() => {
  resetElectronFake()
  dataDir = mkdtempSync(join(tmpdir(), 'xm-main-logs-'))
})
afterEach(async () => {
  await quitApp()
  for (const stop of stops.splice(0)) await stop()
  rmSync(dataDir, { recursive: true, force: true })
})

function deps(): MainProcessDeps {
  const demo = createDemoLauncher((o) => startSimulator(o))
  stops.push(() => demo.stop())
  return mainDeps(dataDir, { demo })
}

describe('main process logs and diagnostics', () => {
  it('logs to logs/xm.log (0600, redacted), opens that folder, and copies diagnostics without the key', async () => {
    await startMain(deps())
    const win = firstWindow()
    const invoke = (name: string, args: unknown = {}) => ipcMain.__invoke(name, { sender: win.webContents }, args) as Promise<{ ok: boolean; value?: unknown }>

    const demo = (await invoke('demo:start')) as { ok: boolean; value: { id: string } }
    expect(demo.ok).toBe(true)
    // Something main logs: a blocked navigation, with a key-shaped value in its URL.
    expect(win.webContents.__navigate('https://evil.example/?api_key=0123456789abcdef0123456789abcdef')).toBe(false)

    const logFile = join(dataDir, 'logs', 'xm.log')
    await expect.poll(() => readdirSync(join(dataDir, 'logs'))).toContain('xm.log')
    const text = readFileSync(logFile, 'utf8')
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z blocked navigate https:\/\/evil\.example\/\?api_key=\*\*\*/m)
    expect(text).not.toContain('0123456789abcdef0123456789abcdef')
    expect((statSync(logFile).mode & 0o777).toString(8)).toBe('600')
    expect((statSync(join(dataDir, 'logs')).mode & 0o777).toString(8)).toBe('700')

    const info = (await invoke('app:info')) as { value: { logDir: string } }
    expect(info.value.logDir).toBe(join(dataDir, 'logs'))
    expect(await invoke('app:openLogs')).toMatchObject({ ok: true })
    expect(shell.pathsOpened).toEqual([join(dataDir, 'logs')])

    const diag = (await invoke('app:diagnostics')) as { ok: boolean; value: { text: string } }
    expect(diag.ok).toBe(true)
    expect(diag.value.text).toContain('App version: 9.9.9 (ipc)')
    expect(diag.value.text).toMatch(/OS: linux /)
    expect(diag.value.text).toMatch(/- Demo panel: http:\/\/127\.0\.0\.1:\d+, key stored/)
    expect(diag.value.text).toContain('blocked navigate https://evil.example/?api_key=***')
    expect(diag.value.text).not.toMatch(/[0-9a-f]{32}/i)
  })
})
