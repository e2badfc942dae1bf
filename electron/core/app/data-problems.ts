/**
 * Damaged or unexpected data files found at start, kept until the user has read them.
 * Each one reaches the page through `app:info` (a banner names the file, what happened,
 * where the original was kept and what to do). A lost or damaged spending journal also
 * stops spending until the user confirms: the record of unknown outcomes went with it,
 * and buying again blindly could charge twice (docs/ARCHITECTURE.md, the write path).
 */
import type { DataProblem } from '../../shared/views'
import { AppError } from '../errors'

export class DataProblems {
  readonly #open = new Map<string, DataProblem>()

  add(p: DataProblem): void {
    this.#open.set(p.id, p)
  }

  list(): DataProblem[] {
    return [...this.#open.values()]
  }

  /** The user has read it. Unknown ids are fine: a second window may have confirmed first. */
  ack(id: string): void {
    if (this.#open.get(id)?.confirmable === false) return
    this.#open.delete(id)
  }

  /** Throws when spending must wait for the user to read a problem. */
  assertMaySpend(): void {
    const p = this.list().find((x) => x.blocksSpending)
    if (!p) return
    throw new AppError(
      'JOURNAL_UNWRITABLE',
      `Nothing was sent: spending is paused until you have read the notice about ${p.file} at the top of the window and confirmed it.`,
      { details: { problemId: p.id, file: p.file } },
    )
  }
}

/** A plain text problem of a file (profiles.json, settings.json), as the stores report them. */
export function fileProblem(file: string, message: string | null, keptAs: string | null): DataProblem | null {
  if (message === null) return null
  return { id: `file:${file}`, file, message, keptAs, blocksSpending: false }
}

export const JOURNAL_DAMAGED_ID = 'journal-damaged'

/** A JOURNAL_UNWRITABLE whose SQLite code says the file itself is damaged (journal/failure.ts). */
function journalDamaged(e: unknown): boolean {
  if (!(e instanceof AppError) || e.code !== 'JOURNAL_UNWRITABLE') return false
  const code = e.details?.sqliteCode
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
}

function runtimeJournalProblem(): DataProblem {
  return {
    id: JOURNAL_DAMAGED_ID,
    file: 'journal.db',
    keptAs: null,
    blocksSpending: true,
    confirmable: false,
    message:
      'The spending journal turned out to be damaged while the app was running, so spending has stopped: nothing more is sent to any panel. Quit the app and start it again; the damaged file will then be moved aside (never deleted) and you will be told what to check.',
  }
}

/** Spending methods that only read or stop things: never gated. */
const NOT_SPENDING = new Set(['spend:quote', 'bulk:plan', 'bulk:status', 'bulk:pause', 'bulk:cancel', 'bulk:exportCsv'])

/**
 * The spending handlers with every method that sends something to a panel refused while a
 * problem blocks spending (the journal:* methods and reads stay open).
 */
export function gateSpending<H extends Record<string, (...args: never[]) => Promise<unknown>>>(handlers: H, problems: DataProblems): H {
  const out: Record<string, unknown> = {}
  for (const [name, h] of Object.entries(handlers)) {
    out[name] =
      name.startsWith('journal:') || NOT_SPENDING.has(name)
        ? h
        : async (...args: never[]) => {
            problems.assertMaySpend()
            try {
              return await h(...args)
            } catch (e) {
              // The journal refused the write because its file is damaged: stop all spending, not just this one.
              if (journalDamaged(e)) problems.add(runtimeJournalProblem())
              throw e
            }
          }
  }
  return out as H
}
