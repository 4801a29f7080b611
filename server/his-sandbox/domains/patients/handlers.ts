import type { HandlerMap } from '../../runtime';

export const patientHandlers = {} satisfies Partial<HandlerMap>;
