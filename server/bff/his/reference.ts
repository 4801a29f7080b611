/**
 * Reference data of the hospital — campuses, departments, doctors — mapped to the domain types and served from a
 * short cache: these answers change rarely, every patient's first screens need them, and on a 放号 morning
 * thousands ask at once; coalescing turns those into one HIS call per key and TTL.
 */
import type { HisResponses } from '../../his-catalogue/types.generated';
import type { TtlCache } from './cache';
import type { HisCallContext } from './client';
import type { HisEndpoints } from './endpoints.generated';
import type { Campus, Department, Doctor, Sex, TodayDepartment } from './types';

export interface ReferenceTtl {
  campusesMs: number;
  departmentsMs: number;
  /** Short: the HIS decides during the day which departments still take registrations. */
  departmentsTodayMs: number;
  doctorsMs: number;
}

export const REFERENCE_TTL_DEFAULTS: ReferenceTtl = {
  campusesMs: 10 * 60_000,
  departmentsMs: 5 * 60_000,
  departmentsTodayMs: 60_000,
  doctorsMs: 5 * 60_000,
};

export interface HisReference {
  campuses(ctx: HisCallContext): Promise<readonly Campus[]>;
  /** The departments of one campus (`/getDeptsByHospitalId`). */
  departments(campusId: string, ctx: HisCallContext): Promise<readonly Department[]>;
  /** The departments open for same-day registration today (`/getDepts`), all campuses. */
  departmentsToday(ctx: HisCallContext): Promise<readonly TodayDepartment[]>;
  /** Every outpatient doctor of every campus (`/getAllDoctorList`). */
  doctors(ctx: HisCallContext): Promise<readonly Doctor[]>;
  /** The doctors of one department (from the cached list of all doctors). */
  doctorsOfDepartment(departmentId: string, ctx: HisCallContext): Promise<readonly Doctor[]>;
}

type HisDepartment = HisResponses['/getDeptsByHospitalId']['data'][number];
type HisDoctor = HisResponses['/getAllDoctorList']['doctorList'][number];

function department(d: HisDepartment): Department {
  return { id: d.id, name: d.name, location: d.address, campusId: d.hospital_id, campusName: d.hospital_name };
}

function sex(text: string): Sex {
  const s = text.trim();
  return s === '男' ? 'male' : s === '女' ? 'female' : 'unknown';
}

function doctor(d: HisDoctor): Doctor {
  return {
    id: d.doctor_id,
    name: d.name,
    sex: sex(d.sex),
    title: d.medical_title_name,
    teachingTitle: d.teach_title_name,
    expertise: d.expert,
    departmentId: d.dept_id,
    departmentName: d.dept_name,
    campusId: d.hospital_id,
    campusName: d.hospital_name,
  };
}

/** Cached values are shared by every caller: frozen, so that no caller can change another's. */
function frozen<T extends object>(items: T[]): readonly T[] {
  return Object.freeze(items.map((item) => Object.freeze(item)));
}

export function createReference(raw: HisEndpoints, cache: TtlCache, ttl: ReferenceTtl = REFERENCE_TTL_DEFAULTS): HisReference {
  const doctors = (ctx: HisCallContext) =>
    cache.get('doctors', ttl.doctorsMs, async () => frozen((await raw.getAllDoctorList({}, ctx)).doctorList.map(doctor)));
  return {
    campuses: (ctx) =>
      cache.get('campuses', ttl.campusesMs, async () =>
        frozen((await raw.getHospital({}, ctx)).records.map((c) => ({ id: c.hospital_id, name: c.hospital_name }))),
      ),
    departments: (campusId, ctx) =>
      cache.get(`departments:${campusId}`, ttl.departmentsMs, async () =>
        frozen((await raw.getDeptsByHospitalId({ hospital_id: campusId }, ctx)).data.map(department)),
      ),
    departmentsToday: (ctx) =>
      cache.get('departments-today', ttl.departmentsTodayMs, async () =>
        frozen(
          (await raw.getDepts({}, ctx)).depts.map((d) => ({ ...department(d), categoryId: d.dept_category_id, categoryName: d.dept_category_name })),
        ),
      ),
    doctors,
    doctorsOfDepartment: async (departmentId, ctx) => (await doctors(ctx)).filter((d) => d.departmentId === departmentId),
  };
}
