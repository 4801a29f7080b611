import type { HandlerMap } from '../../runtime';

export const natHandlers = {} satisfies Partial<HandlerMap>;
