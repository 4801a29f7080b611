/** Login with a wx.login code, logout, and who am I. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { LoginResponse, MeResponse } from '../../../../contract/api';
import { errorResponses, LoginRequestSchema, LoginResponseSchema, MeResponseSchema } from '../schemas';
import type { AuthService } from './service';

export interface AuthRoutesOptions {
  auth: AuthService;
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { auth }) => {
  app.post('/auth/login', { schema: { body: LoginRequestSchema, response: { 200: LoginResponseSchema, ...errorResponses } } }, async (request): Promise<LoginResponse> => {
    const { token, session, user } = await auth.login(request.body.code);
    request.log.info({ userId: user.id }, 'logged in');
    return { token, expiresAt: session.expires_at, user: { id: user.id, createdAt: user.created_at } };
  });

  app.post('/auth/logout', { preHandler: app.authenticate, schema: { response: { 204: Type.Null(), ...errorResponses } } }, async (request, reply) => {
    await auth.logout(request.authenticated().session);
    return reply.code(204).send(null);
  });

  app.get('/me', { preHandler: app.authenticate, schema: { response: { 200: MeResponseSchema, ...errorResponses } } }, async (request): Promise<MeResponse> => {
    const { user, session } = request.authenticated();
    return { user: { id: user.id, createdAt: user.created_at }, session: { expiresAt: session.expires_at } };
  });
};
