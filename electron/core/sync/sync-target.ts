/**
 * One sync of one target of one panel: read it all from the panel, then — and
 * only then — replace the cached copy in one transaction. Pages are staged as
 * they arrive, out of readers' sight; a pass that fails, is cancelled or looks
 * wrong drops them and leaves the previous copy exactly as it was.
 */
import type { AccountInfo, Resource, ResourceRow } from '../../shared/domain'
import type { ErrorCode } from '../../shared/errors'
import type { ListResult } from '../api/normalise/list'
import type { CallOptions, XtreamClient } from '../api/client'
import { AppError, isAppError } from '../errors'
import type { CacheDb, Clock, StagedReplace } from '../ports'
import { pageList, type ListPage, type PageReport } from './page-list'
import { listsReadLately, PassWriter } from './pass-writer'
import { refusePass } from './pass-check'
import { STRAIN_CODES, type Pacer } from './pacer'
import { listActionOf } from '../api/resource-actions'
import { isListTarget, TARGET_LABEL, type SyncTarget } from './targets'

export interface TargetOutcome {
  rows: number
  skipped: number
  /** Finished, but worth telling (rows left out). */
  warning: { code: ErrorCode; message: string } | null
}

export interface SyncTargetOptions {
  signal: AbortSignal
  onPage: (r: PageReport) => void
  /** Called after each answer from the panel (reachability). */
  onAnswer: () => void
  limits?: readonly number[]
  /** False when the panel was removed meanwhile: nothing may be written for it. */
  stillWanted: () => boolean
  /** The panel's request window, shared by its targets (pacer.ts); without one, a page at a time. */
  pacer?: Pacer
  /** A first sync made more rows readable (`rows` in all so far): the view may re-query. */
  onShown?: (rows: number) => void
}

export async function syncTarget(
  deps: { cache: CacheDb; now: Clock },
  client: XtreamClient,
  profileId: string,
  target: SyncTarget,
  o: SyncTargetOptions,
): Promise<TargetOutcome> {
  const call = { signal: o.signal }
  if (target === 'account') {
    const info = await client.call('user_info', {}, call)
    o.onAnswer()
    if (o.stillWanted()) recordAccount(deps.cache, profileId, info, deps.now())
    return { rows: 1, skipped: 0, warning: null }
  }
  if (target === 'packages') {
    const pkgs = await client.call('packages', {}, call)
    o.onAnswer()
    if (o.stillWanted()) deps.cache.setPackages(profileId, pkgs, deps.now())
    return { rows: pkgs.length, skipped: 0, warning: null }
  }
  if (!isListTarget(target)) throw new AppError('INTERNAL', `Unknown sync target ${String(target)}.`)
  return syncList(deps, client, profileId, target, o)
}

async function syncList<R extends Resource>(
  deps: { cache: CacheDb; now: Clock },
  client: XtreamClient,
  profileId: string,
  resource: R,
  o: SyncTargetOptions,
): Promise<TargetOutcome> {
  const action = listActionOf(resource)
  const label = TARGET_LABEL[resource]
  // The one place the list action is chosen at run time; every list answers ListResult of its row type.
  // The answer's bytes come along: the cache keeps each row's raw copy inside them (cache/raw-pages.ts).
  const fetchPage = async (start: number, limit: number, signal = o.signal): Promise<ListPage<ResourceRow[R]>> => {
    let answer: Uint8Array | undefined
    const onAnswer = (body: Uint8Array) => (answer = body)
    // A 503/403/timeout the client is about to retry already means "slow down" (pacer.ts).
    const onRetry = (code: string) => {
      if (STRAIN_CODES.has(code as ErrorCode)) o.pacer?.strain()
    }
    const page = (await (client.call as (a: string, p: object, c: CallOptions) => Promise<unknown>)(action, { start, limit }, { signal, onAnswer, onRetry })) as ListResult<
      ResourceRow[R]
    >
    o.onAnswer()
    return answer ? { ...page, answer } : page
  }
  // Each page is staged in the cache as it arrives (invisible to readers) while the panel
  // prepares the next; only a complete pass is switched in, in one transaction (cache/staging.ts).
  // A first sync has no old set to protect: its rows are shown page by page instead (issue #14).
  const cachedCount = deps.cache.count(profileId, resource)
  const firstSync = cachedCount === 0 && deps.cache.getSyncMeta(profileId, resource).syncedAt === null
  const staged = deps.cache.beginReplace(profileId, resource)
  // A first sync's rows are shown in slices beside the fetching, so the list's queries never wait long (pass-writer.ts).
  const writer = new PassWriter(staged, { firstSync, stillWanted: o.stillWanted, onShown: o.onShown, readers: listsReadLately(deps.cache) })
  const take = (rows: ResourceRow[R][], page: ListPage<ResourceRow[R]>): void =>
    writer.take(rows, page.answer ? { answer: page.answer, rawAt: page.rawAt } : null)
  try {
    const pass = await pageList(fetchPage, { limits: o.limits, signal: o.signal, onPage: o.onPage, label, pacer: o.pacer, onRows: take })
    if (o.signal.aborted) throw cancelled()

    // Issue #11 §7: a pass with too many unreadable or missing rows keeps the cached set (pass-check.ts).
    const refused = refusePass(pass, cachedCount, label, resource)
    if (refused) throw refused
    if (!o.stillWanted()) return { rows: 0, skipped: pass.skipped, warning: null }
    // Everything shown before the switch: it then has only the rows a write raced with left (staging.ts).
    await writer.finish()
    await staged.settled()
    if (o.signal.aborted) throw cancelled()
    if (!o.stillWanted()) return { rows: 0, skipped: pass.skipped, warning: null }
    staged.commit(deps.now())
    return outcome(pass.unique, pass.skipped, label)
  } catch (e) {
    // A first sync that stopped keeps the rows it showed (there was nothing before): say so.
    const shown = writer.shown
    if (shown > 0 && isAppError(e) && e.code !== 'CANCELLED') {
      throw new AppError(e.code, `${e.message} The ${shown} ${label} read before it stopped are shown; the rest come with the next complete sync.`, {
        details: e.details,
      })
    }
    throw e
  } finally {
    // After a commit this does nothing; otherwise (failure, cancel, panel gone) the staged rows go.
    writer.stop()
    discardQuietly(staged)
  }
}

const cancelled = () => new AppError('CANCELLED', 'The sync was cancelled; the cached data was kept.')

function outcome(rows: number, skipped: number, label: string): TargetOutcome {
  const warning =
    skipped > 0
      ? {
          code: 'BAD_RESPONSE' as const,
          message: `${skipped} of the ${label} the panel sent could not be read and are not shown; the other ${rows} were updated.`,
        }
      : null
  return { rows, skipped, warning }
}

/** Dropping staged rows must not hide the failure that led here; an open that follows sweeps leftovers. */
function discardQuietly(staged: StagedReplace): void {
  try {
    staged.discard()
  } catch {
    // The staged rows stay noted in the file and are swept on the next open (cache/staging.ts).
  }
}

/** A balance read is both the account row and a point on the credit history. */
export function recordAccount(cache: CacheDb, profileId: string, info: AccountInfo, at: number): void {
  cache.setAccount(profileId, info, at)
  cache.addCreditSnapshot(profileId, at, info.credits)
}
