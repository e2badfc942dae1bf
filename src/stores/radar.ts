/**
 * The renewal radar and sending messages. A message is composed by the core
 * (template + customer + subscription), opened through `app:openExternal`
 * (only the link shapes of electron/shared/message-links.ts are allowed
 * there), and logged on the customer once it was handed over.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { Composed, ItemKey, RadarResult, RadarWindow, SendChannel, TemplateKind } from '../../electron/shared/customers'
import { call, settle } from '../lib/call'
import { notifyError, notifySuccess } from '../lib/notify'
import { t, type MessageKey } from '../i18n'

export const useRadarStore = defineStore('radar', () => {
  const window = ref<RadarWindow>('week')
  const onlyCustomers = ref(false)
  const showHidden = ref(false)
  const result = shallowRef<RadarResult | null>(null)
  const loading = ref(false)
  let seq = 0

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    const r = await call(() =>
      xm.reminders.radar({ window: window.value, onlyCustomers: onlyCustomers.value, includeSnoozed: showHidden.value, includeLost: showHidden.value }),
    )
    if (mine !== seq) return
    loading.value = false
    if (r) result.value = r
  }

  async function snooze(items: ItemKey[], days: number): Promise<void> {
    if (items.length && (await call(() => xm.reminders.snooze({ items, days })))) await load()
  }

  async function markLost(items: ItemKey[], lost: boolean): Promise<void> {
    if (items.length && (await call(() => xm.reminders.markLost({ items, lost })))) await load()
  }

  const compose = (customerId: number, linkId: number | null, kind: TemplateKind) => call(() => xm.reminders.compose({ customerId, linkId, kind }))

  /** Opens the composed message in the channel (or copies it) and logs it on the customer. */
  async function send(customerId: number, kind: TemplateKind, m: Composed, channel: SendChannel): Promise<boolean> {
    if (channel === 'copy') {
      try {
        await navigator.clipboard.writeText(m.text)
      } catch {
        notifyError({ code: 'INTERNAL', message: 'clipboard' })
        return false
      }
      notifySuccess(t('msg.copied'))
    } else {
      const url = m.links[channel]
      if (!url) return false
      const opened = await settle(() => xm.app.openExternal({ url }))
      if (!opened.ok) {
        notifyError(opened.error)
        return false
      }
      notifySuccess(t('msg.opened', { channel: t(`msg.${channel}` as MessageKey) }))
    }
    await call(() => xm.reminders.logSend({ customerId, linkId: m.linkId, kind, channel }))
    return true
  }

  return { window, onlyCustomers, showHidden, result, loading, load, snooze, markLost, compose, send }
})
