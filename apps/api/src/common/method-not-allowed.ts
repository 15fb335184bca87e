import { HttpException, HttpStatus } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface RouteMethods {
  pattern: RegExp;
  methods: string[];
}

/** Each documented path as a pattern (`{id}` matches one segment) with the methods it answers. */
export function routeMethods(document: OpenAPIObject): RouteMethods[] {
  return Object.entries(document.paths).map(([path, item]) => {
    const pattern = path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    const methods = HTTP_METHODS.filter((method) => method in item).map((method) => method.toUpperCase());
    return { pattern: new RegExp(`^${pattern}/?$`), methods };
  });
}

/**
 * A method a documented path does not answer (TRACE, DELETE on a list, …) is a 405 with an `Allow` header naming those
 * it does, instead of a 404 that says the path does not exist. HEAD is answered wherever GET is. The routes are read
 * from the OpenAPI description on first use (it needs the initialised app).
 */
export function methodNotAllowed(document: () => OpenAPIObject) {
  let routes: RouteMethods[] | null = null;
  return (request: Request, response: Response, next: NextFunction): void => {
    routes ??= routeMethods(document());
    const route = routes.find((candidate) => candidate.pattern.test(request.path));
    const method = request.method.toUpperCase();
    if (!route || route.methods.includes(method) || (method === 'HEAD' && route.methods.includes('GET'))) {
      next();
      return;
    }
    response.setHeader('Allow', route.methods.join(', '));
    next(
      new HttpException(
        `${method} is not allowed on ${request.path}: use ${route.methods.join(' or ')}`,
        HttpStatus.METHOD_NOT_ALLOWED,
      ),
    );
  };
}
