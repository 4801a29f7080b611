/**
 * The hospital as reference data: campuses (/getHospital, /getHospitalList), departments per campus
 * (/getDeptsByHospitalId), staff of a department (/getDoctorAndNurse), all doctors (/getAllDoctorList), the price
 * list (/getElectronicPrescriptionDetail_1609234017475) and the online clinic (全时空门诊: /fulltime/*).
 */
import { HisFail, need, yuan, type HandlerMap } from '../../runtime';
import { ALL_ITEMS } from '../../state/catalog-items';
import type { Campus, Department, Doctor } from '../../state/core';
import type { Store } from '../../state/store';
import { avatarBase64 } from './avatar';

/** Departments that see patients (not the medical-technology departments: lab, imaging, ultrasound, anaesthesia). */
function isClinical(d: Department): boolean {
  return d.categoryId !== '08' && (d.outpatient || d.inpatient);
}

function byOrder(a: Department, b: Department): number {
  return a.orderNo - b.orderNo;
}

/** Doctors by title (主任医师 first), then by id. */
function byTitle(a: Doctor, b: Doctor): number {
  return a.medicalTitleId.localeCompare(b.medicalTitleId) || a.id.localeCompare(b.id);
}

function campusName(store: Store, campusId: string): string {
  return store.campus(campusId)?.name ?? '';
}

function fulltimeDepartments(store: Store, campus: Campus): Department[] {
  return store.core.departments.filter((d) => d.campusId === campus.id && d.fulltime).sort(byOrder);
}

/** A documented "number as string" paging field: a positive whole number. */
function positiveInt(value: string, label: string): number {
  const text = need(value, label).trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new HisFail(`${label}应为正整数`);
  return n;
}

export const orgHandlers = {
  '/getHospital': (_req, { store }) => ({
    records: store.core.campuses.map((c) => ({ hospital_id: c.id, hospital_name: c.name })),
  }),

  '/getHospitalList': (_req, { store }) => ({
    data: store.core.campuses.map((c) => ({ hospital_id: c.id, hospital_name: c.name })),
  }),

  '/getDeptsByHospitalId': (req, { store }) => {
    const campus = store.requireCampus(need(req.hospital_id, 'hospital_id'));
    const depts = store.core.departments.filter((d) => d.campusId === campus.id && isClinical(d)).sort(byOrder);
    return { data: depts.map((d) => ({ id: d.id, name: d.name, address: d.address, hospital_id: campus.id, hospital_name: campus.name })) };
  },

  '/getDoctorAndNurse': (req, { store }) => {
    const campus = store.requireCampus(need(req.hospital_id, 'hospital_id'));
    const dept = store.requireDepartment(need(req.dept_id, 'dept_id'));
    if (dept.campusId !== campus.id) throw new HisFail(`${dept.name}不在${campus.name}`);
    const common = { hospital_name: campus.name, dept_name: dept.name };
    const doctors = store.core.doctors
      .filter((d) => d.deptId === dept.id)
      .sort(byTitle)
      .map((d) => ({
        dept_user_id: d.id,
        dept_user_name: d.name,
        dept_user_photo: avatarBase64(d.sex === '男' ? 'doctor-male' : 'doctor-female'),
        // 职务: the administrative post where there is one, else the professional title.
        dept_user_post: d.post || d.medicalTitleName,
        education_background: d.education,
        flag: 1,
        skilled_field: d.skill,
        ...common,
        wxwork_id: d.wxworkId,
      }));
    const nurses = store.core.nurses
      .filter((n) => n.deptId === dept.id)
      .map((n) => ({
        dept_user_id: n.id,
        dept_user_name: n.name,
        dept_user_photo: avatarBase64('nurse'),
        dept_user_post: n.post,
        education_background: n.education,
        flag: 2,
        skilled_field: n.skill,
        ...common,
        wxwork_id: n.wxworkId,
      }));
    return { data: [...doctors, ...nurses] };
  },

  '/getAllDoctorList': (_req, { store }) => {
    const outpatientDepts = store.core.departments.filter((d) => d.outpatient).sort(byOrder);
    return {
      doctorList: outpatientDepts.flatMap((dept) =>
        store.core.doctors
          .filter((d) => d.deptId === dept.id)
          .sort(byTitle)
          .map((d) => ({
            name: d.name,
            sex: d.sex,
            medical_title_name: d.medicalTitleName,
            teach_title_name: d.teachTitleName,
            expert: d.skill,
            dept_id: dept.id,
            dept_name: dept.name,
            doctor_id: d.id,
            hospital_id: dept.campusId,
            hospital_name: campusName(store, dept.campusId),
          })),
      ),
    };
  },

  // Pages count from 1; a page past the end is answered with no records.
  '/getElectronicPrescriptionDetail_1609234017475': (req) => {
    const rows = positiveInt(req.page_rows, '每页条数page_rows');
    const page = positiveInt(req.current_page, '页码current_page');
    const from = (page - 1) * rows;
    return { records: ALL_ITEMS.slice(from, from + rows).map((i) => ({ id: i.itemId, name: i.name, price: yuan(i.priceFen) })) };
  },

  '/fulltime/getDeptList': (req, { store }) => {
    const campus = store.requireCampus(need(req.hospital_id, 'hospital_id'));
    return { data: fulltimeDepartments(store, campus).map((d) => ({ id: d.id, name: d.name })) };
  },

  '/fulltime/getDeptDoctorList': (req, { store }) => {
    const campus = store.requireCampus(need(req.hospital_id, 'hospital_id'));
    return {
      data: fulltimeDepartments(store, campus).flatMap((dept) =>
        store.core.doctors
          .filter((d) => d.deptId === dept.id)
          .sort(byTitle)
          .map((d) => ({ id: d.id, name: d.name, dept_id: dept.id, dept_name: dept.name })),
      ),
    };
  },

  '/fulltime/getApptTimeRangeList': (_req, { store }) => ({ data: [...store.state.reference.apptTimeRanges] }),
} satisfies Partial<HandlerMap>;
