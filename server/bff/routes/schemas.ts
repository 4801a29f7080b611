/**
 * TypeBox schemas of the API bodies. Fastify validates requests with them and serialises responses through them,
 * so nothing undeclared leaks out; the compile-time checks at the end keep them identical to the contract types
 * the mini-program uses.
 */
import { Type, type Static } from '@sinclair/typebox';
import type * as Api from '../../../contract/api';

export const ApiErrorSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  requestId: Type.String(),
  fields: Type.Optional(Type.Record(Type.String(), Type.String())),
});

const UserViewSchema = Type.Object({ id: Type.String(), createdAt: Type.String() });

export const LoginRequestSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });

export const LoginResponseSchema = Type.Object({ token: Type.String(), expiresAt: Type.String(), user: UserViewSchema });

export const MeResponseSchema = Type.Object({ user: UserViewSchema, session: Type.Object({ expiresAt: Type.String() }) });

export const CampusesResponseSchema = Type.Object({ campuses: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) });

export const DepartmentsQuerySchema = Type.Object({ campusId: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false });

export const DepartmentsResponseSchema = Type.Object({
  departments: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), location: Type.String(), campusId: Type.String(), campusName: Type.String() })),
});

/** The error answers a route may give, for its response schema. */
export const errorResponses = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  422: ApiErrorSchema,
  429: ApiErrorSchema,
  500: ApiErrorSchema,
  503: ApiErrorSchema,
};

// ---- compile-time: schema types are exactly the contract types ----
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function same<A, B>(proof: Equal<A, B>): Equal<A, B> {
  return proof;
}
type Flat<T> = { [K in keyof T]: T[K] };
same<Static<typeof ApiErrorSchema>, Flat<Omit<Api.ApiErrorBody, 'code'> & { code: string }>>(true);
same<Static<typeof LoginRequestSchema>, Api.LoginRequest>(true);
same<Static<typeof LoginResponseSchema>, Api.LoginResponse>(true);
same<Static<typeof MeResponseSchema>, Api.MeResponse>(true);
same<Static<typeof CampusesResponseSchema>, Api.CampusesResponse>(true);
same<Static<typeof DepartmentsResponseSchema>, Api.DepartmentsResponse>(true);
