import type { HandlerMap } from '../../runtime';
import { admissionHandlers } from './admission';
import { bookingHandlers } from './bookings';
import { stayHandlers } from './stays';

export const inpatientHandlers = {
  ...stayHandlers,
  ...bookingHandlers,
  ...admissionHandlers,
} satisfies Partial<HandlerMap>;
