/**
 * The HIS adapter's domain types: what the rest of the BFF sees. camelCase, no HIS field names, no envelopes;
 * amounts (in later modules) in integer fen.
 */

/** A campus (院区) of the hospital. */
export interface Campus {
  id: string;
  name: string;
}

/** An outpatient department and where it is. */
export interface Department {
  id: string;
  name: string;
  /** Where it is, e.g. 本院门诊楼2楼A区. */
  location: string;
  campusId: string;
  campusName: string;
}

/** A department open for same-day registration today, with its category (内科, 外科…). */
export interface TodayDepartment extends Department {
  categoryId: string;
  categoryName: string;
}

export type Sex = 'male' | 'female' | 'unknown';

/** A doctor of an outpatient department. */
export interface Doctor {
  id: string;
  name: string;
  sex: Sex;
  /** Professional title, e.g. 主任医师. */
  title: string;
  /** Teaching title, e.g. 教授 (empty when none). */
  teachingTitle: string;
  /** What the doctor is good at, as the hospital writes it. */
  expertise: string;
  departmentId: string;
  departmentName: string;
  campusId: string;
  campusName: string;
}

/** Where a payment goes in HIS: an outpatient visit card, or the deposit of one inpatient stay (住院号). */
export type MoneyAccount = { kind: 'outpatient'; cardNo: string } | { kind: 'inpatient'; inpatientNo: string };

/** One top-up of a card or a stay deposit, as HIS recorded it. */
export interface RechargeRecord {
  id: string;
  /** How it was paid, as HIS writes it: 微信, 支付宝, 银行卡, 现金… */
  channel: string;
  /** The bank or wallet, as HIS writes it: 微信支付, 中国农业银行… */
  bank: string;
  amountFen: number;
  discountFen: number;
  /** What the patient actually paid. */
  actualFen: number;
  /** Local hospital time, 'YYYY-MM-DD HH:mm:ss'. */
  at: string;
}

/** An outpatient visit that has fees (pending or paid). */
export interface FeeVisit {
  /** The visit id HIS uses for its bill (/getRecipe, /recipeCharge). */
  visitId: string;
  deptId: string;
  deptName: string;
  doctorId: string;
  doctorName: string;
  /** Local hospital time, 'YYYY-MM-DD HH:mm:ss'. */
  visitTime: string;
}

/** One line of a bill: a drug, a test, a treatment… */
export interface FeeItem {
  id: string;
  /** 西药费, 化验费, 检查费… */
  category: string;
  itemId: string;
  name: string;
  /** Unit price, rounded to the fen (HIS may price some drugs finer). */
  priceFen: number;
  quantity: number;
  unit: string;
  /** The line total HIS charges. */
  totalFen: number;
}

/**
 * A group of a bill (a prescription, a lab or imaging order, a treatment sheet): the unit HIS charges, chosen by
 * the patient and named by `orderId` in /cpayCheck and /recipeCharge.
 */
export interface BillGroup {
  orderId: string;
  title: string;
  /** The group's total: its items add up to it (checked). */
  totalFen: number;
  items: FeeItem[];
  /** The doctor who ordered it ('' for bills without one, e.g. a record copy). */
  billDoctor: string;
  /** Local hospital time, 'YYYY-MM-DD HH:mm:ss'. */
  billedAt: string;
  /** When it was paid; absent while pending. */
  chargedAt?: string;
}

/** The pending (or paid) bill of one outpatient visit, its groups in the order HIS lists them. */
export interface Bill {
  groups: BillGroup[];
  /** All groups together: the groups add up to it (checked). */
  totalFen: number;
}

/** A paid line of a visit (/getChargeDetail). */
export interface PaidFeeItem extends FeeItem {
  billDoctor: string;
  billedAt: string;
  /** When it was paid ('' if HIS does not say). */
  chargedAt: string;
}

/** An invoice (发票) of a card or a stay. */
export interface Receipt {
  id: string;
  /** 发票号. */
  receiptNo: string;
  totalFen: number;
  discountFen: number;
  actualFen: number;
  /** Paid by medical insurance (医保统筹). */
  insuranceFen: number;
  /** Paid from the insurance personal account (个人账户). */
  personalAccountFen: number;
  cashFen: number;
  /** The invoice date, 'YYYY-MM-DD'. */
  date: string;
  /** The original invoice (a PDF served by HIS). */
  url: string;
}
