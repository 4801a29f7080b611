/** A NAT booking as each endpoint documents it. */
import { ageOn } from '../../../../common/id-card';
import { pdfUrl } from '../../files';
import { age } from '../../state/builders';
import type { Store } from '../../state/store';
import { yuanText, type Payload } from '../../runtime';
import { LAB_NAME, NAT_ITEM_NAME, NAT_ITEM_SHORT, NEGATIVE } from './catalog';
import type { NatBooking, NatReport } from './state';

type InfoData = NonNullable<Payload<'/appointment/info/get'>['data']>;
type ApptItem = NonNullable<Payload<'/appointment/info/get2'>['data']>['appt'][number];
type ResultItem = Payload<'/appointment/result/get'>['data'][number];
type ResultRow = Payload<'/appointmentNAT/getNATResultList'>['data'][number];

export const NAT_PDF_KIND = 'nat';

export function bookingInfo(b: NatBooking, today: string): InfoData {
  return {
    appt_id: b.id,
    appt_date: b.date,
    time_slot_id: b.slotId,
    time_slot_name: b.slotName,
    status: b.status,
    status_desc: b.statusDesc,
    business_no: b.businessNo,
    receipt_id: b.receiptNo,
    his_order_no: b.hisOrderNo,
    appt_no: b.apptNo,
    patient: {
      id: b.patientId,
      visit_id: b.visitId,
      name: b.name,
      sex: b.sex,
      age: age(b, today),
      birthday: b.birthday,
      id_no: b.idNo,
      phone_no: b.phone,
    },
  };
}

export function bookingListItem(b: NatBooking): ApptItem {
  return {
    appt_id: b.id,
    appt_no: b.apptNo,
    appt_date: b.date,
    time_slot_id: b.slotId,
    time_slot_name: b.slotName,
    total: yuanText(b.feeFen),
    status: String(b.status),
    status_desc: b.statusDesc,
    report_time: b.report?.reportedAt ?? '',
  };
}

export function resultItems(report: NatReport): ResultItem[] {
  return report.items.map((i) => ({
    item_name: i.name,
    item_short_name: i.shortName,
    item_value: i.value,
    item_tip: i.tip,
    item_range: i.range,
  }));
}

/** The overall result of a report: 阳性 when any target was detected. */
function overall(report: NatReport): string {
  return report.items.find((i) => i.value !== NEGATIVE)?.value ?? NEGATIVE;
}

export function resultRow(b: NatBooking, report: NatReport, baseUrl: string): ResultRow {
  return {
    patient_name: b.name,
    patient_age: `${Math.max(0, ageOn(b.birthday, report.sampledAt.slice(0, 10)))}岁`,
    id_no: b.idNo,
    phone_no: b.phone,
    sample: report.sample,
    report_no: report.barcode,
    item_name: NAT_ITEM_NAME,
    item_short_name: NAT_ITEM_SHORT,
    item_value: overall(report),
    item_range: NEGATIVE,
    sample_datetime: report.sampledAt,
    check_datetime: report.checkedAt,
    sample_user_name: report.sampleUser,
    check_user_name: report.checkUser,
    // Described as 检测机构 (testing institution) although named doctor_code: filled as described.
    doctor_code: LAB_NAME,
    origin_url: pdfUrl(baseUrl, NAT_PDF_KIND, b.id),
  };
}

/** The completed bookings of a person with their reports, newest check first. */
export function reportsOf(store: Store, idNo: string): Array<{ booking: NatBooking; report: NatReport }> {
  const out: Array<{ booking: NatBooking; report: NatReport }> = [];
  for (const booking of Object.values(store.state.nat.bookings)) {
    if (booking.idNo === idNo && booking.status === 9 && booking.report) out.push({ booking, report: booking.report });
  }
  return out.sort((a, b) => b.report.checkedAt.localeCompare(a.report.checkedAt));
}
