/**
 * `app:info`, `app:openExternal`, `settings:*` and `demo:start`.
 *
 * The demo panel is the built-in simulator: its port and key change every run,
 * so `demo:start` finds the panel called "Demo panel" pointing at 127.0.0.1
 * (or makes it), points it at this run's simulator and stores this run's key.
 * Calling it again answers the same panel.
 */
import type { ContractHandlers } from '../../shared/contract'
import type { Profile } from '../../shared/profile'
import { PROFILE_DEFAULTS } from '../../shared/profile'
import type { AppInfo, Settings } from '../../shared/views'
import { AppError } from '../errors'
import type { CoreContext } from '../ports'
import type { SettingsStore } from '../settings/settings-store'
import type { KeyService } from '../vault/key-service'
import type { CoreOptions } from './create-core'
import type { DataProblems } from './data-problems'
import { checkExternalLink } from './external-links'

export const DEMO_PANEL_NAME = 'Demo panel'
const DEMO_COLOR = '#18a058'

export interface AppDeps {
  ctx: CoreContext
  opts: CoreOptions
  keys: KeyService
  settings: SettingsStore
  /** The cache was rebuilt at start (what was wrong, where the old file went); null otherwise. */
  cacheProblem: string | null
  /** Damaged data files found at start, until the user confirms them (data-problems.ts). */
  problems?: DataProblems
  /** Applied after a settings change (credit monitor pause, offline alert). */
  settingsChanged(s: Settings): void
  profilesChanged(): void
  /** The demo panel is ready: fill its cache in the background. */
  demoReady(profileId: string): void
}

type AppMethods = 'app:info' | 'app:openExternal' | 'settings:get' | 'settings:set' | 'demo:start'

export function appHandlers(d: AppDeps): Pick<ContractHandlers, AppMethods> {
  let demo: Promise<Profile> | null = null
  return {
    'app:info': async (): Promise<AppInfo> => ({
      version: d.opts.appVersion,
      platform: d.opts.platform,
      dataDir: d.opts.dataDir,
      keyBackend: d.ctx.secrets.kind,
      keychainProblem: d.opts.keychainProblem ?? null,
      transport: d.opts.transport,
      demoAvailable: d.opts.startDemo !== undefined,
      cacheProblem: d.cacheProblem,
      problems: d.problems?.list() ?? [],
      ...(d.opts.logDir ? { logDir: d.opts.logDir } : {}),
    }),

    'app:openExternal': async ({ url }) => {
      // Opening a link starts another program: only links the app builds itself (external-links.ts).
      const verdict = checkExternalLink(url, { profiles: d.ctx.profiles.list() })
      if (!verdict.ok) throw new AppError('VALIDATION', verdict.reason)
      if (!d.opts.openExternal) throw new AppError('VALIDATION', 'Opening links in the browser is not available here; copy the link instead.')
      await d.opts.openExternal(verdict.url)
      return { done: true as const }
    },

    'settings:get': async () => d.settings.get(),
    'settings:set': async (patch) => {
      const next = await d.settings.set(patch)
      d.settingsChanged(next)
      return next
    },

    'demo:start': () => {
      // Two clicks must not make two demo panels.
      demo ??= startDemo(d).finally(() => {
        demo = null
      })
      return demo
    },
  }
}

async function startDemo(d: AppDeps): Promise<Profile> {
  if (!d.opts.startDemo) throw new AppError('VALIDATION', 'The demo panel is not available in this build.')
  const ep = await d.opts.startDemo()
  const where = { scheme: ep.scheme, host: ep.host, port: ep.port, accessCode: ep.accessCode }
  const existing = d.ctx.profiles.list().find((p) => p.name === DEMO_PANEL_NAME && isLoopback(p.host))
  let profile = existing
    ? await d.ctx.profiles.update(existing.id, where)
    : await d.ctx.profiles.create({
        ...PROFILE_DEFAULTS,
        ...where,
        name: DEMO_PANEL_NAME,
        color: DEMO_COLOR,
        customerDns: null,
        customerPort: null,
      })
  const key = await d.keys.set(profile.id, ep.apiKey)
  profile = await d.ctx.profiles.setKeyHint(profile.id, key.keyHint)
  d.profilesChanged()
  d.demoReady(profile.id)
  return profile
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]'
