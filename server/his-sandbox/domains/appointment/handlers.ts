import type { HandlerMap } from '../../runtime';

export const appointmentHandlers = {} satisfies Partial<HandlerMap>;
