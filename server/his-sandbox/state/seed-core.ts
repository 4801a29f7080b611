/**
 * Seeds the shared core: the hospital, its staff, the documented demo patients and background patients, their
 * outpatient visits with fee groups (pending and paid), inpatient stays with daily charges, top-ups and
 * invoices. Dates are relative to the anchor day.
 */
import dayjs from 'dayjs';
import { makeIdCard } from '../../../common/id-card';
import { DATE, DATETIME } from '../clock';
import { DRUGS, EXAMS, HERBS, LAB_TESTS, TREATMENTS } from './catalog-items';
import { age, deptRefusal, groupTotalFen, makeChargeItem, makeFeeGroup, makeRegistration, sessionOf, spellCode, type ItemLine } from './builders';
import type { Campus, CoreState, Department, Doctor, FeeGroup, Nurse, OutpatientVisit, Patient, Stay } from './core';
import {
  CAMPUSES,
  DEPARTMENTS,
  DEPT_CATEGORIES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  HOSPITAL_NAME,
  MEDICAL_TITLES,
  NATIONS,
  REGIONS,
  REGISTER_TYPES,
  SURNAMES,
  TEACH_TITLES,
  UNITS,
} from './data';
import { Rng } from './random';
import type { SeedContext, Store } from './store';

/** The documented demo patients (README). Identities are fixed; what they have is seeded around them. */
export interface DemoPatientSpec {
  key: string;
  name: string;
  sex: '男' | '女';
  birthday: string;
  region: string;
  sequence: number;
  phone: string;
  cardNo: string;
  healthCardId: string;
  patientTypeId: string;
  balanceFen: number;
  cardStatus: number;
  noRechargeReason: string;
  /** What QA can do with this patient (README). */
  has: string;
}

export const DEMO_PATIENTS: readonly DemoPatientSpec[] = [
  { key: 'zhangwei', name: '张伟', sex: '男', birthday: '1985-03-12', region: '520103', sequence: 35, phone: '13800138001', cardNo: '5000100001', healthCardId: '', patientTypeId: '1', balanceFen: 20000, cardStatus: 1, noRechargeReason: '', has: 'balance 200.00; pending fees of two visits; lab and imaging reports; a physical exam; NAT results; bookings (one today to take the number); a pending admission certificate' },
  { key: 'lixiuying', name: '李秀英', sex: '女', birthday: '1948-07-21', region: '520102', sequence: 62, phone: '13800138002', cardNo: '5000100002', healthCardId: '', patientTypeId: '2', balanceFen: 5000, cardStatus: 1, noRechargeReason: '', has: 'insured; in hospital in 心血管内科 (deposits, daily lists, inpatient reports); one pending outpatient fee' },
  { key: 'wangfang', name: '王芳', sex: '女', birthday: '1992-11-03', region: '520115', sequence: 128, phone: '13800138003', cardNo: '5000100003', healthCardId: 'EHC52010000000003', patientTypeId: '1', balanceFen: 0, cardStatus: 1, noRechargeReason: '', has: 'health card; pending 妇科 fees; urine culture with sensitivities; NAT results and a NAT booking; a same-day registration today' },
  { key: 'liuzixuan', name: '刘子轩', sex: '男', birthday: '2017-05-18', region: '520111', sequence: 17, phone: '13800138004', cardNo: '5000100004', healthCardId: '', patientTypeId: '3', balanceFen: 8800, cardStatus: 1, noRechargeReason: '', has: 'a child (family card); pending 儿科 fees, partly covered by the balance' },
  { key: 'chenjing', name: '陈静', sex: '女', birthday: '1979-02-27', region: '520103', sequence: 246, phone: '13800138005', cardNo: '5000100005', healthCardId: '', patientTypeId: '1', balanceFen: 3000, cardStatus: 2, noRechargeReason: '就诊卡已挂失，暂不能充值，请到门诊收费窗口补办', has: 'card reported lost: top-ups refused with the reason; a pending 皮肤科 fee' },
  { key: 'zhaoguoqiang', name: '赵国强', sex: '男', birthday: '1960-09-09', region: '520113', sequence: 71, phone: '13800138006', cardNo: '5000100006', healthCardId: '', patientTypeId: '2', balanceFen: 12000, cardStatus: 1, noRechargeReason: '', has: 'insured; discharged from 骨科 (invoice, charge summary, deposits refused, record copy); paid visits' },
];

