import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { ApiRequest } from './request-context';

const SAFE_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Gives every request a correlation ID: the caller's `x-correlation-id` when it is a short plain token, else a new
 * UUID. It is echoed in the response header, in error bodies and in audit events.
 */
export function correlationMiddleware(request: ApiRequest, response: Response, next: NextFunction): void {
  const given = request.headers['x-correlation-id'];
  const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
  request.correlationId = id;
  response.setHeader('x-correlation-id', id);
  next();
}
