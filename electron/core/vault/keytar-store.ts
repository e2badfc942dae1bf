/**
 * The OS keychain through keytar (Secret Service on Linux, Keychain on macOS,
 * Credential Vault on Windows). THE ONLY file in the repo that imports 'keytar'
 * (ARCHITECTURE §1), so the native dependency has one door.
 *
 * keytar is a native module: it may be missing or built for another ABI on a
 * user's machine. It is imported lazily, and a failure comes back as a value,
 * so startup falls back to the memory store instead of crashing.
 */
import type { SecretStore } from '../ports'

/** Service name under which every panel's key is filed; the account is the profile id. */
export const KEYCHAIN_SERVICE = 'xm-reseller-desk'

/** The part of keytar we use. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const

  constructor(
    private readonly keytar: KeytarApi,
    readonly service: string = KEYCHAIN_SERVICE,
  ) {}

  get(account: string): Promise<string | null> {
    return this.keytar.getPassword(this.service, account)
  }

  set(account: string, secret: string): Promise<void> {
    return this.keytar.setPassword(this.service, account, secret)
  }

  delete(account: string): Promise<boolean> {
    return this.keytar.deletePassword(this.service, account)
  }
}

export type KeytarLoad = { ok: true; store: KeytarSecretStore } | { ok: false; error: string }

/**
 * Import keytar and wrap it. `importKeytar` exists so a test can point at a
 * module that really is absent; production always uses the default.
 */
export async function loadKeytarStore(
  opts: { service?: string; importKeytar?: () => Promise<unknown> } = {},
): Promise<KeytarLoad> {
  let mod: unknown
  try {
    mod = await (opts.importKeytar ?? (() => import('keytar')))()
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) }
  }
  // keytar is CommonJS: under ESM its functions sit on `default`.
  const api = (isKeytarApi(mod) ? mod : (mod as { default?: unknown } | null)?.default) as unknown
  if (!isKeytarApi(api)) return { ok: false, error: 'the keytar module does not expose getPassword/setPassword/deletePassword' }
  return { ok: true, store: new KeytarSecretStore(api, opts.service) }
}

function isKeytarApi(x: unknown): x is KeytarApi {
  if (typeof x !== 'object' || x === null) return false
  const o = x as Record<string, unknown>
  return typeof o.getPassword === 'function' && typeof o.setPassword === 'function' && typeof o.deletePassword === 'function'
}
