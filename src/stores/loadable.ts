import { ApiError, isApiError } from '@/services/api-error';

/** Remote data as a page sees it. */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError };

export const IDLE: Loadable<never> = { status: 'idle' };
export const LOADING: Loadable<never> = { status: 'loading' };

/** Anything thrown below a store, as an ApiError the page can show. */
export function toApiError(error: unknown): ApiError {
  return isApiError(error) ? error : new ApiError({ status: 0, code: 'INTERNAL' });
}
