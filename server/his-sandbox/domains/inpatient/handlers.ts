import type { HandlerMap } from '../../runtime';

export const inpatientHandlers = {} satisfies Partial<HandlerMap>;
