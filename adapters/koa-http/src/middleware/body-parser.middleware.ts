import { bodyParser } from '@koa/bodyparser';
import { ROOT_PATH } from '@gavel/contracts';
import type { Clock } from '@gavel/core';
import type Koa from 'koa';
import { sendError } from './request-state';

interface ParserError {
  readonly status?: unknown;
  readonly type?: unknown;
}

/**
 * JSON bodies only, up to `limitBytes`. A larger body is 413 PAYLOAD_TOO_LARGE, malformed JSON
 * (or JSON that is not an object or array) 400 VALIDATION_ERROR; neither ever reaches a route.
 * Other content types are left unread here (`body` stays `{}`): the route pipeline refuses them
 * on routes that take a body, and routes that take none ignore them.
 */
export const bodyParserMiddleware = (clock: Clock, limitBytes: number): Koa.Middleware => {
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonLimit: limitBytes,
    jsonStrict: true,
    parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  });
  return async (ctx, next) => {
    let parsed = false;
    try {
      await parse(ctx, async () => {
        parsed = true;
        await next();
      });
    } catch (thrown: unknown) {
      // Errors of the routes below pass through untouched to the error handler.
      if (parsed) throw thrown;
      const err = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as ParserError;
      if (err.status === 413) {
        sendError(ctx, clock, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes`);
      } else if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
        const reason = err.type === 'entity.parse.failed' ? 'must be a JSON object or array' : 'could not be read';
        sendError(ctx, clock, 'VALIDATION_ERROR', 'The request body is not valid JSON', { [ROOT_PATH]: reason });
      } else {
        throw thrown;
      }
    }
  };
};
