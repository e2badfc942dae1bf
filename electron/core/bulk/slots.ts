/**
 * At most N bulk requests in flight per panel, across every run on that panel:
 * panels rate-limit per IP (panel-api §3), and two in flight keeps a run quick
 * without piling requests up on a slow panel.
 */
export class PanelSlots {
  private readonly busy = new Map<string, number>()
  private readonly waiting = new Map<string, (() => void)[]>()

  constructor(private readonly perPanel: number) {}

  async acquire(profileId: string): Promise<() => void> {
    if ((this.busy.get(profileId) ?? 0) >= this.perPanel) {
      await new Promise<void>((resolve) => {
        const q = this.waiting.get(profileId) ?? []
        q.push(resolve)
        this.waiting.set(profileId, q)
      })
    } else {
      this.busy.set(profileId, (this.busy.get(profileId) ?? 0) + 1)
    }
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.waiting.get(profileId)?.shift()
      // Hand the slot straight to the next waiter, so the count never dips below the limit while others wait.
      if (next) next()
      else this.busy.set(profileId, (this.busy.get(profileId) ?? 1) - 1)
    }
  }

  inFlight(profileId: string): number {
    return this.busy.get(profileId) ?? 0
  }
}