const PATIENT_TYPES: Record<string, { name: string; si: Patient['siCategory'] }> = {
  '1': { name: '自费', si: '0' },
  '2': { name: '城镇职工医保', si: '1' },
  '3': { name: '城乡居民医保', si: '2' },
};

const CARD_STATUS_NAMES: Record<number, string> = { 1: '正常', 2: '挂失', 3: '冻结', 4: '注销' };

export function cardStatusName(status: number): string {
  return CARD_STATUS_NAMES[status] ?? '未知';
}

export function patientTypeName(typeId: string): string {
  return PATIENT_TYPES[typeId]?.name ?? '自费';
}

function seedOrg(store: Store, rng: Rng): Pick<CoreState, 'campuses' | 'departments' | 'doctors' | 'nurses'> {
  const campuses: Campus[] = CAMPUSES.map((c) => ({ ...c, fullName: `${HOSPITAL_NAME}（${c.name}）` }));
  const departments: Department[] = DEPARTMENTS.map((d, i) => ({
    id: d.id,
    name: d.name,
    shortName: d.shortName,
    campusId: d.campusId,
    categoryId: d.categoryId,
    categoryName: DEPT_CATEGORIES[d.categoryId],
    address: `${CAMPUSES.find((c) => c.id === d.campusId)?.name ?? ''}${d.address}`,
    phone: `0851-86${d.campusId}${d.id}`,
    intro: d.intro,
    outpatient: d.outpatient,
    inpatient: d.inpatient,
    needPrepay: d.needPrepay,
    fulltime: d.fulltime,
    spellCode: spellCode(d.name),
    orderNo: i + 1,
    bedCategories: [...d.beds],
  }));

  const doctors: Doctor[] = [];
  const nurses: Nurse[] = [];
  const usedNames = new Set<string>();
  const uniqueName = (sex: '男' | '女') => {
    for (;;) {
      const given = sex === '男' ? GIVEN_MALE : GIVEN_FEMALE;
      const name = rng.pick(SURNAMES) + rng.pick(given) + (rng.chance(0.55) ? rng.pick(given) : '');
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  let doctorSeq = 0;
  let nurseSeq = 0;
  for (const d of DEPARTMENTS) {
    const dept = departments.find((x) => x.id === d.id) as Department;
    const clinical = d.outpatient || d.inpatient;
    const count = d.outpatient ? rng.int(4, 5) : d.inpatient ? 2 : 1;
    for (let i = 0; i < count; i += 1) {
      doctorSeq += 1;
      const sex: '男' | '女' = dept.categoryId === '03' ? (rng.chance(0.8) ? '女' : '男') : rng.chance(0.6) ? '男' : '女';
      const name = uniqueName(sex);
      // first doctor: chief and head of department; then associate chief, attendings, a resident
      const titleIndex = i === 0 ? 0 : i === 1 ? rng.pick([0, 1]) : i === count - 1 && count > 3 ? 3 : rng.pick([1, 2, 2]);
      const title = MEDICAL_TITLES[titleIndex] ?? MEDICAL_TITLES[2];
      const teach = titleIndex === 0 ? TEACH_TITLES[rng.pick([0, 0, 1])] : titleIndex === 1 ? TEACH_TITLES[rng.pick([1, 2])] : titleIndex === 2 && rng.chance(0.4) ? TEACH_TITLES[2] : undefined;
      const type =
        dept.categoryId === '08'
          ? REGISTER_TYPES.general
          : i === 0 && rng.chance(0.5)
            ? REGISTER_TYPES.famous
            : titleIndex === 0
              ? REGISTER_TYPES.chief
              : titleIndex === 1
                ? REGISTER_TYPES.associate
                : REGISTER_TYPES.general;
      const skills = d.skills.length ? rng.sample(d.skills, 2).join('、') : '临床诊疗';
      const years = titleIndex === 0 ? rng.int(22, 32) : titleIndex === 1 ? rng.int(14, 21) : titleIndex === 2 ? rng.int(7, 13) : rng.int(2, 6);
      const education = titleIndex <= 1 ? rng.pick(['博士研究生', '硕士研究生']) : rng.pick(['硕士研究生', '本科']);
      doctors.push({
        id: `D${String(doctorSeq).padStart(5, '0')}`,
        code: `${d.id}${String(i + 1).padStart(2, '0')}`,
        name,
        sex,
        deptId: d.id,
        medicalTitleId: title.id,
        medicalTitleName: title.name,
        teachTitleId: teach?.id ?? '',
        teachTitleName: teach?.name ?? '',
        post: i === 0 && clinical ? '科主任' : i === 1 && clinical ? '副主任' : '',
        education,
        skill: skills,
        intro: `${name}，${title.name}${teach ? `、${teach.name}` : ''}，${education}，从事${d.name}临床工作${years}年，擅长${skills}。`,
        phone: dept.phone,
        wxworkId: `wx${d.id}${String(i + 1).padStart(2, '0')}`,
        spellCode: spellCode(name),
        registerTypeId: type.id,
        registerTypeName: type.name,
        feeFen: dept.categoryId === '04' ? type.feeFen + 300 : type.feeFen,
      });
    }
    if (clinical) {
      for (let i = 0; i < 2; i += 1) {
        nurseSeq += 1;
        const name = uniqueName(rng.chance(0.9) ? '女' : '男');
        nurses.push({
          id: `N${String(nurseSeq).padStart(5, '0')}`,
          name,
          sex: GIVEN_FEMALE.some((ch) => name.endsWith(ch)) ? '女' : '男',
          deptId: d.id,
          post: i === 0 ? '护士长' : rng.pick(['主管护师', '护师']),
          education: rng.pick(['本科', '大专']),
          skill: i === 0 ? `${d.shortName}专科护理与护理管理` : `${d.shortName}专科护理`,
          wxworkId: `wxn${d.id}${i + 1}`,
        });
      }
    }
  }
  return { campuses, departments, doctors, nurses };
}

function makePatient(store: Store, rng: Rng, today: string, spec?: DemoPatientSpec): Patient {
  const region = spec ? (REGIONS.find((r) => r.code === spec.region) ?? REGIONS[0]) : rng.pick(REGIONS);
  if (!region) throw new Error('no regions');
  const sex: '男' | '女' = spec?.sex ?? (rng.chance(0.5) ? '男' : '女');
  const birthday = spec?.birthday ?? dayjs(today).subtract(rng.int(3, 85), 'year').subtract(rng.int(0, 364), 'day').format(DATE);
  let sequence = spec?.sequence ?? rng.int(0, 999);
  if ((sequence % 2 === 1) !== (sex === '男')) sequence = (sequence + 1) % 1000;
  const given = sex === '男' ? GIVEN_MALE : GIVEN_FEMALE;
  const name = spec?.name ?? rng.pick(SURNAMES) + rng.pick(given) + (rng.chance(0.6) ? rng.pick(given) : '');
  const typeId = spec?.patientTypeId ?? rng.pick(['1', '1', '2', '2', '3']);
  const type = PATIENT_TYPES[typeId] ?? { name: '自费', si: '0' as const };
  const id = store.serial('patient', 20000000);
  const patientAge = age({ birthday }, today);
  return {
    id,
    cardNo: spec?.cardNo ?? store.serial('card', 5000200000),
    name,
    sex,
    birthday,
    idNo: makeIdCard(region.code, birthday, sequence),
    phone: spec?.phone ?? `1${rng.pick(['35', '39', '58', '77', '86', '89', '98'])}${rng.digits(8)}`,
    nation: rng.pick(NATIONS),
    healthCardId: spec?.healthCardId ?? '',
    unitName: patientAge < 18 ? '无' : patientAge >= 62 ? '退休' : rng.pick(UNITS),
    address: `${region.name}${rng.pick(region.streets)}${rng.int(1, 300)}号${rng.int(1, 20)}栋${rng.int(1, 4)}单元${rng.int(1, 30)}${String(rng.int(1, 6)).padStart(2, '0')}`,
    patientTypeId: typeId,
    patientTypeName: type.name,
    siCategory: type.si,
    balanceFen: spec?.balanceFen ?? rng.pick([0, 0, 2000, 5000, 10000, 35050]),
    balanceMinFen: 0,
    cardStatus: spec?.cardStatus ?? 1,
    noRechargeReason: spec?.noRechargeReason ?? '',
    createdAt: dayjs(today).subtract(rng.int(30, 2000), 'day').hour(rng.int(8, 16)).minute(rng.int(0, 59)).second(rng.int(0, 59)).format(DATETIME),
    accountId: store.serial('account', 880000000),
    ...(spec ? { demo: spec.key } : {}),
  };
}

const COMPLAINTS: Record<string, string> = {
  原发性高血压: '头晕，血压控制不佳1周',
  冠状动脉粥样硬化性心脏病: '活动后胸闷、气短2月',
  急性支气管炎: '咳嗽、咳痰5天',
  社区获得性肺炎: '发热、咳嗽3天',
  慢性胃炎: '上腹部隐痛不适2月',
  幽门螺杆菌感染: '反复上腹部胀痛，嗳气1月',
  '2型糖尿病': '口干、多饮，血糖控制不佳1月',
  急性上呼吸道感染: '发热、流涕、咳嗽2天',
  支气管肺炎: '咳嗽4天，发热1天',
  湿疹: '双手皮疹伴瘙痒2周',
  慢性宫颈炎: '白带增多1月',
  泌尿道感染: '尿频、尿急、尿痛3天',
  腰椎间盘突出症: '腰痛伴左下肢放射痛1月',
};

interface VisitPlan {
  deptId: string;
  daysAgo: number;
  time: string;
  diagnosis?: string;
  groups: Array<{ title: string; itemType: string; executeDept: string; lines: ItemLine[] }>;
  paid: boolean;
}

function addVisit(store: Store, rng: Rng, today: string, patient: Patient, plan: VisitPlan): OutpatientVisit {
  const dept = store.requireDepartment(plan.deptId);
  const doctors = store.core.doctors.filter((d) => d.deptId === dept.id);
  const doctor = rng.pick(doctors);
  const date = dayjs(today).subtract(plan.daysAgo, 'day').format(DATE);
  const seed = DEPARTMENTS.find((d) => d.id === dept.id);
  const diagnosis = plan.diagnosis ?? rng.pick(seed?.diagnoses.length ? seed.diagnoses : ['待查']);
  const reg = makeRegistration(store, {
    patientId: patient.id,
    deptId: dept.id,
    doctorId: doctor.id,
    registerTypeId: doctor.registerTypeId,
    registerTypeName: doctor.registerTypeName,
    visitDate: date,
    visitTime: sessionOf(plan.time),
    feeFen: doctor.feeFen,
    scheduleId: '',
    source: 'window',
    businessNo: '',
    accepted: true,
    createdAt: `${date} ${plan.time.slice(0, 5)}:00`,
  });
  const visit: OutpatientVisit = {
    id: store.opaqueId(),
    visitNo: reg.visitNo,
    patientId: patient.id,
    deptId: dept.id,
    doctorId: doctor.id,
    visitTime: `${date} ${plan.time}`,
    chiefComplaint: COMPLAINTS[diagnosis] ?? `${diagnosis}复诊`,
    presentIllness: `患者${COMPLAINTS[diagnosis] ?? `${diagnosis}病史`}，无明显诱因，饮食睡眠尚可，大小便正常。`,
    pastIllness: rng.pick(['既往体健，否认高血压、糖尿病史。', '既往高血压病史5年，规律服药。', '否认药物过敏史，否认手术外伤史。']),
    physicalExamination: `T ${(36.3 + rng.int(0, 12) / 10).toFixed(1)}℃，P ${rng.int(68, 96)}次/分，BP ${rng.int(110, 150)}/${rng.int(65, 95)}mmHg，神清，心肺听诊未见明显异常。`,
    presumptiveDiagnosis: diagnosis,
    icdNames: [diagnosis, ...(rng.chance(0.3) ? ['高脂血症'] : [])],
    feeGroups: [],
  };
  for (const g of plan.groups) {
    const group: FeeGroup = makeFeeGroup(store, {
      title: g.title,
      itemType: g.itemType,
      doctorName: doctor.name,
      deptName: dept.name,
      executeDeptName: g.executeDept,
      date,
      time: plan.time,
      lines: g.lines,
    });
    if (plan.paid) payGroupInSeed(store, patient, visit, group, `${date} ${plan.time}`);
    visit.feeGroups.push(group);
  }
  store.core.visits[visit.id] = visit;
  return visit;
}

/** A fee group paid at the window in the past: a receipt and an applied order, so history looks real. */
function payGroupInSeed(store: Store, patient: Patient, visit: OutpatientVisit, group: FeeGroup, at: string): void {
  const orderNo = store.opaqueId();
  const total = groupTotalFen(group);
  const receiptId = store.opaqueId();
  group.paid = { hisOrderNo: orderNo, businessNo: `W${orderNo.slice(3)}`, payMode: 'wePay', at, receiptId };
  store.core.orders[orderNo] = {
    orderNo,
    purpose: 'recipe',
    patientId: patient.id,
    cardNo: patient.cardNo,
    opFlag: 1,
    totalFen: total,
    payMode: 'wePay',
    status: 2,
    statusHistory: [
      { status: 1, at, reason: '' },
      { status: 2, at, reason: '' },
    ],
    applied: true,
    appliedAt: at,
    businessNo: group.paid.businessNo,
    businessInfo: '{}',
    createdAt: at,
    ref: visit.id,
    refundedAt: '',
  };
  const si = patient.siCategory === '0' ? 0 : Math.round(total * 0.5);
  store.core.receipts.push({
    id: receiptId,
    receiptNo: store.serial('receiptNo', 3400000000),
    patientId: patient.id,
    opFlag: 1,
    cardNo: patient.cardNo,
    totalFen: total,
    discountFen: 0,
    siPayFen: si,
    accountPayFen: 0,
    cashPayFen: total - si,
    date: at.slice(0, 10),
  });
}

const G = {
  drugs: (lines: ItemLine[]) => ({ title: '西药处方', itemType: '西药', executeDept: '门诊西药房', lines }),
  herbs: (lines: ItemLine[]) => ({ title: '中成药处方', itemType: '中成药', executeDept: '门诊中药房', lines }),
  lab: (name: string, itemId: string) => ({ title: `检验申请单：${name}`, itemType: '检验', executeDept: '检验科', lines: [{ itemId, quantity: 1 }] }),
  exam: (name: string, itemId: string, dept = '医学影像科') => ({ title: `检查申请单：${name}`, itemType: '检查', executeDept: dept, lines: [{ itemId, quantity: 1 }] }),
  treat: (lines: ItemLine[]) => ({ title: '治疗单', itemType: '治疗', executeDept: '门诊治疗室', lines }),
};

function demoVisits(store: Store, rng: Rng, today: string, p: Patient): void {
  const v = (plan: VisitPlan) => addVisit(store, rng, today, p, plan);
  switch (p.demo) {
    case 'zhangwei':
      v({ deptId: '1001', daysAgo: 1, time: '09:20:00', diagnosis: '原发性高血压', paid: false, groups: [G.drugs([{ itemId: 'X0103', quantity: 2 }, { itemId: 'X0104', quantity: 1 }]), G.lab('血脂四项', 'L0302')] });
      v({ deptId: '1003', daysAgo: 3, time: '14:35:00', diagnosis: '幽门螺杆菌感染', paid: false, groups: [G.exam('13C尿素呼气试验', 'E0406', '消化内镜中心')] });
      v({ deptId: '1002', daysAgo: 21, time: '10:05:00', diagnosis: '急性支气管炎', paid: true, groups: [G.drugs([{ itemId: 'X0101', quantity: 1 }, { itemId: 'X0118', quantity: 1 }]), G.exam('胸部CT平扫', 'E0401'), G.lab('血常规', 'L0301')] });
      v({ deptId: '1001', daysAgo: 64, time: '08:50:00', diagnosis: '原发性高血压', paid: true, groups: [G.drugs([{ itemId: 'X0103', quantity: 2 }]), G.exam('常规心电图', 'E0402', '心电图室')] });
      break;
    case 'lixiuying':
      v({ deptId: '1001', daysAgo: 12, time: '09:40:00', diagnosis: '冠状动脉粥样硬化性心脏病', paid: true, groups: [G.drugs([{ itemId: 'X0110', quantity: 1 }, { itemId: 'X0104', quantity: 2 }]), G.exam('心脏彩色多普勒超声', 'E0403', '超声医学科')] });
      v({ deptId: '1004', daysAgo: 6, time: '10:15:00', diagnosis: '2型糖尿病', paid: false, groups: [G.lab('糖化血红蛋白', 'L0304')] });
      break;
    case 'wangfang':
      v({ deptId: '3001', daysAgo: 2, time: '15:10:00', diagnosis: '慢性宫颈炎', paid: false, groups: [G.lab('尿常规', 'L0306'), G.drugs([{ itemId: 'X0113', quantity: 1 }])] });
      v({ deptId: '3001', daysAgo: 16, time: '09:00:00', diagnosis: '泌尿道感染', paid: true, groups: [G.lab('尿培养及药敏', 'L0307'), G.drugs([{ itemId: 'X0113', quantity: 1 }])] });
      break;
    case 'liuzixuan':
      v({ deptId: '4001', daysAgo: 0, time: '08:30:00', diagnosis: '支气管肺炎', paid: false, groups: [G.drugs([{ itemId: 'X0112', quantity: 1 }, { itemId: 'X0111', quantity: 1 }]), G.treat([{ itemId: 'T0502', quantity: 3 }]), G.lab('血常规', 'L0301')] });
      v({ deptId: '4001', daysAgo: 35, time: '16:20:00', diagnosis: '急性上呼吸道感染', paid: true, groups: [G.drugs([{ itemId: 'X0112', quantity: 1 }])] });
      break;
    case 'chenjing':
      v({ deptId: '7001', daysAgo: 4, time: '11:00:00', diagnosis: '湿疹', paid: false, groups: [G.drugs([{ itemId: 'X0107', quantity: 2 }])] });
      break;
    case 'zhaoguoqiang':
      v({ deptId: '2002', daysAgo: 58, time: '09:30:00', diagnosis: '腰椎间盘突出症', paid: true, groups: [G.exam('腰椎MRI平扫', 'E0408'), G.drugs([{ itemId: 'X0102', quantity: 2 }])] });
      v({ deptId: '1001', daysAgo: 9, time: '10:40:00', diagnosis: '原发性高血压', paid: true, groups: [G.drugs([{ itemId: 'X0109', quantity: 2 }])] });
      break;
    default:
      break;
  }
}

function backgroundVisits(store: Store, rng: Rng, today: string, p: Patient): void {
  const outpatientDepts = store.core.departments.filter((d) => d.outpatient && suits(d, p, today));
  const n = rng.int(0, 3);
  for (let i = 0; i < n; i += 1) {
    const dept = rng.pick(outpatientDepts);
    const daysAgo = rng.int(0, 120);
    const groups = [
      G.drugs(rng.sample(DRUGS, rng.int(1, 3)).map((d) => ({ itemId: d.itemId, quantity: rng.int(1, 2) }))),
      ...(rng.chance(0.5) ? [(() => { const t = rng.pick(LAB_TESTS); return G.lab(t.name, t.itemId); })()] : []),
      ...(rng.chance(0.3) ? [(() => { const e = rng.pick(EXAMS); return G.exam(e.name, e.itemId); })()] : []),
      ...(rng.chance(0.15) ? [G.herbs([{ itemId: rng.pick(HERBS).itemId, quantity: 1 }])] : []),
      ...(rng.chance(0.1) ? [G.treat([{ itemId: rng.pick(TREATMENTS).itemId, quantity: rng.int(1, 3) }])] : []),
    ];
    addVisit(store, rng, today, p, { deptId: dept.id, daysAgo, time: `${String(rng.int(8, 16)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00`, paid: daysAgo > 2 || rng.chance(0.5), groups });
  }
}

/** One inpatient stay with its daily charges from admission to discharge (or to today). */
function addStay(
  store: Store,
  rng: Rng,
  today: string,
  patient: Patient,
  spec: { deptId: string; admittedDaysAgo: number; dischargedDaysAgo?: number; bedCategory: string; diagnosis: string; depositsFen: number[] },
): Stay {
  const dept = store.requireDepartment(spec.deptId);
  const doctor = rng.pick(store.core.doctors.filter((d) => d.deptId === dept.id));
  const admission = dayjs(today).subtract(spec.admittedDaysAgo, 'day');
  const last = spec.dischargedDaysAgo === undefined ? dayjs(today) : dayjs(today).subtract(spec.dischargedDaysAgo, 'day');
  const stay: Stay = {
    visitNo: store.serial('inpatientNo', 30010000),
    patientId: patient.id,
    deptId: dept.id,
    bedNo: `${rng.int(1, 45)}床`,
    bedCategory: spec.bedCategory,
    doctorName: doctor.name,
    diagnosis: spec.diagnosis,
    admissionDate: admission.format(DATE),
    dischargeDate: spec.dischargedDaysAgo === undefined ? '' : last.format(DATE),
    depositFen: 0,
    charges: [],
  };
  const bedItem = spec.bedCategory.includes('单人') ? 'W0603' : spec.bedCategory.includes('双人') ? 'W0602' : 'W0601';
  for (let day = admission, i = 0; !day.isAfter(last, 'day'); day = day.add(1, 'day'), i += 1) {
    const date = day.format(DATE);
    const charge = (itemId: string, quantity: number, time = '08:00:00') =>
      stay.charges.push(makeChargeItem(store, { itemId, quantity, doctorName: doctor.name, date, time }));
    charge(bedItem, 1);
    charge(i < 2 ? 'N0701' : 'N0702', 1);
    charge('C0801', 1);
    if (i === 0) {
      charge('L0301', 1, '09:30:00');
      charge('L0303', 1, '09:30:00');
      charge('L0308', 1, '09:30:00');
      charge('E0402', 1, '10:10:00');
    }
    if (i === 1) charge(dept.id === '1001' ? 'E0407' : 'E0404', 1, '14:20:00');
    charge('X0115', rng.int(1, 2), '10:00:00');
    charge('T0501', 1, '10:00:00');
    if (dept.id === '1001') {
      charge('X0110', 1, '16:00:00');
      if (i < 5) charge('X0114', 2, '16:30:00');
      if (i === 0) charge('L0309', 1, '09:30:00');
    }
  }
  let at = admission.hour(9).minute(12);
  for (const amount of spec.depositsFen) {
    stay.depositFen += amount;
    store.core.recharges.push({
      id: store.opaqueId(),
      patientId: patient.id,
      opFlag: 2,
      cardNo: stay.visitNo,
      method: at.isSame(admission, 'day') ? '银行卡' : '微信',
      bankType: at.isSame(admission, 'day') ? '中国建设银行' : '微信支付',
      totalFen: amount,
      discountFen: 0,
      actualFen: amount,
      at: at.format(DATETIME),
      hisOrderNo: '',
    });
    at = at.add(2, 'day').hour(15).minute(40);
  }
  if (spec.dischargedDaysAgo !== undefined) {
    const total = stay.charges.reduce((s, c) => s + Math.round(c.priceFen * c.quantity), 0);
    const si = patient.siCategory === '0' ? 0 : Math.round(total * 0.7);
    store.core.receipts.push({
      id: store.opaqueId(),
      receiptNo: store.serial('receiptNo', 3400000000),
      patientId: patient.id,
      opFlag: 2,
      cardNo: stay.visitNo,
      totalFen: total,
      discountFen: 0,
      siPayFen: si,
      accountPayFen: Math.round((total - si) * 0.2),
      cashPayFen: total - si - Math.round((total - si) * 0.2),
      date: stay.dischargeDate,
    });
  }
  store.core.stays[stay.visitNo] = stay;
  return stay;
}

/** Whether the seed puts this patient in a department: its own rule, children only in paediatrics, babies in neonatology. */
export function suits(dept: Department, p: Pick<Patient, 'sex' | 'birthday'>, today: string): boolean {
  const years = age(p, today);
  if (deptRefusal(dept, p, today)) return false;
  if (dept.id === '4002') return years < 1;
  return dept.categoryId === '04' || years >= 14;
}

function outpatientRecharges(store: Store, rng: Rng, today: string, p: Patient): void {
  const n = p.demo === 'zhangwei' ? 3 : rng.int(0, 2);
  for (let i = 0; i < n; i += 1) {
    const amount = rng.pick([5000, 10000, 20000, 50000]);
    const method = rng.pick(['微信', '现金', '银行卡']);
    const at = dayjs(today).subtract(rng.int(5, 300), 'day').hour(rng.int(8, 17)).minute(rng.int(0, 59)).second(rng.int(0, 59));
    store.core.recharges.push({
      id: store.opaqueId(),
      patientId: p.id,
      opFlag: 1,
      cardNo: p.cardNo,
      method,
      bankType: method === '微信' ? '微信支付' : method === '银行卡' ? rng.pick(['中国工商银行', '中国农业银行', '贵阳银行']) : '现金',
      totalFen: amount,
      discountFen: 0,
      actualFen: amount,
      at: at.format(DATETIME),
      hisOrderNo: '',
    });
  }
}

export function seedCore(ctx: SeedContext): CoreState {
  const { store, today } = ctx;
  const core: CoreState = {
    campuses: [],
    departments: [],
    doctors: [],
    nurses: [],
    patients: {},
    stays: {},
    visits: {},
    orders: {},
    recharges: [],
    receipts: [],
    registrations: {},
    messages: [],
  };
  store.state.core = core;
  Object.assign(core, seedOrg(store, ctx.rng('org')));

  const rng = ctx.rng('people');
  for (const spec of DEMO_PATIENTS) {
    const p = makePatient(store, rng, today, spec);
    core.patients[p.id] = p;
  }
  for (let i = 0; i < 40; i += 1) {
    const p = makePatient(store, rng, today);
    if (store.patientByIdNo(p.idNo)) continue;
    core.patients[p.id] = p;
  }

  const visitRng = ctx.rng('visits');
  for (const p of store.patients()) {
    if (p.demo) demoVisits(store, visitRng, today, p);
    else backgroundVisits(store, visitRng, today, p);
    outpatientRecharges(store, visitRng, today, p);
  }

  const stayRng = ctx.rng('stays');
  const demo = (key: string) => store.patients().find((p) => p.demo === key) as Patient;
  addStay(store, stayRng, today, demo('lixiuying'), { deptId: '1001', admittedDaysAgo: 4, bedCategory: '双人间', diagnosis: '冠状动脉粥样硬化性心脏病 不稳定型心绞痛', depositsFen: [500000, 300000] });
  addStay(store, stayRng, today, demo('zhaoguoqiang'), { deptId: '2002', admittedDaysAgo: 52, dischargedDaysAgo: 41, bedCategory: '普通病房（三人间）', diagnosis: '腰椎间盘突出症（L4/5）', depositsFen: [1000000, 500000] });
  const background = store.patients().filter((p) => !p.demo);
  const inpatientDepts = core.departments.filter((d) => d.inpatient && d.bedCategories.length > 0 && d.categoryId !== '08');
  for (const p of stayRng.sample(background, 6)) {
    const dept = stayRng.pick(inpatientDepts.filter((d) => suits(d, p, today)));
    const seedDept = DEPARTMENTS.find((d) => d.id === dept.id);
    addStay(store, stayRng, today, p, {
      deptId: dept.id,
      admittedDaysAgo: stayRng.int(1, 12),
      bedCategory: stayRng.pick(dept.bedCategories),
      diagnosis: stayRng.pick(seedDept?.diagnoses.length ? seedDept.diagnoses : ['待查']),
      depositsFen: [stayRng.pick([300000, 500000, 1000000])],
    });
  }
  return core;
}

/**
 * A new visit today with pending fees (a prescription and an examination) — what a doctor's visit leaves to pay. The
 * admin API offers it to QA and tests (`POST /__sandbox/patients/:id/pending-fees`), so that payments never run out.
 */
export function addPendingVisit(store: Store, today: string, time: string, patient: Patient, deptId = '1001'): OutpatientVisit {
  const rng = new Rng(store.config.seed, `pending-${patient.id}-${Object.keys(store.core.visits).length}`);
  return addVisit(store, rng, today, patient, {
    deptId,
    daysAgo: 0,
    time,
    paid: false,
    groups: [G.drugs([{ itemId: rng.pick(['X0103', 'X0104', 'X0101', 'X0118']), quantity: rng.int(1, 3) }]), G.lab('血常规', 'L0301')],
  });
}
