/**
 * State slice of the nucleic-acid test (核酸检测) domain: the bookings with their payment, cancellation,
 * refund and report, the places per half-hour slot, and the places other channels (the window, walk-ins)
 * already took.
 *
 * Lifecycle of a booking (status as /appointment/info/get2 documents it):
 *   0 未确认 --/appointment/confirm--> 1 已确认 --slot starts (tick)--> 2 已取号 --report out (tick)--> 9 已完成
 *   0 --not paid in time (tick)--> -1 已撤销（超时未支付）;  0 | 1 --/appointment/cancel--> -1 已撤销
 */

export type NatStatus = 0 | 1 | 2 | 9 | -1;

export interface NatResultItem {
  name: string;
  shortName: string;
  value: string;
  range: string;
  /** '' when normal, ↑ / ↓ otherwise. */
  tip: string;
}

/** The laboratory report of a completed test. */
export interface NatReport {
  /** 条码: the barcode on the sample tube, also the report number. */
  barcode: string;
  /** 样本类型: 口咽拭子 / 鼻咽拭子. */
  sample: string;
  sampledAt: string;
  checkedAt: string;
  reportedAt: string;
  sampleUser: string;
  checkUser: string;
  items: NatResultItem[];
}

/** The refund of a paid booking that was cancelled: requested by /appointment/cancel, done by /refund/callback. */
export interface NatRefund {
  /** HIS refund order number given to /appointment/cancel. */
  orderNo: string;
  requestedAt: string;
  /** Third-party serial of the refund, from /refund/callback ('' until then). */
  businessNo: string;
  /** refund_time of /refund/callback ('' until then). */
  refundTime: string;
  /** When HIS recorded the callback ('' until then). */
  doneAt: string;
}

export interface NatBooking {
  /** appt_id */
  id: string;
  /** appt_no: 预约记录流水号, YYMMDD of the booking day + 5 digits. */
  apptNo: string;
  patientId: string;
  /** The visit record (就诊记录) HIS opened for this test: visit_id of /cpay/newPayment. */
  visitId: string;
  /** Who is tested, as booked. */
  name: string;
  sex: '男' | '女';
  birthday: string;
  /** 01 身份证, 03 护照 */
  idType: '01' | '03';
  idNo: string;
  /** 1 大陆地区, 2 非大陆地区 */
  nationality: '1' | '2';
  phone: string;
  hospitalId: string;
  date: string;
  slotId: string;
  slotName: string;
  feeFen: number;
  /** 中文 / 中英文 / 英文 / 日文 */
  reportLanguage: string;
  payWay: string;
  dataSource: string;
  /** create_time as the caller sent it. */
  createTime: string;
  /** When HIS took the booking. */
  createdAt: string;
  /** An unconfirmed booking lapses at this time (natPayMinutes after booking, at the latest when its slot ends). */
  payDeadline: string;
  status: NatStatus;
  statusDesc: string;
  /** HIS payment order of /cpay/newPayment ('' until then). */
  hisOrderNo: string;
  /** business_no of /appointment/confirm ('' until then). */
  businessNo: string;
  /** 发票号 of the invoice (core receipt) issued at confirmation ('' until then): receipt_id of the endpoints. */
  receiptNo: string;
  paidAt: string;
  confirmedAt: string;
  /** 已取号: the person checked in at the sampling point ('' until then). */
  numberTakenAt: string;
  cancelledAt: string;
  refund?: NatRefund;
  report?: NatReport;
}

export interface NatState {
  /** Places per half-hour slot, by campus id. */
  capacity: Record<string, number>;
  /** Places of a slot taken through other channels, by slotKey(hospitalId, date, slotId). */
  takenElsewhere: Record<string, number>;
  bookings: Record<string, NatBooking>;
}
