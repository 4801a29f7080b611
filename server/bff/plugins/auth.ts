/**
 * `app.authenticate`: the preHandler of every route that needs a logged-in user. It reads the bearer token, asks the
 * auth service for its session, and makes it available as `request.authenticated()`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Authenticated, AuthService } from '../routes/auth/service';
import { Errors } from '../lib/errors';

declare module 'fastify' {
  interface FastifyInstance {
    authenticate(request: FastifyRequest): Promise<void>;
  }
  interface FastifyRequest {
    /** The user and session of this request; only inside routes behind `app.authenticate`. */
    authenticated(): Authenticated;
  }
}

const AUTH = Symbol('authenticated');
type WithAuth = FastifyRequest & { [AUTH]?: Authenticated };

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  return header.slice(7).trim();
}

export const authPlugin = fp<{ auth: AuthService }>(async (app: FastifyInstance, { auth }) => {
  app.decorate('authenticate', async (request: FastifyRequest) => {
    (request as WithAuth)[AUTH] = await auth.authenticate(bearer(request));
  });
  app.decorateRequest('authenticated', function authenticated(this: FastifyRequest): Authenticated {
    const value = (this as WithAuth)[AUTH];
    if (!value) throw Errors.unauthorized();
    return value;
  });
});
