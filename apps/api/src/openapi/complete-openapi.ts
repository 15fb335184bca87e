import type { Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  ContentObject,
  OperationObject,
  RequestBodyObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from '../auth/require-role.decorator';
import type { Role } from '../auth/roles';
import { RESPONSE_SCHEMAS } from './response-schemas';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** What each error status means on this API (every error has the Error shape). */
const ERROR_MEANINGS: Record<number, string> = {
  400: 'Invalid request: a bad or unknown field (each listed in `issues`), a malformed URL or JSON body',
  401: 'No API key, or an unknown or revoked one',
  403: "The key's role is too weak for this operation",
  404: 'No such resource',
  409: 'The change conflicts with the current state (the message says why)',
  413: 'The body is over 10 MB',
  415: 'The body is in a media type this operation does not read',
};

/** Error statuses an operation can return besides those its request shape implies (listed in the controllers). */
export type ExtraErrors = Partial<Record<number, string>>;
const EXTRA_ERRORS = 'cacscreen:openapi-extra-errors';

/** Documents statuses only this operation returns (409 on a transition, 404 for a result with no score…). */
export const ApiErrors =
  (errors: ExtraErrors): MethodDecorator =>
  (_target, _key, descriptor) => {
    Reflect.defineMetadata(EXTRA_ERRORS, errors, descriptor.value as object);
    return descriptor;
  };

const REQUEST_CONTENT = 'cacscreen:openapi-request-content';

/** The request body per media type, where one operation reads several (CSV or a FHIR Bundle). */
export const ApiRequestContent =
  (content: ContentObject, description: string): MethodDecorator =>
  (_target, _key, descriptor) => {
    Reflect.defineMetadata(REQUEST_CONTENT, { content, description }, descriptor.value as object);
    return descriptor;
  };

interface RouteFacts {
  role: Role | 'public';
  extraErrors: ExtraErrors;
  requestBody?: RequestBodyObject;
}

/** The role and extra errors of each handler, keyed by the operationId Nest's Swagger module gives it. */
function routeFacts(controllers: Type[]): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const isPublic =
        Reflect.getMetadata(PUBLIC_ROUTE, handler) === true || Reflect.getMetadata(PUBLIC_ROUTE, controller) === true;
      const role: Role =
        Reflect.getMetadata(REQUIRED_ROLE, handler) ?? Reflect.getMetadata(REQUIRED_ROLE, controller) ?? 'admin';
      facts.set(`${controller.name}_${name}`, {
        role: isPublic ? 'public' : role,
        extraErrors: (Reflect.getMetadata(EXTRA_ERRORS, handler) as ExtraErrors | undefined) ?? {},
        requestBody: Reflect.getMetadata(REQUEST_CONTENT, handler) as RequestBodyObject | undefined,
      });
    }
  }
  return facts;
}

const errorResponse = (description: string): ResponseObject => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const ROLE_TEXT: Record<RouteFacts['role'], string> = {
  public: 'No API key needed.',
  coordinator: 'Role: coordinator (any key: coordinator, lead or admin).',
  lead: 'Role: lead (a lead or admin key).',
  admin: 'Role: admin.',
};

/**
 * Completes the generated description where decorators cannot reach: the shared schemas, the required role of each
 * operation (`x-required-role` and its description), its security, and every error status it can return: 401 and
 * 403 from the key guard, 400 for any input, 404 for a path ID, 413 and 415 for a body, plus those the controller
 * lists with @ApiErrors. Throws when an operation lacks a summary or a success schema, so none ships without them.
 */
export function completeOpenApi(document: OpenAPIObject, controllers: Type[]): OpenAPIObject {
  const facts = routeFacts(controllers);
  document.components = {
    ...document.components,
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer <key>`' },
      'api-key': { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'An API key in `x-api-key`' },
    },
    schemas: { ...document.components?.schemas, ...RESPONSE_SCHEMAS },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const route = facts.get(operation.operationId ?? '');
      if (!route) throw new Error(`${where}: no controller handler for operationId ${operation.operationId}`);
      if (!operation.summary) throw new Error(`${where}: no summary (@ApiOperation)`);
      if (route.requestBody) operation.requestBody = { required: true, ...route.requestBody };
      (operation as OperationObject & { 'x-required-role'?: string })['x-required-role'] = route.role;
      operation.description = [ROLE_TEXT[route.role], operation.description].filter(Boolean).join(' ');
      operation.security = route.role === 'public' ? [] : [{ bearer: [] }, { 'api-key': [] }];
      const statuses: Record<number, string> = {};
      const parameters = operation.parameters ?? [];
      if (parameters.length > 0 || operation.requestBody) statuses[400] = ERROR_MEANINGS[400];
      if (route.role !== 'public') statuses[401] = ERROR_MEANINGS[401];
      if (route.role === 'lead' || route.role === 'admin') statuses[403] = ERROR_MEANINGS[403];
      if (parameters.some((p) => 'in' in p && p.in === 'path')) statuses[404] = ERROR_MEANINGS[404];
      if (operation.requestBody) Object.assign(statuses, { 413: ERROR_MEANINGS[413], 415: ERROR_MEANINGS[415] });
      for (const [status, text] of Object.entries(route.extraErrors)) {
        statuses[Number(status)] = text ?? ERROR_MEANINGS[Number(status)];
      }
      for (const [status, text] of Object.entries(statuses)) {
        operation.responses[status] = errorResponse(text);
      }
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      for (const [status, response] of success) {
        const content = (response as ResponseObject).content;
        if (!content || Object.values(content).some((media) => !media.schema)) {
          throw new Error(`${where}: the ${status} response has no schema`);
        }
      }
    }
  }
  return document;
}
