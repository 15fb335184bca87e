import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { Actor, ApiRequest } from '../common/request-context';

/** The authenticated caller with the request's correlation ID (set by AuthGuard and the correlation middleware). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<ApiRequest>();
  if (!request.principal) throw new UnauthorizedException('Not authenticated');
  return { ...request.principal, correlationId: request.correlationId ?? 'none' };
});
