import type { HandlerMap } from '../../runtime';

export const referenceHandlers = {} satisfies Partial<HandlerMap>;
