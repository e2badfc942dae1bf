/**
 * One write per target at a time. A double click, or a bulk run touching a
 * line the user is also editing, must not send two spending requests for the
 * same thing: the second is refused with BUSY before anything is sent.
 */
import { AppError } from '../errors'

export class InFlight {
  private readonly keys = new Set<string>()

  static key(profileId: string, resource: string, target: string): string {
    return `${profileId}\u0000${resource}\u0000${target.toLowerCase()}`
  }

  /** Claim the target or throw BUSY; the returned function releases it (idempotent). */
  claim(profileId: string, resource: string, target: string): () => void {
    const k = InFlight.key(profileId, resource, target)
    if (this.keys.has(k)) {
      throw new AppError('BUSY', `A change to ${target} is already being sent to the panel. Wait for it to finish.`, {
        details: { target },
      })
    }
    this.keys.add(k)
    let released = false
    return () => {
      if (released) return
      released = true
      this.keys.delete(k)
    }
  }

  has(profileId: string, resource: string, target: string): boolean {
    return this.keys.has(InFlight.key(profileId, resource, target))
  }

  get size(): number {
    return this.keys.size
  }
}
