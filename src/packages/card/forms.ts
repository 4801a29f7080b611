/** What the card forms share: choices, today's date for the ID-number rules, and reading a failed request. */
import dayjs from 'dayjs';
import type { Relation } from '@contract/api';
import { isApiError } from '@/services/api-error';
import { RELATION_LABELS, RELATIONS, type FieldErrors } from '@/utils/card-form';
import type { Choice } from './components/Form';

export const RELATION_CHOICES: readonly Choice<Relation>[] = RELATIONS.map((value) => ({ value, label: RELATION_LABELS[value] }));

/** Today on the device: no one is born after it. */
export function today(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** The errors after `field` changed: its old error goes; while the form shows errors, its new one (if any) comes. */
export function errorsAfterChange(errors: FieldErrors, field: string, fresh: string | undefined): FieldErrors {
  const next = { ...errors };
  delete next[field];
  if (fresh) next[field] = fresh;
  return next;
}

export interface FormFailure {
  /** Errors the server put at fields the form shows. */
  fields: FieldErrors;
  /** One message for the whole form, when there is no field to put it at. */
  message: string | null;
}

/** A failed submit as the form shows it: field errors at their fields, anything else as one clear message. */
export function formFailure(error: unknown, shownFields: readonly string[]): FormFailure {
  if (!isApiError(error)) return { fields: {}, message: '提交失败，请稍后重试' };
  const fields: FieldErrors = {};
  let unplaced = false;
  for (const [name, message] of Object.entries(error.fields ?? {})) {
    if (shownFields.includes(name)) fields[name] = message;
    else unplaced = true;
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, message: placed && !unplaced ? null : error.message };
}
