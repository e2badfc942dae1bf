/**
 * The life of a write form: validate → (spending) quote and confirm step →
 * send once. What the user typed stays in the form whatever happens; the
 * cost and the balance after are on screen before the confirm button.
 */
import { computed, ref, shallowRef, watch } from 'vue'
import type { QuoteResult, WriteResult } from '../../electron/shared/writes'
import type { FieldErrors } from '../lib/validate'
import { t } from '../i18n'
import { notifySuccess } from '../lib/notify'
import { useAccountStore } from '../stores/account'
import { useWritesStore } from '../stores/writes'
import type { Row } from '../stores/table'

export type QuoteArgs = Parameters<ReturnType<typeof useAccountStore>['quote']>[0]

export interface SpendFormOptions {
  spending: () => boolean
  quoteArgs: () => QuoteArgs | null
  /** For writes the server cannot quote (credit adjustments): the numbers are known here. */
  localQuote?: () => QuoteResult | null
  validate: () => FieldErrors
  submit: () => Promise<WriteResult | null>
  onDone: (r: WriteResult) => void
  /** The write may or may not have happened: the form closes so it cannot be sent twice. */
  onUnknown: () => void
  /** False while the form cannot be saved yet (an edit waiting for its fresh read, useFreshItem). */
  ready?: () => boolean
}

export function useSpendForm(opts: SpendFormOptions) {
  const account = useAccountStore()
  const writes = useWritesStore()
  const step = ref<'form' | 'confirm'>('form')
  const quote = shallowRef<QuoteResult | null>(null)
  const quoting = ref(false)
  const errors = ref<FieldErrors>({})
  const submitting = ref(false)
  let quoteSeq = 0

  async function refreshQuote(): Promise<QuoteResult | null> {
    if (opts.localQuote) return (quote.value = opts.localQuote())
    const args = opts.spending() ? opts.quoteArgs() : null
    const mine = ++quoteSeq
    if (!args) {
      quote.value = null
      return null
    }
    quoting.value = true
    const q = await account.quote(args)
    if (mine === quoteSeq) {
      quote.value = q
      quoting.value = false
    }
    return q
  }

  // The cost follows the package / trial choice as the user makes it.
  watch(() => JSON.stringify([opts.quoteArgs(), opts.localQuote?.()]), () => void refreshQuote(), { immediate: true })

  const blocked = computed(() => !(opts.ready?.() ?? true))

  async function next(): Promise<void> {
    if (blocked.value) return
    errors.value = opts.validate()
    if (Object.keys(errors.value).length) return
    if (!opts.spending()) return send()
    const q = await refreshQuote()
    if (q) step.value = 'confirm'
  }

  /** The confirm button: one request, however many clicks. */
  async function send(): Promise<void> {
    if (submitting.value) return
    submitting.value = true
    try {
      const r = await opts.submit()
      if (r) opts.onDone(r)
      else if (writes.lastErrorCode === 'OUTCOME_UNKNOWN') opts.onUnknown()
      else step.value = 'form'
    } finally {
      submitting.value = false
    }
  }

  function back() {
    step.value = 'form'
  }

  /** A form item's validation-status: red only for a field that failed validation. */
  const status = (key: string) => (errors.value[key] ? ('error' as const) : undefined)

  return { step, quote, quoting, errors, submitting, blocked, status, next, send, back, refreshQuote }
}

export type SpendForm = ReturnType<typeof useSpendForm>

/** The success tail of a create/edit form: say so, and hand back the row the panel returned (tagged with its panel). */
export function announceSaved(r: WriteResult, profileId: string, editing: boolean, what: string): Row | null {
  notifySuccess(editing ? t('done.saved') : t('done.created', { what }))
  return r.item ? ({ ...r.item, profileId } as Row) : null
}

export interface SaveFormOptions extends Omit<SpendFormOptions, 'spending' | 'onDone' | 'onUnknown'> {
  /** Editing an item is free; creating one spends credits (quoted and confirmed first). */
  editing: boolean
  /** What the form makes, in the user's language ("line", "MAG device"). */
  what: () => string
  profileId: () => string
  close: () => void
  /** Saved: the row the panel answered (tagged with its panel), and the whole result for forms that show more. */
  done: (row: Row | null, r: WriteResult) => void
}

/** A create-or-edit form (line, device, code, sub-reseller): its spend form, and its modal's title and submit button's words. */
export function useSaveForm(o: SaveFormOptions) {
  const { editing, what, profileId, close, done, ...spend } = o
  const form = useSpendForm({
    ...spend,
    spending: () => !editing,
    // The write may have happened: the form closes so it cannot be sent twice.
    onUnknown: close,
    onDone: (r) => done(announceSaved(r, profileId(), editing, what()), r),
  })
  // SpendFormModal's props: `<SpendFormModal v-bind="modal">`.
  const modal = computed(() => ({
    form,
    spending: !editing,
    title: editing ? t('form.editTitle', { what: what() }) : t('form.newTitle', { what: what() }),
    submitLabel: editing ? t('action.save') : t('action.create'),
  }))
  return { form, modal }
}
