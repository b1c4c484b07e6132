/**
 * A Marketplace app as Zendesk identifies it in the headers of the app's server-side API calls
 * (shared/reference/zendesk.md §10): its name, the id of the organization that publishes it, and
 * its app id, all as Zendesk's Marketplace portal shows them.
 */
export interface ZendeskMarketplaceApp {
  readonly name: string;
  readonly organizationId: string;
  readonly appId: string;
}

/** The headers of every server-side Zendesk call of a Marketplace app; none for a private app (`null`). */
export function zendeskMarketplaceHeaders(app: ZendeskMarketplaceApp | null): Record<string, string> {
  if (app === null) return {};
  return {
    'X-Zendesk-Marketplace-Name': app.name,
    'X-Zendesk-Marketplace-Organization-Id': app.organizationId,
    'X-Zendesk-Marketplace-App-Id': app.appId,
  };
}
