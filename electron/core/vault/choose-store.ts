/**
 * Picks where API keys live for this session: the OS keychain when it really
 * works, else memory, with a sentence for the UI (AppInfo.keychainProblem).
 *
 * "Really works" is proven once at startup by writing, reading back and
 * deleting a probe entry: on Linux a missing D-Bus, a missing Secret Service
 * and a locked collection only show up when used (a locked collection even
 * answers get() with null silently). The probe has a deadline because a hung
 * D-Bus or an invisible unlock prompt would otherwise freeze startup.
 */
import { randomBytes } from 'node:crypto'
import type { SecretStore } from '../ports'
import { describeKeychainProblem, type ProbeFailure } from './keychain-problem'
import { loadKeytarStore } from './keytar-store'
import { MemorySecretStore } from './memory-store'

export const PROBE_TIMEOUT_MS = 3000

export interface ChooseStoreOptions {
  /** false: the user chose memory-only keys (no problem to report). */
  preferKeychain: boolean
  /** Prove the keychain with a set/get/delete round trip (default true). */
  probe?: boolean
  timeoutMs?: number
  /** Keychain service name; tests use their own so they never touch real entries. */
  service?: string
  /** Only for tests of a missing native module. */
  importKeytar?: () => Promise<unknown>
}

export interface ChosenStore {
  store: SecretStore
  problem: string | null
}

export async function chooseSecretStore(opts: ChooseStoreOptions): Promise<ChosenStore> {
  if (!opts.preferKeychain) return { store: new MemorySecretStore(), problem: null }

  const loaded = await loadKeytarStore({ service: opts.service, importKeytar: opts.importKeytar })
  if (!loaded.ok) return fallback({ kind: 'load', message: loaded.error })
  if (opts.probe === false) return { store: loaded.store, problem: null }

  const failure = await probe(loaded.store, opts.timeoutMs ?? PROBE_TIMEOUT_MS)
  return failure ? fallback(failure) : { store: loaded.store, problem: null }
}

function fallback(failure: ProbeFailure): ChosenStore {
  return { store: new MemorySecretStore(), problem: describeKeychainProblem(failure) }
}

/** Resolves to null when the keychain round trip worked, else why not. */
async function probe(store: SecretStore, timeoutMs: number): Promise<ProbeFailure | null> {
  const account = `probe-${randomBytes(6).toString('hex')}`
  const value = randomBytes(16).toString('hex')
  const roundTrip = async (): Promise<ProbeFailure | null> => {
    try {
      await store.set(account, value)
      const back = await store.get(account)
      await store.delete(account)
      return back === value ? null : { kind: 'readback' }
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) }
    }
  }
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<ProbeFailure>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout', ms: timeoutMs }), timeoutMs)
    // A native call that never returns must not keep the process alive at quit.
    timer.unref()
  })
  try {
    return await Promise.race([roundTrip(), deadline])
  } finally {
    clearTimeout(timer)
  }
}
