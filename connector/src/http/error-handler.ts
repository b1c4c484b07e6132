import type { FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from '../logger.js';
import { ApiError, ERROR_STATUS, type ErrorCode } from './api-error.js';
import { FREE_TEXT_PATTERN, LINE_PATTERN } from './schemas/common-schemas.js';

/** What every error response looks like. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

/** Fastify's own client errors, mapped onto our codes. */
function fromFastify(error: FastifyError): ApiError | null {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return new ApiError('malformed_json', 'the request body is not valid JSON: send a JSON object');
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ApiError('payload_too_large', 'the request body is too large: send at most 1 MB');
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ApiError('unsupported_media_type', 'send the body as JSON with content-type: application/json');
  }
  if (error.validation) {
    const unknown = error.validation.find((v) => v.keyword === 'additionalProperties');
    const field = (unknown?.params as { additionalProperty?: unknown } | undefined)?.additionalProperty;
    if (typeof field === 'string') {
      return new ApiError('unknown_field', `unknown field ${JSON.stringify(field)}: remove it (see /openapi.json)`);
    }
    const control = error.validation.find((v) => {
      const pattern = (v.params as { pattern?: unknown } | undefined)?.pattern;
      return v.keyword === 'pattern' && (pattern === FREE_TEXT_PATTERN || pattern === LINE_PATTERN);
    });
    if (control !== undefined) {
      const name =
        control.instancePath.replace(/^\//, '').replace(/\//g, '.') || (error.validationContext ?? 'the text');
      const allowed =
        (control.params as { pattern: string }).pattern === FREE_TEXT_PATTERN
          ? 'only tabs and line breaks are allowed'
          : 'it is one line of text';
      return new ApiError(
        'bad_request',
        `${JSON.stringify(name)} contains a control character (U+0000 to U+001F or U+007F, such as a NUL byte): ` +
          `remove it; ${allowed}`,
      );
    }
    return new ApiError('bad_request', `invalid request: ${error.message} (see /openapi.json)`);
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('bad_request', error.message);
  }
  return null;
}

/**
 * One handler for every error: caller mistakes become a 4xx with a message that says what is
 * wrong and what to do; anything else is a 500 whose details go to the log, not to the caller.
 */
export function installErrorHandler(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof ApiError ? error : fromFastify(error);
    if (known === null) {
      log.error({ err: error, route: request.routeOptions.url ?? 'unknown' }, 'request failed');
      const body: ErrorBody = {
        error: {
          code: 'internal',
          message: 'internal error: try again; if it persists, report the time of the request',
        },
      };
      return reply.status(ERROR_STATUS.internal).send(body);
    }
    const body: ErrorBody = { error: { code: known.code, message: known.message } };
    return reply.status(known.status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: {
        code: 'not_found',
        message: `no route ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}: see /openapi.json`,
      },
    };
    return reply.status(ERROR_STATUS.not_found).send(body);
  });
}
