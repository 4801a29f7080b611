import type { SeedContext } from '../../state/store';
import type { AppointmentState } from './state';

export function seedAppointment(_ctx: SeedContext): AppointmentState {
  return {};
}
