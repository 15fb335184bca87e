import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const REQUIRED_ROLE = 'cacscreen:required-role';
export const PUBLIC_ROUTE = 'cacscreen:public-route';

/** The weakest role that may call this route (or every route of this controller). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** A route anyone may call without a key (health only). Routes with neither decorator are admin-only. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
