/**
 * The sandbox's shared state: the hospital (campuses, departments, staff), its patients and their cards,
 * inpatient stays, outpatient visits with their fee groups, HIS payment orders, top-ups, invoices and
 * registration records. Domain folders under `domains/` keep their own slices beside it (see store.ts).
 *
 * Everything is plain JSON (snapshots are `JSON.stringify(state)`); amounts are integer fen; dates are
 * `YYYY-MM-DD`, times `YYYY-MM-DD HH:mm:ss`, both in the hospital's time zone.
 */

export interface Campus {
  id: string;
  name: string;
  fullName: string;
  address: string;
  phone: string;
  /** Offers nucleic-acid test bookings (/hospital/area/list). */
  natBookable: boolean;
}

export interface Department {
  id: string;
  name: string;
  shortName: string;
  campusId: string;
  categoryId: string;
  categoryName: string;
  /** Where it is: 门诊楼2楼A区. */
  address: string;
  phone: string;
  intro: string;
  /** Sees outpatients: same-day registration and appointment booking. */
  outpatient: boolean;
  /** Has wards: inpatient stays and admission booking. */
  inpatient: boolean;
  /** Appointments (预约挂号) of this department must be paid online before the deadline (NEED_PREPAY). */
  needPrepay: boolean;
  /** Takes part in 全时空门诊 (online clinic). */
  fulltime: boolean;
  /** Pinyin initials of the name, upper-case (SPELL_CODE). */
  spellCode: string;
  orderNo: number;
  /** Bed categories of its wards (/getBedNo); empty without wards. */
  bedCategories: string[];
}

export interface Doctor {
  id: string;
  code: string;
  name: string;
  sex: '男' | '女';
  deptId: string;
  medicalTitleId: string;
  /** 主任医师 / 副主任医师 / 主治医师 / 住院医师 */
  medicalTitleName: string;
  teachTitleId: string;
  /** 教授 / 副教授 / 讲师 / '' */
  teachTitleName: string;
  /** 科主任 / 副主任 / '' */
  post: string;
  education: string;
  skill: string;
  intro: string;
  /** Office phone of the clinic. */
  phone: string;
  wxworkId: string;
  spellCode: string;
  /** The registration type the doctor's clinics are sold as (号类), and its fee. */
  registerTypeId: string;
  registerTypeName: string;
  feeFen: number;
}

export interface Nurse {
  id: string;
  name: string;
  sex: '男' | '女';
  deptId: string;
  post: string;
  education: string;
  skill: string;
  wxworkId: string;
}

export interface Patient {
  id: string;
  /** 就诊卡号 */
  cardNo: string;
  name: string;
  sex: '男' | '女';
  birthday: string;
  idNo: string;
  phone: string;
  nation: string;
  /** 电子健康卡 ID; '' when none. */
  healthCardId: string;
  unitName: string;
  address: string;
  patientTypeId: string;
  patientTypeName: string;
  /** si_category: 0 自费, 1 医保, 2 农合, 9 院内医保 */
  siCategory: '0' | '1' | '2' | '9';
  balanceFen: number;
  /** Overdraft lower limit (BALANCE_MIN), ≤ 0. */
  balanceMinFen: number;
  /** 1 正常, 2 挂失, 3 冻结, 4 注销 */
  cardStatus: number;
  /** '' when the card can be topped up; otherwise why not (recharge_flag -1, no_recharge_reason). */
  noRechargeReason: string;
  createdAt: string;
  /** ACCOUNT_ID of 预约挂号: the account that books for this card. */
  accountId: string;
  /** Key of a documented demo patient (README), absent for background patients. */
  demo?: string;
}

export interface ChargeItem {
  id: string;
  itemId: string;
  /** 项目类别: 西药费 / 检查费 / 化验费 / 床位费 / 护理费 / 治疗费 … */
  category: string;
  name: string;
  priceFen: number;
  quantity: number;
  unit: string;
  billDoctorName: string;
  billDate: string;
  billTime: string;
  chargeDate: string;
  chargeTime: string;
}

export interface Stay {
  /** 住院号 */
  visitNo: string;
  patientId: string;
  deptId: string;
  bedNo: string;
  bedCategory: string;
  doctorName: string;
  diagnosis: string;
  admissionDate: string;
  /** '' while in hospital. */
  dischargeDate: string;
  /** Sum of deposits paid (预交金). */
  depositFen: number;
  /** Every charge of the stay; the daily list is a filter by chargeDate. */
  charges: ChargeItem[];
}

export interface FeeItem {
  id: string;
  itemId: string;
  category: string;
  name: string;
  priceFen: number;
  quantity: number;
  unit: string;
}

