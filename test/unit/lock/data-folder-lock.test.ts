/**
 * The data-folder lock (issue #11 §6) with real files and real processes: a
 * second process is refused and told who holds the folder; a lock left by a
 * killed process, a damaged or abandoned lock file, or one from before the
 * last reboot is taken over; a normal exit gives the folder back.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, test } from 'vitest'
import { acquireDataFolderLock, LOCK_FILE, type HeldLock } from '../../../electron/core/lock/data-folder-lock'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const children: ChildProcess[] = []
const dirs: string[] = []
const held: HeldLock[] = []
afterEach(() => {
  for (const l of held.splice(0)) l.release()
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'xm-lock-'))
  dirs.push(d)
  return d
}

function take(dir: string) {
  const r = acquireDataFolderLock(dir, { kind: 'electron' })
  if (r.ok) held.push(r.lock)
  return r
}

/** Another process that tries to take the lock; resolves with its one-line answer. */
function otherProcess(dir: string, kind = 'browser') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/lock/hold-lock.ts', dir, kind], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
  children.push(child)
  let out = ''
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const answer = new Promise<{ ok: boolean; pid?: number; holder?: { pid: number; kind: string }; message?: string }>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!))
    })
    child.once('exit', (code) => reject(new Error(`exited ${code} before answering: ${err}`)))
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, answer, exited }
}

/** A pid that certainly belongs to no running process: one that has just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  const pid = child.pid!
  await new Promise((r) => child.once('exit', r))
  return pid
}

const lockJson = (v: Record<string, unknown>) => JSON.stringify({ kind: 'browser', host: hostname(), startedAt: Date.now() - 60_000, bootedAt: 0, token: 'x', ...v })

describe('data folder lock', () => {
  test('the first process takes the folder; a second process is refused and told which process holds it', async () => {
    const dir = tempDir()
    const first = take(dir)
    expect(first.ok).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, kind: 'electron' })

    const second = otherProcess(dir)
    const answer = await second.answer
    expect(answer.ok).toBe(false)
    expect(answer.holder).toMatchObject({ pid: process.pid, kind: 'electron' })
    expect(answer.message).toContain(`process ${process.pid}`)
    expect(answer.message).toMatch(/XM Reseller Desk app/)
    expect(await second.exited).toBe(3)
    // The refusal left the holder's lock alone.
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
  })

  test('a lock held by another live process is respected; once that process is killed (no clean-up) its lock is stale and taken over', async () => {
    const dir = tempDir()
    const holder = otherProcess(dir, 'browser')
    const got = await holder.answer
    expect(got).toMatchObject({ ok: true, pid: holder.child.pid })

    const refused = take(dir)
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.holder).toMatchObject({ pid: holder.child.pid, kind: 'browser' })
    expect(refused.message).toContain(`process ${holder.child.pid}`)
    expect(refused.message).toMatch(/npm run dev:browser/)

    holder.child.kill('SIGKILL')
    await holder.exited
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true)
    const after = take(dir)
    expect(after.ok).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
  })

  test('a process that ends normally gives the folder back', async () => {
    const dir = tempDir()
    const holder = otherProcess(dir)
    expect((await holder.answer).ok).toBe(true)
    holder.child.stdin!.end()
    expect(await holder.exited).toBe(0)
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    expect(take(dir).ok).toBe(true)
  })

  test('a lock file naming a dead pid is stale', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, LOCK_FILE), lockJson({ pid: await deadPid() }))
    const r = take(dir)
    expect(r.ok).toBe(true)
  })

  test('a lock from before the last reboot is stale even if its pid is in use now', async () => {
    const dir = tempDir()
    // pid 1 is always running; the lock says it was taken in a boot a day ago.
    writeFileSync(join(dir, LOCK_FILE), lockJson({ pid: 1, bootedAt: Date.now() - 86_400_000 - 3_600_000 }))
    expect(take(dir).ok).toBe(true)
  })

  test('a damaged lock file is taken over; a fresh empty one (a copy starting right now) is not, an abandoned empty one is', () => {
    const dir = tempDir()
    const path = join(dir, LOCK_FILE)
    writeFileSync(path, '{"pid": not json')
    const a = take(dir)
    expect(a.ok).toBe(true)
    if (a.ok) a.lock.release()

    writeFileSync(path, '')
    const b = take(dir)
    expect(b.ok).toBe(false)
    if (!b.ok) expect(b.message).toMatch(/another copy/)
    const old = (Date.now() - 60_000) / 1000
    utimesSync(path, old, old)
    expect(take(dir).ok).toBe(true)
  })

  test('a lock held on another computer (a shared folder) is respected', () => {
    const dir = tempDir()
    writeFileSync(join(dir, LOCK_FILE), lockJson({ pid: 4242, host: 'other-box' }))
    const r = take(dir)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain('"other-box"')
  })

  test('release removes only our own lock, and is safe to call twice', () => {
    const dir = tempDir()
    const r = take(dir)
    if (!r.ok) throw new Error(r.message)
    r.lock.release()
    r.lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    // A lock replaced behind our back (someone judged ours stale) is theirs now: our release leaves it.
    const again = take(dir)
    if (!again.ok) throw new Error(again.message)
    writeFileSync(join(dir, LOCK_FILE), lockJson({ pid: 1, token: 'theirs' }))
    again.lock.release()
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).token).toBe('theirs')
  })
})
