/**
 * Which HIS endpoints change state (writes) and which only read. The difference decides two things:
 * - retries: a read is retried after a transport failure; a write never is — a timed-out /recharge may well have
 *   been carried out, and calling it again could apply it twice. The caller asks the HIS what happened instead.
 * - timeouts: writes get more time (they touch money and capacity; giving up early only makes the outcome unknown).
 *
 * Every endpoint below changes something in the HIS; every other catalogue endpoint is a read (a test checks the
 * list against the catalogue, so a new endpoint is a read until someone classifies it here).
 */
import type { HisPath } from '../../his-catalogue/types.generated';

export const WRITE_ENDPOINTS: readonly HisPath[] = [
  // 公共分类: money, cards, registration, admission bookings, messages
  '/recharge', //                 top-up: raises a balance or a deposit
  '/recipeCharge', //             pays outpatient fee groups
  '/paymentNew', //               creates a HIS payment order
  '/paymentUpdateStatus', //      moves a payment order's status
  '/createCard', //               issues a visit card
  '/card/update', //              changes the patient's card data
  '/registerPre', //              holds a same-day registration place
  '/register', //                 confirms a same-day registration
  '/offerNumber', //              takes the queue number of a booking
  '/ipAppointmentConfirm', //     confirms an inpatient admission booking
  '/ipAppointmentCancel', //      cancels an inpatient admission booking
  '/template/hisSendMessage', //  sends a template message (a retry would send it twice)
  // 预约挂号
  '/new', //                      books an appointment (takes a place)
  '/prepay', //                   pays an appointment
  '/cancel', //                   cancels an appointment
  '/cpay_new_payment', //         creates an appointment payment order
  '/cpay_update_payment_status', // moves its status
  // 核酸检测预约
  '/appointment/pre', //          books a NAT slot
  '/appointment/confirm', //      confirms (pays) a NAT booking
  '/appointment/cancel', //       cancels a NAT booking
  '/cpay/newPayment', //          creates a NAT payment order
  '/refund/callback', //          reports a refund as done
  // 自助入院, 病历复印
  '/inHospitalReg', //            admits a patient
  '/specialType/newBill', //      bills a record copy
  '/case/cancel', //              cancels a record copy and refunds it
];

const writes: ReadonlySet<string> = new Set(WRITE_ENDPOINTS);

export function isWrite(path: HisPath): boolean {
  return writes.has(path);
}
