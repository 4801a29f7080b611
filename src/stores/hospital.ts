/** Hospital reference data: campuses and, per campus, its departments (kept for the app's lifetime). */
import { create } from 'zustand';
import type { CampusView, DepartmentView } from '@contract/api';
import { fetchCampuses, fetchDepartments } from '@/services/hospital';
import { IDLE, LOADING, type Loadable, toApiError } from './loadable';

interface HospitalState {
  campuses: Loadable<CampusView[]>;
  departments: Record<string, Loadable<DepartmentView[]> | undefined>;
  /** Loads once; `force` to load again (重试). */
  loadCampuses(force?: boolean): Promise<void>;
  loadDepartments(campusId: string, force?: boolean): Promise<void>;
}

export const useHospital = create<HospitalState>()((set, get) => ({
  campuses: IDLE,
  departments: {},

  async loadCampuses(force = false) {
    const current = get().campuses.status;
    if (current === 'loading' || (current === 'ready' && !force)) return;
    set({ campuses: LOADING });
    try {
      set({ campuses: { status: 'ready', data: await fetchCampuses() } });
    } catch (error) {
      set({ campuses: { status: 'error', error: toApiError(error) } });
    }
  },

  async loadDepartments(campusId, force = false) {
    const current = get().departments[campusId]?.status;
    if (current === 'loading' || (current === 'ready' && !force)) return;
    const put = (value: Loadable<DepartmentView[]>): void =>
      set((state) => ({ departments: { ...state.departments, [campusId]: value } }));
    put(LOADING);
    try {
      put({ status: 'ready', data: await fetchDepartments(campusId) });
    } catch (error) {
      put({ status: 'error', error: toApiError(error) });
    }
  },
}));
