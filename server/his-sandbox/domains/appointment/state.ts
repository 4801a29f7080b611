/** State slice of the appointment domain (预约挂号): bookable schedules with their time slots, and the bookings. */

export interface ApptSlot {
  /** TIME_ID: the start time without colon (0830), unique within the schedule. */
  id: string;
  /** HH:mm */
  start: string;
  end: string;
  max: number;
  /** Places taken: `anonymous` ones (people the sandbox does not model) plus the live bookings on this slot. */
  booked: number;
  anonymous: number;
  /** 预约序号 of the slot's first place: numbers run first..first+max-1. */
  firstQueueNo: number;
}

export interface ApptSchedule {
  /** SCHEDULE_ID */
  id: string;
  date: string;
  /** DURATION_ID: 1 上午, 2 下午 */
  durationId: '1' | '2';
  deptId: string;
  /** '' for the department's 普通门诊 (no specified doctor). */
  doctorId: string;
  /** 号类 (CLINIC_ID / CLINIC_NAME): 普通号, 主任医师号… */
  clinicId: string;
  clinicName: string;
  /** 门诊类型 (REGISTER_TYPE_ID / NAME): 普通门诊, 专家门诊, 知名专家门诊. */
  registerTypeId: string;
  registerTypeName: string;
  feeFen: number;
  slots: ApptSlot[];
}

/** How a confirmed booking was paid: on the card balance, through the payment platform, or not yet (at the hospital). */
export type PaidVia = '' | 'balance' | 'platform';

export interface Booking {
  /** APPT_ID, also its HIS_ORDER_NO. */
  id: string;
  scheduleId: string;
  timeId: string;
  accountId: string;
  /** '' when booked without a card by someone the HIS does not know. */
  patientId: string;
  cardNo: string;
  name: string;
  sex: string;
  idNo: string;
  phone: string;
  // What the booking is for, copied from its schedule (schedules of past days are pruned).
  deptId: string;
  doctorId: string;
  clinicId: string;
  clinicName: string;
  registerTypeId: string;
  registerTypeName: string;
  feeFen: number;
  date: string;
  durationId: '1' | '2';
  /** HH:mm-HH:mm */
  timeName: string;
  /** 预约序号 */
  queueNo: number;
  needPrepay: boolean;
  /** PREPAY_TIME_LIMIT; '' when no prepayment is needed. */
  prepayDeadline: string;
  /** 0 未确认, 9 已确认, 1 已取号, 3 已报到, 5 已就诊, -1 已取消, -2 已退号, -3 已违约 */
  status: number;
  /** A specific STATUS_TEXT (a lapse, a no-show); '' for the status's own text. */
  statusText: string;
  paidVia: PaidVia;
  payWayId: string;
  businessNo: string;
  businessInfo: string;
  paidAt: string;
  /** 取号码, issued on confirmation. */
  certificateCode: string;
  cancelledAt: string;
  refundBusinessNo: string;
  refundBusinessInfo: string;
  cancelRemark: string;
  /** The registration created when the number was taken (VISIT_ID, /getVisitInfoDetail visit_id). */
  visitId: string;
  createdAt: string;
  createUserId: string;
  createUserName: string;
  createDeptId: string;
  createDeptName: string;
  dataSource: string;
  remark: string;
}

export interface AppointmentState {
  /** Days whose schedules have been generated (always today … today+7 once the tick has run). */
  days: string[];
  schedules: Record<string, ApptSchedule>;
  bookings: Record<string, Booking>;
}
