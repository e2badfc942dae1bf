/**
 * Errors become words HERE and nowhere else (ARCHITECTURE §8). Stores call
 * `notifyError(error)`; naive-ui's discrete API shows the toast without a
 * provider in the component tree (tiny-rdm's pattern: never useMessage in a store).
 */
import { computed, h, ref } from 'vue'
import { createDiscreteApi, darkTheme, NButton, type ConfigProviderProps } from 'naive-ui'
import type { AppErrorShape, ErrorCode } from '../../electron/shared/errors'
import { t, tDynamic } from '../i18n'
import { uiDateLocale, uiLocale, uiRtl } from '../i18n/ui-locale'

export const discreteDark = ref(false)
const providerProps = computed<ConfigProviderProps>(() => ({ theme: discreteDark.value ? darkTheme : null, locale: uiLocale.value, dateLocale: uiDateLocale.value, rtl: uiRtl.value }))

let api: ReturnType<typeof createDiscreteApi<'message' | 'notification'>> | null = null
function discrete() {
  api ??= createDiscreteApi(['message', 'notification'], { configProviderProps: providerProps })
  return api
}

/** Set by the shell so the OUTCOME_UNKNOWN warning can link to the Journal view. */
let openJournal: (() => void) | null = null
export function setJournalOpener(fn: () => void): void {
  openJournal = fn
}

/** The one sentence for an error code. Validation keeps the specific reason the schema gave. */
export function errorText(error: Pick<AppErrorShape, 'code' | 'message'>): string {
  const code: ErrorCode = error.code
  if (code === 'VALIDATION' && error.message) return t('error.VALIDATION_detail', { detail: error.message })
  return tDynamic(`error.${code}`, 'error.unknown', { detail: error.message })
}

export function notifyError(error: Pick<AppErrorShape, 'code' | 'message'>): void {
  const { message, notification } = discrete()
  if (error.code === 'OUTCOME_UNKNOWN') {
    const n = notification.warning({
      title: t('error.OUTCOME_UNKNOWN_title'),
      content: t('error.OUTCOME_UNKNOWN'),
      meta: error.message,
      action: () =>
        h(
          NButton,
          {
            text: true,
            type: 'primary',
            'data-testid': 'open-journal-link',
            onClick: () => {
              n.destroy()
              openJournal?.()
            },
          },
          { default: () => t('journal.open') },
        ),
    })
    return
  }
  message.error(errorText(error), { duration: 6000, closable: true })
}

export function notifySuccess(text: string): void {
  discrete().message.success(text)
}

export function notifyWarning(text: string): void {
  discrete().message.warning(text)
}