export interface FeePayment {
  hisOrderNo: string;
  businessNo: string;
  /** wePay / aliPay / balancePay */
  payMode: string;
  at: string;
  receiptId: string;
}

/** A prescription or order group of an outpatient visit (组别): paid as a whole. */
export interface FeeGroup {
  /** 组别ID / 医嘱id: what /cpayCheck and /recipeCharge take in orders[].order_id. */
  orderId: string;
  recipeNo: string;
  /** 组别名称: 西药处方 / 检验：血常规 / 病历复印 … */
  title: string;
  /** 项目类型 of /specialType/newBill. */
  itemType: string;
  billDoctorName: string;
  billDeptName: string;
  executeDeptName: string;
  billDate: string;
  billTime: string;
  items: FeeItem[];
  paid?: FeePayment;
  /** Refunded after payment (record copy cancelled, /case/cancel). */
  refunded?: { at: string; hisOrderNo: string };
}

export interface OutpatientVisit {
  id: string;
  /** 就诊号 (门诊号) */
  visitNo: string;
  patientId: string;
  deptId: string;
  doctorId: string;
  visitTime: string;
  chiefComplaint: string;
  presentIllness: string;
  pastIllness: string;
  physicalExamination: string;
  presumptiveDiagnosis: string;
  icdNames: string[];
  feeGroups: FeeGroup[];
}

export type OrderPurpose = 'recharge' | 'recipe' | 'recordCopy' | 'appointment' | 'nat';

/** A HIS payment order (/paymentNew, /specialType/newBill, /cpay_new_payment, /cpay/newPayment). */
export interface HisOrder {
  orderNo: string;
  purpose: OrderPurpose;
  patientId: string;
  /** 就诊卡号 (op_flag 1) or 住院号 (op_flag 2). */
  cardNo: string;
  opFlag: 1 | 2;
  totalFen: number;
  payMode: string;
  /** /paymentUpdateStatus: 0 created, 1 paid, -1 payment failed, 2 HIS applied, -2 HIS failed. */
  status: number;
  statusHistory: Array<{ status: number; at: string; reason: string }>;
  /** The business call this order pays for (top-up, fee payment…) was carried out in HIS. */
  applied: boolean;
  appliedAt: string;
  businessNo: string;
  businessInfo: string;
  createdAt: string;
  /** What it pays for: visit id (fees), appointment id, NAT booking id, fee group id (record copy). */
  ref: string;
  /** Refund recorded by HIS (record copy cancelled, NAT refund callback…). */
  refundedAt: string;
}

export interface RechargeRecord {
  id: string;
  patientId: string;
  opFlag: 1 | 2;
  /** 就诊卡号 for op_flag 1, 住院号 for op_flag 2. */
  cardNo: string;
  /** 微信 / 支付宝 / 现金 / 银行卡 */
  method: string;
  bankType: string;
  totalFen: number;
  discountFen: number;
  actualFen: number;
  at: string;
  hisOrderNo: string;
}

export interface Receipt {
  id: string;
  receiptNo: string;
  patientId: string;
  opFlag: 1 | 2;
  /** 就诊卡号 for op_flag 1, 住院号 for op_flag 2 (the visit_no of /getReceipt). */
  cardNo: string;
  totalFen: number;
  discountFen: number;
  siPayFen: number;
  accountPayFen: number;
  cashPayFen: number;
  date: string;
}

/** A registration (挂号): same-day (/register), taken from an appointment (/offerNumber) or at the window. */
export interface Registration {
  id: string;
  patientId: string;
  deptId: string;
  doctorId: string;
  registerTypeId: string;
  registerTypeName: string;
  visitDate: string;
  /** 上午 / 下午 */
  visitTime: string;
  queueNo: number;
  feeFen: number;
  scheduleId: string;
  source: 'sameDay' | 'appointment' | 'window';
  businessNo: string;
  /** 就诊号 */
  visitNo: string;
  /** Seen by the doctor. */
  accepted: boolean;
  createdAt: string;
}

export interface SentMessage {
  at: string;
  category: string;
  patientId: string;
  appointmentId: string;
  data: Record<string, string>;
}

export interface CoreState {
  campuses: Campus[];
  departments: Department[];
  doctors: Doctor[];
  nurses: Nurse[];
  patients: Record<string, Patient>;
  stays: Record<string, Stay>;
  visits: Record<string, OutpatientVisit>;
  orders: Record<string, HisOrder>;
  recharges: RechargeRecord[];
  receipts: Receipt[];
  registrations: Record<string, Registration>;
  messages: SentMessage[];
}
