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
    if (isBodyParserError(exception)) {
      const status = exception.status;
      response
        .status(status)
        .json({ statusCode: status, error: HttpStatus[status], message: bodyMessage(exception.type), correlationId });
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
  if (type === 'entity.too.large') return 'The request body is too large';
  return `The request body could not be read (${type})`;
}
