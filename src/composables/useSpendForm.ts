/**
 * The life of a write form: validate → (spending) quote and confirm step →
 * send once. What the user typed stays in the form whatever happens; the
 * cost and the balance after are on screen before the confirm button.
 */
import { ref, shallowRef, watch } from 'vue'
import type { QuoteResult, WriteResult } from '../../electron/shared/writes'
import type { FieldErrors } from '../lib/validate'
import { useAccountStore } from '../stores/account'
import { useWritesStore } from '../stores/writes'

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

  async function next(): Promise<void> {
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

  return { step, quote, quoting, errors, submitting, next, send, back, refreshQuote }
}
