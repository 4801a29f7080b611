/**
 * How an API fault (faults.ts) turns into what the caller sees, shared by the mini-program and the pay routes.
 * A route hands over the fault it took and two ways to answer with an error; `runWithFault` delays, holds the
 * connection, answers the gateway's HTML 500 or the API's own error, or carries the call out first.
 */
import type { FastifyReply } from 'fastify';
import type { ApiFaultSpec, Stored } from './faults';

export const GATEWAY_500 = '<html><head><title>500 Internal Server Error</title></head><body><center><h1>500 Internal Server Error</h1></center><hr><center>nginx</center></body></html>';

export interface ApiCall {
  fault: Stored<ApiFaultSpec> | undefined;
  reply: FastifyReply;
  /** Sends the API's own error for an `error` / `applyThenError` fault. */
  sendFaultError: (fault: ApiFaultSpec) => void;
  /** Carries the call out and sends its normal answer. */
  perform: () => void;
  /** Carries the call out without answering (for applyThen* faults). */
  performSilently: () => Promise<void> | void;
  /** Marks the reply as not coming from WeChat itself (a gateway page): it is not signed. */
  markUnsigned?: () => void;
}

/** Answers the call (or holds it); 'held' when no answer was sent. (Replies are thenables: never return one here.) */
export async function runWithFault(call: ApiCall): Promise<'answered' | 'held'> {
  const { fault, reply } = call;
  if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  switch (fault?.mode) {
    case 'timeout':
      reply.hijack();
      return 'held';
    case 'http500':
      call.markUnsigned?.();
      void reply.code(500).type('text/html; charset=utf-8').send(GATEWAY_500);
      return 'answered';
    case 'error':
      call.sendFaultError(fault);
      return 'answered';
    case 'applyThenError':
      await call.performSilently();
      call.sendFaultError(fault);
      return 'answered';
    case 'applyThenTimeout':
      await call.performSilently();
      reply.hijack();
      return 'held';
    default:
      call.perform();
      return 'answered';
  }
}
