import type { HandlerMap } from '../../runtime';
import { cardUpdate, createCard, getPatient, getPatientList } from './cards';
import { cpayCheck, getChargeDetail, getReceipt, getRecipe, getRegisterList, recipeCharge } from './fees';
import { hisSendMessage } from './messages';
import { getRecharge, paymentNew, paymentUpdateStatus, recharge, requestSucess } from './money';
import { caseCancel, getEmrPageCount, specialTypeNewBill } from './record-copy';

/** Patients, cards, payment orders, top-ups, outpatient fees, record copies and template messages. */
export const patientHandlers = {
  '/getPatient': getPatient,
  '/getPatientList': getPatientList,
  '/createCard': createCard,
  '/card/update': cardUpdate,
  '/paymentNew': paymentNew,
  '/recharge': recharge,
  '/paymentUpdateStatus': paymentUpdateStatus,
  '/requestSucess': requestSucess,
  '/getRecharge': getRecharge,
  '/getRegisterList': getRegisterList,
  '/getRecipe': getRecipe,
  '/cpayCheck': cpayCheck,
  '/recipeCharge': recipeCharge,
  '/getChargeDetail': getChargeDetail,
  '/getReceipt': getReceipt,
  '/specialType/newBill': specialTypeNewBill,
  '/case/cancel': caseCancel,
  '/getEmrPageCount': getEmrPageCount,
  '/template/hisSendMessage': hisSendMessage,
} satisfies Partial<HandlerMap>;
