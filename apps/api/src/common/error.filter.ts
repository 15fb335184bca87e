import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { ApiRequest } from './request-context';

/**
 * Every error leaves the API in one shape: { statusCode, error, message, issues?, correlationId }. Unexpected errors
 * are logged by correlation ID, route and error class only: messages from the database or a parser may quote the
 * request (an MRN, a CSV cell), and logs must hold no PHI.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('API');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<ApiRequest>();
    const correlationId = request.correlationId ?? randomUUID();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const details = typeof body === 'string' ? { message: body } : (body as Record<string, unknown>);
      response
        .status(status)
        .json({ ...details, statusCode: status, error: HttpStatus[status] ?? 'ERROR', correlationId });
      return;
    }
    const client = clientError(exception);
    if (client) {
      // Input that validation should have refused: worth a line (no message, no value), so the gap gets closed.
      if (client.databaseCode) {
        this.logger.warn(
          `${correlationId} ${request.method} ${request.route?.path ?? '(no route)'}: database refused input (${client.databaseCode})`,
        );
      }
      response
        .status(client.status)
        .json({ statusCode: client.status, error: HttpStatus[client.status], message: client.message, correlationId });
      return;
    }
    const kind = exception instanceof Error ? exception.constructor.name : typeof exception;
    const code = (exception as { code?: unknown } | null)?.code;
    this.logger.error(
      `${correlationId} ${request.method} ${request.route?.path ?? '(no route)'}: ${kind}${typeof code === 'string' ? ` ${code}` : ''}`,
    );
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message: 'Internal error', correlationId });
  }
}

interface BodyParserError {
  status: number;
  type: string;
}

/** Errors thrown by express's body parsers (malformed JSON, too large, bad charset) are the caller's fault. */
function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return (
    typeof candidate?.type === 'string' &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500
  );
}

function bodyMessage(type: string): string {
  if (type === 'entity.parse.failed') return 'The request body is not valid JSON';
  if (type === 'entity.too.large') return 'The request body is too large (at most 10 MB)';
  if (type === 'charset.unsupported')
    return 'The request body is in a character set this API does not read (send UTF-8)';
  if (type === 'encoding.unsupported') return 'The request body is compressed in a way this API does not read';
  return `The request body could not be read (${type})`;
}

/**
 * PostgreSQL error classes that only bad input reaches (validation lets the value through, the database refuses it),
 * with what to tell the caller. Messages never quote the value: it may be PHI.
 */
const DATABASE_INPUT_ERRORS: Record<string, string> = {
  '22021': 'A value in the request holds a character the database cannot store (such as U+0000)',
  '22P05': 'A value in the request holds a character the database cannot store (such as U+0000)',
  '22003': 'A number in the request is out of range',
  '22008': 'A date in the request is out of range',
  '22007': 'A date in the request is not valid',
  '22P02': 'A value in the request is not of the expected type',
  '22001': 'A value in the request is too long',
};

/** Prisma's own error codes that mean the request named something that is not there, or clashes with a row. */
const PRISMA_ERRORS: Record<string, { status: number; message: string }> = {
  P2025: { status: 404, message: 'The record the request names does not exist (any more)' },
  P2002: { status: 409, message: 'A record with the same unique value exists' },
  P2003: { status: 409, message: 'The request refers to a record that does not exist' },
  P2000: { status: 400, message: 'A value in the request is too long' },
  P2006: { status: 400, message: 'A value in the request is not valid for its field' },
  P2007: { status: 400, message: 'A value in the request is not valid for its field' },
  P2020: { status: 400, message: 'A number in the request is out of range' },
  P2023: { status: 400, message: 'A value in the request is not of the expected type' },
};

/** The PostgreSQL SQLSTATE behind a Prisma or driver-adapter error, if any. */
function sqlState(error: unknown): string | undefined {
  const candidate = error as {
    cause?: { originalCode?: unknown };
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
  } | null;
  const code = candidate?.cause?.originalCode ?? candidate?.meta?.driverAdapterError?.cause?.originalCode;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A client error that is not an HttpException: body-parser errors, a URL that is not valid percent-encoding (the
 * router's URIError), and database refusals of input that validation let through. Null for anything else (a 500).
 */
export function clientError(error: unknown): { status: number; message: string; databaseCode?: string } | null {
  if (isBodyParserError(error)) return { status: error.status, message: bodyMessage(error.type) };
  if (error instanceof URIError) return { status: 400, message: 'The URL is not valid percent-encoded UTF-8' };
  const state = sqlState(error);
  if (state && DATABASE_INPUT_ERRORS[state]) {
    return { status: 400, message: DATABASE_INPUT_ERRORS[state], databaseCode: state };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('P') && PRISMA_ERRORS[code]) {
    return { ...PRISMA_ERRORS[code], databaseCode: code };
  }
  return null;
}
