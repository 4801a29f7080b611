/**
 * State slice of the inpatient domain: admission bookings (住院预约, /ipAppointment*), admission certificates
 * (住院证, /getInHospitalApply, /inHospitalReg) and the bookkeeping of the daily ward charges the HIS posts to
 * open stays. The stays themselves live in the core (store.core.stays).
 */

/** Booking ids are serials from here on: 810001, 810002… */
export const BOOKING_ID_START = 810000;
/** Certificate ids are serials from here on: 9100001, 9100002… */
export const CERTIFICATE_ID_START = 9100000;

/** 住院预约 status as /ipAppointmentQuery documents it. */
export const BOOKING_STATUS = {
  pending: 0,
  /** The ward has admitted the patient (办理入院). */
  processed: 1,
  /** The ward has arranged a bed: the patient is told when to come. */
  booked: 9,
  cancelled: -1,
} as const;

export type BookingStatus = (typeof BOOKING_STATUS)[keyof typeof BOOKING_STATUS];

export interface AdmissionBooking {
  id: string;
  deptId: string;
  bedCategory: string;
  /** The applicant as submitted (the HIS keeps what was filled in, whether or not a card exists). */
  name: string;
  sex: '男' | '女';
  birthday: string;
  idNo: string;
  phone: string;
  address: string;
  remark: string;
  status: BookingStatus;
  createdAt: string;
  /** When the status last changed ('' while pending). */
  handledAt: string;
  cancelReason: string;
  /** 住院号 of the stay that processed it (status 1). */
  visitNo: string;
}

/** 住院证 status as the /getInHospitalApply reading documents it. */
export const CERTIFICATE_STATUS = { pending: 0, admitted: 1, void: -1 } as const;

export type CertificateStatus = (typeof CERTIFICATE_STATUS)[keyof typeof CERTIFICATE_STATUS];

export interface AdmissionCertificate {
  id: string;
  patientId: string;
  deptId: string;
  /** The bed category the stay is opened with. */
  bedCategory: string;
  diagnosis: string;
  doctorName: string;
  applyTime: string;
  /** Suggested deposit (建议预交金). */
  prepayFen: number;
  status: CertificateStatus;
  /** Admission (status 1) or lapse (status -1) time; '' while pending. */
  closedAt: string;
  /** 住院号 of the stay opened with it. */
  visitNo: string;
  /** Kiosk that admitted the patient. */
  machineNo: string;
}

export interface InpatientState {
  bookings: Record<string, AdmissionBooking>;
  certificates: Record<string, AdmissionCertificate>;
  /** Per open stay (住院号): the last day whose ward charges (bed, nursing, consultation) are posted. */
  chargedThrough: Record<string, string>;
}
