/**
 * API keys per panel, on top of a SecretStore (keychain or memory).
 *
 * The key is write-only for the page: it learns `hasKey` and the last four
 * characters. A key never appears in a thrown message, a log or a file other
 * than the keychain — validation messages describe the shape, never echo it,
 * and keychain errors are scrubbed of it just in case.
 */
import { API_KEY_RE } from '../../shared/profile'
import { AppError } from '../errors'
import type { SecretStore } from '../ports'

export interface KeyState {
  hasKey: true
  /** Last four characters, for the user to recognise the key. */
  keyHint: string
}

export const keyHintOf = (apiKey: string): string => apiKey.slice(-4)

export class KeyService {
  constructor(private readonly store: SecretStore) {}

  get backend(): SecretStore['kind'] {
    return this.store.kind
  }

  async set(profileId: string, apiKey: string): Promise<KeyState> {
    const key = typeof apiKey === 'string' ? apiKey.trim() : ''
    if (!API_KEY_RE.test(key)) {
      throw new AppError(
        'VALIDATION',
        'An API key is exactly 32 hexadecimal characters (0-9, a-f); the text given is not. Copy it again from your profile page on the panel.',
      )
    }
    await this.guard(() => this.store.set(profileId, key), 'save', key)
    return { hasKey: true, keyHint: keyHintOf(key) }
  }

  /** The key, for building a request. Throws NO_KEY when none is saved. */
  async get(profileId: string): Promise<string> {
    const key = await this.guard(() => this.store.get(profileId), 'read')
    if (key === null || key === '') {
      throw new AppError('NO_KEY', 'No API key is saved for this panel. Add it in the panel settings.', {
        details: { profileId },
      })
    }
    return key
  }

  async has(profileId: string): Promise<boolean> {
    const key = await this.guard(() => this.store.get(profileId), 'read')
    return key !== null && key !== ''
  }

  /** Resolves true when a key was there and is now gone. */
  async clear(profileId: string): Promise<boolean> {
    return this.guard(() => this.store.delete(profileId), 'delete')
  }

  private async guard<T>(op: () => Promise<T>, verb: string, secret?: string): Promise<T> {
    try {
      return await op()
    } catch (e) {
      let reason = e instanceof Error ? e.message : String(e)
      if (secret) reason = reason.split(secret).join('***')
      throw new AppError('KEYCHAIN_UNAVAILABLE', `Could not ${verb} the API key in the ${this.where()}: ${reason}`)
    }
  }

  private where(): string {
    return this.store.kind === 'keychain' ? 'system keychain' : 'session key store'
  }
}
