import type { HandlerMap } from '../../runtime';

export const reportsHandlers = {} satisfies Partial<HandlerMap>;
