/** Hospital reference data (campuses, departments), served from the HIS adapter's short caches. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CampusesResponse, CampusView, DepartmentsResponse, DepartmentView } from '../../../../contract/api';
import { CampusesResponseSchema, DepartmentsQuerySchema, DepartmentsResponseSchema, errorResponses } from '../schemas';

/** What these routes need of HIS (the adapter's reference module provides it). */
export interface HospitalDirectory {
  campuses(requestId: string): Promise<CampusView[]>;
  departments(campusId: string, requestId: string): Promise<DepartmentView[]>;
}

export const hospitalRoutes: FastifyPluginAsyncTypebox<{ directory: HospitalDirectory }> = async (app, { directory }) => {
  app.get('/hospital/campuses', { schema: { response: { 200: CampusesResponseSchema, ...errorResponses } } }, async (request): Promise<CampusesResponse> => ({
    campuses: await directory.campuses(request.id),
  }));

  app.get(
    '/hospital/departments',
    { schema: { querystring: DepartmentsQuerySchema, response: { 200: DepartmentsResponseSchema, ...errorResponses } } },
    async (request): Promise<DepartmentsResponse> => ({ departments: await directory.departments(request.query.campusId, request.id) }),
  );
};
