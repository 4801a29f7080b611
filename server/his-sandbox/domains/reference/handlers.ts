import type { HandlerMap } from '../../runtime';
import { orgHandlers } from './org';
import { recordHandlers } from './records';
import { theatreHandlers } from './theatre';

export const referenceHandlers = {
  ...orgHandlers,
  ...theatreHandlers,
  ...recordHandlers,
} satisfies Partial<HandlerMap>;
