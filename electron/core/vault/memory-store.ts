/**
 * Keys held in process memory only: the fallback when no OS keychain works,
 * and the store tests use. Nothing is ever written to disk (no home-made
 * encryption of a file: ARCHITECTURE §4), so keys last one session.
 */
import type { SecretStore } from '../ports'

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const
  readonly #secrets = new Map<string, string>()

  async get(account: string): Promise<string | null> {
    return this.#secrets.get(account) ?? null
  }

  async set(account: string, secret: string): Promise<void> {
    this.#secrets.set(account, secret)
  }

  async delete(account: string): Promise<boolean> {
    return this.#secrets.delete(account)
  }
}
