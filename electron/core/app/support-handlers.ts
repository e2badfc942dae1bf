/**
 * `app:ackProblem`, `app:diagnostics`, `app:openLogs`: what a reseller needs when
 * something went wrong — confirm a notice about a damaged file, copy a report for
 * support, open the folder with the log files. Diagnostics name panels by name and
 * address only: never a key, an access code or a customer's password.
 */
import { arch, release, type as osType } from 'node:os'
import type { ContractHandlers } from '../../shared/contract'
import { AppError } from '../errors'
import { redactForLog } from '../log/redact-log'
import type { CoreContext } from '../ports'
import type { CoreOptions } from './create-core'
import type { DataProblems } from './data-problems'

export interface SupportDeps {
  ctx: CoreContext
  opts: CoreOptions
  problems: DataProblems
  cacheProblem: string | null
  /** Last lines of the log (already redacted), oldest first. */
  recentLog: () => string[]
}

type SupportMethods = 'app:ackProblem' | 'app:diagnostics' | 'app:openLogs'

export function supportHandlers(d: SupportDeps): Pick<ContractHandlers, SupportMethods> {
  return {
    'app:ackProblem': async ({ id }) => {
      d.problems.ack(id)
      d.opts.log?.(`problem confirmed by the user: ${id}`)
      return { done: true as const }
    },
    'app:diagnostics': async () => ({ text: diagnostics(d) }),
    'app:openLogs': async () => {
      if (!d.opts.logDir || !d.opts.openPath)
        throw new AppError('VALIDATION', 'Opening the logs folder is not available here; the log files are in the data folder, under "logs".')
      await d.opts.openPath(d.opts.logDir)
      return { done: true as const }
    },
  }
}

function diagnostics(d: SupportDeps): string {
  const lines: string[] = []
  lines.push('XM Reseller Desk diagnostics')
  lines.push(`Generated: ${new Date(d.ctx.now()).toISOString()}`)
  lines.push(`App version: ${d.opts.appVersion} (${d.opts.transport})`)
  lines.push(`OS: ${d.opts.platform} ${osType()} ${release()} ${arch()}; Node ${process.versions.node}${process.versions.electron ? `; Electron ${process.versions.electron}` : ''}`)
  lines.push(`Keys kept in: ${d.ctx.secrets.kind}${d.opts.keychainProblem ? ` (${d.opts.keychainProblem})` : ''}`)
  const panels = d.ctx.profiles.list()
  lines.push('', `Panels (${panels.length}):`)
  for (const p of panels) {
    const account = d.ctx.cache.getAccount(p.id)
    const credits = account ? `${account.info.credits} credits` : 'no balance read yet'
    lines.push(`- ${p.name}: ${p.scheme}://${p.host}:${p.port}, key ${p.hasKey ? 'stored' : 'missing'}, ${credits}`)
  }
  const problems = d.problems.list()
  lines.push('', `Data file problems (${problems.length + (d.cacheProblem ? 1 : 0)}):`)
  for (const p of problems) lines.push(`- ${p.file}: ${p.message}`)
  if (d.cacheProblem) lines.push(`- cache.db: ${d.cacheProblem}`)
  const recent = d.recentLog()
  lines.push('', `Last log lines (${recent.length}):`, ...recent)
  // Everything once more through the log's redaction: panel names and notes are typed by people.
  return redactForLog(lines.join('\n'))
}
