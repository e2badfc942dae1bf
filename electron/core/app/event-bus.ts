/**
 * Core → transports: every contract event goes to every listener (the IPC
 * forwarder, the loopback host, tests). A listener that throws must not stop
 * the others or the service that emitted.
 */
import type { EventName } from '../../shared/contract'
import type { Emit } from '../ports'

export type EventListener = (name: EventName, payload: unknown) => void

export class EventBus {
  private readonly listeners = new Set<EventListener>()

  readonly emit: Emit = (name, payload) => {
    for (const l of [...this.listeners]) {
      try {
        l(name, payload)
      } catch {
        // one bad listener must not starve the others
      }
    }
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
