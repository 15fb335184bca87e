import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Every error leaves the API in one shape: { statusCode, error, message, issues?, correlationId }. Unexpected errors
 * are logged by correlation ID and message only (never request bodies: they may hold PHI).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('API');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const correlationId = (request.headers['x-correlation-id'] as string | undefined) ?? randomUUID();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const details = typeof body === 'string' ? { message: body } : (body as Record<string, unknown>);
      response.status(status).json({ statusCode: status, error: HttpStatus[status], ...details, correlationId });
      return;
    }
    this.logger.error(`${correlationId} ${request.method} ${request.route?.path ?? ''}: ${(exception as Error)?.message}`);
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message: 'Internal error', correlationId });
  }
}
