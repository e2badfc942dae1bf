/** Subscribes to a contract event and unsubscribes when the owning scope (component or store) ends. */
import { getCurrentScope, onScopeDispose } from 'vue'

export function useIpcEvent<P>(subscribe: (cb: (payload: P) => void) => () => void, handler: (payload: P) => void): () => void {
  const unsubscribe = subscribe(handler)
  if (getCurrentScope()) onScopeDispose(unsubscribe)
  return unsubscribe
}
