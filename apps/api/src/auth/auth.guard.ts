import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { API_CONFIG, ApiConfig } from '../common/api-config';
import type { ApiRequest, Principal } from '../common/request-context';
import { KeysRepository } from '../keys/keys.repository';
import { sameKey } from './api-key.secret';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './require-role.decorator';
import { hasRole, Role } from './roles';

export const BOOTSTRAP_ADMIN = 'bootstrap-admin';

/**
 * Reads the key from `Authorization: Bearer <key>` or `x-api-key: <key>`. An Authorization header in any other form (empty
 * included) is refused rather than passed over for x-api-key: a request must not get in despite credentials that are wrong.
 */
function readKey(request: ApiRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new UnauthorizedException('The Authorization header must be "Bearer <key>"');
    return match[1];
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.trim() ? apiKey.trim() : null;
}

/**
 * Every route needs a valid, unrevoked API key unless it is @Public(); the key's role must be at least the route's
 * @RequireRole (admin when a route declares none, so a forgotten decorator fails closed).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: KeysRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const needed = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'admin';
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const key = readKey(request);
    if (!key) throw new UnauthorizedException('Send an API key as "Authorization: Bearer <key>" or "x-api-key: <key>"');
    const principal = await this.authenticate(key);
    if (!principal) throw new UnauthorizedException('Unknown or revoked API key');
    request.principal = principal;
    if (!hasRole(principal.role, needed)) {
      throw new ForbiddenException(
        `This needs the ${needed} role; the key "${principal.name}" has the ${principal.role} role`,
      );
    }
    return true;
  }

  private async authenticate(key: string): Promise<Principal | null> {
    if (this.config.adminApiKey && sameKey(key, this.config.adminApiKey))
      return { name: BOOTSTRAP_ADMIN, role: 'admin' };
    return this.keys.findActiveByKey(key);
  }
}
