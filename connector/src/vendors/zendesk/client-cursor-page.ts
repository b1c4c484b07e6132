import { CursorExpiredError } from '../cursor-expired-error.js';
import { describeErrorBody } from '../http/describe-failure.js';
import type { VendorHttp, VendorRequest, VendorResponse } from '../http/vendor-http.js';

/**
 * GETs one page of a cursor-paged Zendesk read (the incremental export, cursor-paged lists). A 400
 * to a request that carried a cursor is Zendesk refusing that cursor: a {@link CursorExpiredError}.
 * UNSURE: the reference gives neither the status nor the body Zendesk answers to an expired or
 * invalid cursor; a 400 is our best guess, read whatever its body says. A 400 that is not about the
 * cursor comes back after the restart, on a request without one, as the usual failure.
 */
export async function getZendeskCursorPage(
  http: VendorHttp,
  request: VendorRequest,
  cursor: string | null,
): Promise<VendorResponse> {
  if (cursor === null) return http.get(request);
  const response = await http.get({ ...request, accept: [...(request.accept ?? []), 400] });
  if (response.status !== 400) return response;
  const detail = describeErrorBody(response.body === null ? { ok: false } : { ok: true, value: response.body });
  throw new CursorExpiredError(
    `${http.tenant}: GET ${request.endpoint} refused the stream's cursor (HTTP 400${detail})`,
  );
}
