/**
 * One data folder, one app. Two copies on one folder (Electron twice, or
 * Electron beside `npm run dev:browser`) would both send writes and each
 * relabel the other's in-flight journal entries, so the app takes an
 * exclusive lock on the folder at start: a file created with O_EXCL holding
 * the owner's pid. A lock whose process is gone (a crash, a kill -9, a reboot)
 * is stale and taken over; a live one makes the second copy say who holds the
 * folder and exit.
 *
 * Plain Node on purpose (docs/ARCHITECTURE.md: core never imports Electron):
 * electron/main and electron/loopback/cli.ts call it the same way.
 */
import { randomUUID } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { hostname, uptime } from 'node:os'
import { join } from 'node:path'

export const LOCK_FILE = 'app.lock'

/** Which kind of copy holds the folder: the desktop app or the browser host. */
export type LockOwnerKind = 'electron' | 'browser'

export interface LockHolder {
  pid: number
  kind: LockOwnerKind | 'unknown'
  host: string
  /** When the holder started, ms since the epoch. */
  startedAt: number
  /** When the holder's computer booted, ms since the epoch (a lock from an earlier boot is stale). */
  bootedAt: number
  token: string
}

export interface HeldLock {
  path: string
  holder: LockHolder
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void
}

export type LockAttempt = { ok: true; lock: HeldLock } | { ok: false; holder: LockHolder | null; path: string; message: string }

export interface LockOptions {
  kind: LockOwnerKind
  pid?: number
  now?: () => number
  /** Is this process running? (tests pass a fake; the default asks the OS). */
  isAlive?: (pid: number) => boolean
  host?: string
  bootedAt?: number
}

/** Boot times read a little differently each call (uptime is whole seconds); closer than this is the same boot. */
const SAME_BOOT_MS = 2 * 60_000
const KIND_LABEL: Record<LockHolder['kind'], string> = {
  electron: 'the XM Reseller Desk app',
  browser: 'XM Reseller Desk in the browser (npm run dev:browser)',
  unknown: 'another copy of XM Reseller Desk',
}
/** Folders locked by this process: a second take in the same process is a bug, refused like any other holder. */
const heldHere = new Set<string>()

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but belongs to another user — still alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>
    if (!Number.isSafeInteger(v.pid) || (v.pid as number) <= 0) return null
    return {
      pid: v.pid as number,
      kind: v.kind === 'electron' || v.kind === 'browser' ? v.kind : 'unknown',
      host: typeof v.host === 'string' ? v.host : '',
      startedAt: typeof v.startedAt === 'number' ? v.startedAt : 0,
      bootedAt: typeof v.bootedAt === 'number' ? v.bootedAt : 0,
      token: typeof v.token === 'string' ? v.token : '',
    }
  } catch {
    return null
  }
}

interface Found {
  text: string
  holder: LockHolder | null
  modifiedAt: number
}

function readHolder(path: string): Found | null {
  try {
    const modifiedAt = statSync(path).mtimeMs
    const text = readFileSync(path, 'utf8')
    return { text, holder: parseHolder(text), modifiedAt }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
}

/** A holder writes its JSON right after creating the file; an empty file older than this is a copy that died in between. */
const EMPTY_GRACE_MS = 10_000

/**
 * Why a lock no longer counts, or null when its holder may still be running.
 * A fresh empty file may be a copy starting this very moment: held.
 */
function staleReason(found: Found, o: Required<Omit<LockOptions, 'kind'>>): string | null {
  const h = found.holder
  if (!h) {
    if (found.text.trim() !== '') return 'the lock file is damaged'
    return o.now() - found.modifiedAt > EMPTY_GRACE_MS ? 'the lock file was left empty' : null
  }
  // Another computer (a shared network folder): its processes cannot be checked from here.
  if (h.host !== '' && h.host !== o.host) return null
  if (h.bootedAt > 0 && Math.abs(h.bootedAt - o.bootedAt) > SAME_BOOT_MS) return 'it was taken before this computer last started'
  // Our own pid: the holder was an earlier process that had our number (after a reboot, in a container).
  if (h.pid === o.pid) return 'its process number is now this one'
  if (!o.isAlive(h.pid)) return `process ${h.pid} is no longer running`
  return null
}

export function heldMessage(holder: LockHolder | null, path: string): string {
  if (!holder) return `The data folder is being opened by another copy of XM Reseller Desk right now (${path}). Close the other copy, or try again in a moment.`
  const where = holder.host && holder.host !== hostname() ? ` on the computer "${holder.host}"` : ''
  const since = holder.startedAt > 0 ? `, running since ${new Date(holder.startedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC` : ''
  return (
    `The data folder is in use by ${KIND_LABEL[holder.kind]} (process ${holder.pid}${where}${since}). ` +
    `Only one copy may use it at a time: two would both send changes to your panels. ` +
    `Close that copy first. If no such copy is running, delete ${path}.`
  )
}

/** Take the folder's lock, taking over a stale one. Never throws for a held lock: the answer says who holds it. */
export function acquireDataFolderLock(dir: string, opts: LockOptions): LockAttempt {
  const o = {
    pid: opts.pid ?? process.pid,
    now: opts.now ?? Date.now,
    isAlive: opts.isAlive ?? processIsAlive,
    host: opts.host ?? hostname(),
    bootedAt: opts.bootedAt ?? Date.now() - uptime() * 1000,
  }
  mkdirSync(dir, { recursive: true })
  const path = join(dir, LOCK_FILE)
  if (heldHere.has(path)) return { ok: false, holder: null, path, message: 'This process already holds the data folder lock.' }
  const holder: LockHolder = { pid: o.pid, kind: opts.kind, host: o.host, startedAt: o.now(), bootedAt: Math.round(o.bootedAt), token: randomUUID() }

  // Two rounds: the first may find a stale lock and remove it; a copy that wins the race in between is then the holder.
  for (let round = 0; round < 2; round++) {
    let fd: number
    try {
      fd = openSync(path, 'wx', 0o600)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const found = readHolder(path)
      if (!found) continue // released between our open and our read
      const stale = staleReason(found, o)
      if (stale === null) return { ok: false, holder: found.holder, path, message: heldMessage(found.holder, path) }
      // Remove it only if it is still the stale lock we judged (another copy may have replaced it meanwhile).
      const again = readHolder(path)
      if (again && again.text === found.text) unlinkSync(path)
      continue
    }
    try {
      writeSync(fd, JSON.stringify(holder))
    } finally {
      closeSync(fd)
    }
    heldHere.add(path)
    let released = false
    const release = () => {
      if (released) return
      released = true
      heldHere.delete(path)
      process.removeListener('exit', release)
      try {
        if (readHolder(path)?.holder?.token === holder.token) unlinkSync(path)
      } catch {
        // Already gone or unreadable: nothing of ours to remove (a crash leaves a stale lock the next start takes over).
      }
    }
    // A normal exit (also process.exit) gives the folder back; a crash leaves a stale lock, taken over next time.
    process.once('exit', release)
    return { ok: true, lock: { path, holder, release } }
  }
  const found = readHolder(path)
  return { ok: false, holder: found?.holder ?? null, path, message: heldMessage(found?.holder ?? null, path) }
}
