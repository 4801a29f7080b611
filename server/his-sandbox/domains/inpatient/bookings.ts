/**
 * Admission booking (住院预约): /ipAppointmentConfirm books, /ipAppointmentQuery looks up (name and ID number
 * must match), /ipAppointmentCancel cancels. A booking starts 0 (未处理); the ward sets 9 (已预约成功) when it
 * arranges a bed; admission through /inHospitalReg sets 1 (已处理); cancelling sets -1.
 */
import { parseIdCard } from '../../../../common/id-card';
import { isMainlandMobile } from '../../../../common/phone';
import { DATETIME } from '../../clock';
import { HisFail, need, type HandlerContext, type HandlerMap } from '../../runtime';
import type { Store } from '../../state/store';
import { isDate, openStay, validIdNo } from './checks';
import { BOOKING_ID_START, BOOKING_STATUS, type AdmissionBooking } from './state';
import { takesAdmissionBookings } from './ward';

function isActive(b: AdmissionBooking): boolean {
  return b.status === BOOKING_STATUS.pending || b.status === BOOKING_STATUS.booked;
}

function bookingView(store: Store, b: AdmissionBooking) {
  return {
    appointment_id: b.id,
    dept_name: store.department(b.deptId)?.name ?? '',
    dept_id: b.deptId,
    bed_category: b.bedCategory,
    name: b.name,
    sex: b.sex,
    birthday: b.birthday,
    id_no: b.idNo,
    phone_no: b.phone,
    address: b.address,
    status: b.status,
    remark: b.remark,
  };
}

function requireBooking(store: Store, appointmentId: string): AdmissionBooking {
  const b = store.state.inpatient.bookings[need(appointmentId, 'appointment_id')];
  if (!b) throw new HisFail('预约记录不存在');
  return b;
}

/** The applicant of a booking, checked the way the admission office would: identity consistent with the ID number. */
function applicant(req: { name: string; sex: string; birthday: string; id_no: string; phone_no: string; address: string }, ctx: HandlerContext) {
  const name = need(req.name, 'name');
  const id = parseIdCard(need(req.id_no, 'id_no'), ctx.today);
  if (!id.valid) throw new HisFail('身份证号不正确');
  const sex = need(req.sex, 'sex');
  if (sex !== '男' && sex !== '女') throw new HisFail('性别应为“男”或“女”');
  if (sex !== id.sex) throw new HisFail('性别与身份证号不符');
  const birthday = need(req.birthday, 'birthday');
  if (!isDate(birthday)) throw new HisFail('出生日期格式错误，应为YYYY-MM-DD');
  if (birthday !== id.birthday) throw new HisFail('出生日期与身份证号不符');
  const phone = need(req.phone_no, 'phone_no');
  if (!isMainlandMobile(phone)) throw new HisFail('联系电话应为11位手机号码');
  const address = need(req.address, 'address');
  const known = ctx.store.patientByIdNo(id.idNo);
  if (known && known.name !== name) throw new HisFail('姓名与身份证号不符');
  if (known && openStay(ctx.store, known.id)) throw new HisFail('患者目前正在住院，无需预约');
  return { name, sex: id.sex, birthday, idNo: id.idNo, phone, address };
}

export const bookingHandlers = {
  '/ipAppointmentConfirm': (req, ctx) => {
    const { store } = ctx;
    const dept = store.requireDepartment(need(req.dept_id, 'dept_id'));
    if (!takesAdmissionBookings(dept)) throw new HisFail(`${dept.name}不接受住院预约`);
    const bedCategory = need(req.bed_category, 'bed_category');
    if (!dept.bedCategories.includes(bedCategory)) throw new HisFail(`${dept.name}无“${bedCategory}”床位类别`);
    const person = applicant(req, ctx);
    const slice = store.state.inpatient;
    const existing = Object.values(slice.bookings).find((b) => b.idNo === person.idNo && isActive(b));
    if (existing) throw new HisFail(`已有未完成的住院预约（预约ID：${existing.id}），请勿重复预约`);
    const booking: AdmissionBooking = {
      id: store.serial('ipAppointment', BOOKING_ID_START),
      deptId: dept.id,
      bedCategory,
      ...person,
      remark: req.remark.trim(),
      status: BOOKING_STATUS.pending,
      createdAt: ctx.now.format(DATETIME),
      handledAt: '',
      cancelReason: '',
      visitNo: '',
    };
    slice.bookings[booking.id] = booking;
    ctx.setMessage('预约成功，请等待病区安排床位');
    return { records: [{ appointment_id: booking.id }] };
  },

  // An empty appointment_id lists every booking of the person (newest first), so a patient can find theirs.
  '/ipAppointmentQuery': (req, { store, today }) => {
    const name = need(req.name, 'name');
    const idNo = validIdNo(req.id_no, today);
    const appointmentId = req.appointment_id.trim();
    if (appointmentId) {
      const b = requireBooking(store, appointmentId);
      if (b.idNo !== idNo || b.name !== name) throw new HisFail('姓名或身份证号与预约信息不符');
      return { records: [bookingView(store, b)] };
    }
    const mine = Object.values(store.state.inpatient.bookings)
      .filter((b) => b.idNo === idNo && b.name === name)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return { records: mine.map((b) => bookingView(store, b)) };
  },

  '/ipAppointmentCancel': (req, ctx) => {
    const b = requireBooking(ctx.store, req.appointment_id);
    const reason = req.reason.trim();
    if (!reason) throw new HisFail('取消原因不能为空');
    if (b.status === BOOKING_STATUS.cancelled) throw new HisFail('该预约已取消，请勿重复操作');
    if (b.status === BOOKING_STATUS.processed) throw new HisFail('该预约已办理入院，不能取消');
    b.status = BOOKING_STATUS.cancelled;
    b.handledAt = ctx.now.format(DATETIME);
    b.cancelReason = reason;
    ctx.setMessage('取消成功');
    return {};
  },
} satisfies Partial<HandlerMap>;
