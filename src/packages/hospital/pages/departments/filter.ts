import type { DepartmentView } from '@contract/api';

/** Departments whose name contains the keyword (spaces ignored, case-insensitive). */
export function filterDepartments(departments: DepartmentView[], keyword: string): DepartmentView[] {
  const wanted = keyword.replace(/\s+/g, '').toLowerCase();
  if (!wanted) return departments;
  return departments.filter((department) => department.name.replace(/\s+/g, '').toLowerCase().includes(wanted));
}
