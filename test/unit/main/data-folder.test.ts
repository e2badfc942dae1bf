/**
 * The desktop app and the data-folder lock (issue #11 §6), against the fake
 * 'electron' module with a real core and a real lock file: a folder held by
 * another process (here `npm run dev:browser`, really running) is not opened —
 * the user is told which process holds it and the app quits before any core,
 * window or IPC exists; a folder we hold is given back on quit.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../electron/core/app/create-core'
import { LOCK_FILE } from '../../../electron/core/lock/data-folder-lock'
import { FOLDER_IN_USE_TITLE } from '../../../electron/main/data-folder'
import type { MainProcessDeps } from '../../../electron/main/main-process'
import { app, BrowserWindow, dialog, ipcMain, resetElectronFake } from '../../fakes/electron'
import { mainDeps, quitApp, startMain } from '../../helpers/main-process'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
let dataDir: string
const children: ChildProcess[] = []
beforeEach(() => {
  resetElectronFake()
  dataDir = mkdtempSync(join(tmpdir(), 'xm-main-lock-'))
})
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

const deps = (overrides: Partial<MainProcessDeps> = {}) => mainDeps(dataDir, overrides)

/** Another process holding the folder: the lock fixture, as `npm run dev:browser` would take it. */
async function browserCopyHolding(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/lock/hold-lock.ts', dir, 'browser'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] })
  children.push(child)
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => (JSON.parse(d.toString()).ok ? resolve() : reject(new Error(d.toString()))))
    child.once('exit', (code) => reject(new Error(`holder exited ${code}`)))
  })
  return child
}

describe('desktop app on a data folder in use', () => {
  it('says which process holds the folder and quits before any core, window or IPC exists', async () => {
    const holder = await browserCopyHolding(dataDir)
    let cores = 0
    expect(await startMain(deps({ createCore: async (o) => (cores++, createCore(o)) }))).toBeNull()
    expect(app.quitCalls).toBe(1)
    expect(cores).toBe(0)
    expect(BrowserWindow.getAllWindows()).toHaveLength(0)
    expect(ipcMain.handlers.size).toBe(0)
    expect(dialog.errorBoxes).toHaveLength(1)
    expect(dialog.errorBoxes[0]!.title).toBe(FOLDER_IN_USE_TITLE)
    expect(dialog.errorBoxes[0]!.content).toContain(`process ${holder.pid}`)
    expect(dialog.errorBoxes[0]!.content).toMatch(/npm run dev:browser/)
    // The other copy's lock is untouched.
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(holder.pid)
  })

  it('holds the folder while running and gives it back on quit', async () => {
    const ctx = await startMain(deps())
    expect(ctx).not.toBeNull()
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, kind: 'electron' })
    await quitApp()
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false)
  })
})
