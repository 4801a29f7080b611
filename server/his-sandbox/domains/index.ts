/**
 * The domains of the HIS sandbox, wired together: their seeds (run in this order after the core), their
 * handlers (one per catalogue endpoint, merged into one map), their clock-driven ticks, and the PDF files they
 * serve.
 */
import type { Dayjs } from 'dayjs';
import type { HandlerMap } from '../runtime';
import type { SliceSeeders, Store } from '../state/store';
import { appointmentHandlers } from './appointment/handlers';
import { seedAppointment } from './appointment/seed';
import { tick as appointmentTick } from './appointment/tick';
import { inpatientHandlers } from './inpatient/handlers';
import { seedInpatient } from './inpatient/seed';
import { tick as inpatientTick } from './inpatient/tick';
import { natHandlers } from './nat/handlers';
import { seedNat } from './nat/seed';
import { tick as natTick } from './nat/tick';
import { patientHandlers } from './patients/handlers';
import { referenceHandlers } from './reference/handlers';
import { seedReference } from './reference/seed';
import { tick as referenceTick } from './reference/tick';
import { registrationHandlers } from './registration/handlers';
import { seedRegistration } from './registration/seed';
import { tick as registrationTick } from './registration/tick';
import { reportsHandlers } from './reports/handlers';
import { seedReports } from './reports/seed';
import { tick as reportsTick } from './reports/tick';

export const sliceSeeders: SliceSeeders = {
  reference: seedReference,
  registration: seedRegistration,
  appointment: seedAppointment,
  nat: seedNat,
  reports: seedReports,
  inpatient: seedInpatient,
};

export const handlers: Partial<HandlerMap> = {
  ...patientHandlers,
  ...referenceHandlers,
  ...registrationHandlers,
  ...appointmentHandlers,
  ...natHandlers,
  ...reportsHandlers,
  ...inpatientHandlers,
};

const ticks = [registrationTick, appointmentTick, natTick, reportsTick, inpatientTick, referenceTick];

/** Runs every domain's tick; one domain's failure does not stop the others (it is reported to `onError`). */
export function runTicks(store: Store, now: Dayjs, onError: (err: unknown) => void): void {
  for (const tick of ticks) {
    try {
      tick(store, now);
    } catch (err) {
      onError(err);
    }
  }
}
