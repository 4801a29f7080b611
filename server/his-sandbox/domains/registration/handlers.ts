import type { HandlerMap } from '../../runtime';

export const registrationHandlers = {} satisfies Partial<HandlerMap>;
