/**
 * What the customer book does on its own: the daily automatic backup and the
 * daily "N customers expire in the next D days" notification (at the chosen
 * hour, or at the first check after it; once a day; never when switched off
 * or when nobody is due). Checked at start and then every hour.
 */
import type { Backups } from './backups'
import type { CustomerBook } from './book'
import type { Radar } from './radar'

const CHECK_EVERY_MS = 3_600_000

export interface ScheduleDeps {
  book: CustomerBook
  radar: Radar
  backups: Backups
  /** `command`: what a click on it opens (main's notifier sends it to the page as app:command). */
  notify?: ((n: { title: string; body: string; command?: 'open-radar' }) => void) | undefined
  log?: ((msg: string) => void) | undefined
}

export class BookSchedule {
  #timer: ReturnType<typeof setInterval> | null = null

  constructor(private readonly d: ScheduleDeps) {}

  start(): void {
    if (this.#timer) return
    void this.tick()
    this.#timer = setInterval(() => void this.tick(), CHECK_EVERY_MS)
    this.#timer.unref?.()
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
  }

  async tick(): Promise<void> {
    if (this.d.book.problem) return
    try {
      await this.d.backups.autoIfDue()
    } catch (e) {
      this.d.log?.(`automatic backup failed: ${e instanceof Error ? e.message : String(e)}`)
    }
    try {
      this.remindIfDue()
    } catch (e) {
      this.d.log?.(`renewal notification failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  /** Shows the daily notification when due; returns whether it did. */
  remindIfDue(): boolean {
    const s = this.d.radar.settings()
    if (!s.notify || !this.d.notify) return false
    const now = new Date(this.d.book.now())
    if (now.getHours() < s.hour) return false
    const today = `${now.getFullYear()}-${now.getMonth() + 1}-${now.getDate()}`
    if (this.d.book.meta('lastReminderNotice') === today) return false
    this.d.book.setMeta('lastReminderNotice', today)
    const due = this.d.radar.dueSoon(s.days)
    if (due.customers === 0) return false
    this.d.notify({
      title: 'Renewals due',
      body: `${due.customers} customer${due.customers === 1 ? '' : 's'} expire${due.customers === 1 ? 's' : ''} in the next ${s.days} days.`,
      command: 'open-radar',
    })
    return true
  }
}
