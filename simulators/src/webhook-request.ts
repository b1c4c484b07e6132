/** One webhook POST as a vendor would send it, before it is sent. */
export interface WebhookRequest {
  /** What fired it: the Zendesk event type or trigger, the Freshdesk rule's event. */
  readonly kind: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The raw JSON body (what a signature covers). */
  readonly body: string;
}
