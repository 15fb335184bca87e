import { HttpStatus, UnsupportedMediaTypeException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_HEADER_FIELDS_TOO_LARGE = 431;

/** The media types the API's body parsers read (see create-app.ts). */
export const ACCEPTED_BODY_TYPES = 'application/json (or, for risk-factor imports, text/csv or application/fhir+json)';

/**
 * A body in a media type no parser read (XML, form data, octet-stream, none given) is refused with a 415 here, rather
 * than reaching a route as an empty body and failing validation with a misleading message.
 */
export function refuseUnreadBodies(request: Request, _response: Response, next: NextFunction): void {
  const length = Number(request.headers['content-length'] ?? 0);
  const hasBody = length > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD') {
    const type = request.headers['content-type'];
    next(
      new UnsupportedMediaTypeException(
        `The body's Content-Type (${type ? type.slice(0, 100) : 'none given'}) is not one this API reads: send ${ACCEPTED_BODY_TYPES}`,
      ),
    );
    return;
  }
  next();
}

/**
 * Requests Node's HTTP parser refuses before any route sees them (headers over 16 KB, malformed request lines) are
 * answered in the API's error shape instead of Node's bare status line.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? REQUEST_HEADER_FIELDS_TOO_LARGE
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? HttpStatus.REQUEST_TIMEOUT
          : HttpStatus.BAD_REQUEST;
    const message =
      status === REQUEST_HEADER_FIELDS_TOO_LARGE
        ? 'The request line and headers are too large (at most 16 KB together)'
        : status === HttpStatus.REQUEST_TIMEOUT
          ? 'The request took too long to arrive'
          : 'The request is not valid HTTP';
    const body = JSON.stringify({
      statusCode: status,
      error: HttpStatus[status] ?? 'REQUEST_HEADER_FIELDS_TOO_LARGE',
      message,
      correlationId: randomUUID(),
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
