import type { Request } from 'express';
import type { Role } from '../auth/roles';

/** Who is calling: the API key's name (the audit actor) and its role. */
export interface Principal {
  name: string;
  role: Role;
}

/** What services need to authorise and audit one request. */
export interface Actor extends Principal {
  correlationId: string;
}

/** The express request after the correlation middleware and the auth guard have run. */
export interface ApiRequest extends Request {
  correlationId?: string;
  principal?: Principal;
}
