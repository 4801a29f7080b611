/** The account's medical cards: list, bind, create, detail, update, default, unbind. Every route needs a login. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BindCardRequestSchema,
  CardDetailSchema,
  CardIdParamsSchema,
  CardsResponseSchema,
  CardSummarySchema,
  CreateCardRequestSchema,
  CreateCardResponseSchema,
  errorResponses,
  UpdateCardRequestSchema,
} from '../schemas';
import type { CardsService } from './service';

export const cardRoutes: FastifyPluginAsyncTypebox<{ cards: CardsService }> = async (app, { cards }) => {
  app.addHook('preHandler', app.authenticate);
  const userId = (request: { authenticated(): { user: { id: string } } }) => request.authenticated().user.id;

  app.get('/cards', { schema: { response: { 200: CardsResponseSchema, ...errorResponses } } }, async (request) => cards.list(userId(request)));

  app.post('/cards/bind', { schema: { body: BindCardRequestSchema, response: { 201: CardSummarySchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await cards.bind(userId(request), request.body, request.id)),
  );

  app.post('/cards', { schema: { body: CreateCardRequestSchema, response: { 201: CreateCardResponseSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await cards.create(userId(request), request.body, request.id)),
  );

  app.get('/cards/:id', { schema: { params: CardIdParamsSchema, response: { 200: CardDetailSchema, ...errorResponses } } }, async (request) =>
    cards.detail(userId(request), request.params.id, request.id),
  );

  app.patch('/cards/:id', { schema: { params: CardIdParamsSchema, body: UpdateCardRequestSchema, response: { 200: CardDetailSchema, ...errorResponses } } }, async (request) =>
    cards.update(userId(request), request.params.id, request.body, request.id),
  );

  app.put('/cards/:id/default', { schema: { params: CardIdParamsSchema, response: { 204: Type.Null(), ...errorResponses } } }, async (request, reply) => {
    await cards.setDefault(userId(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.delete('/cards/:id', { schema: { params: CardIdParamsSchema, response: { 204: Type.Null(), ...errorResponses } } }, async (request, reply) => {
    await cards.unbind(userId(request), request.params.id, request.id);
    return reply.code(204).send(null);
  });
};
