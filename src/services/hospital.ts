/** Hospital reference data: campuses and their departments. */
import type { CampusView, CampusesResponse, DepartmentView, DepartmentsResponse } from '@contract/api';
import { get } from './http';

export async function fetchCampuses(): Promise<CampusView[]> {
  const answer = await get<CampusesResponse>('/api/v1/hospital/campuses');
  return answer.campuses;
}

export async function fetchDepartments(campusId: string): Promise<DepartmentView[]> {
  const answer = await get<DepartmentsResponse>('/api/v1/hospital/departments', { campusId });
  return answer.departments;
}
