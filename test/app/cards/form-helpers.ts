import { fireEvent, waitFor } from '@testing-library/react';

/** Types into the form field `name` (the H5 Input renders its <input> a moment after mounting). */
export async function typeInto(name: string, text: string): Promise<void> {
  const input = await waitFor(() => {
    const found = document.querySelector(`.form-field--${name} input`);
    if (!found) throw new Error(`no input for ${name}`);
    return found;
  });
  fireEvent.input(input, { target: { value: text } });
}

/** The error shown at a field, or null. */
export function fieldError(name: string): string | null {
  return document.querySelector(`.form-field--${name} .form-field__error`)?.textContent ?? null;
}

/** The value of a field's input. */
export function fieldValue(name: string): string {
  const input = document.querySelector(`.form-field--${name} input`);
  return input instanceof HTMLInputElement ? input.value : '';
}

export function shownFields(): string[] {
  return Array.from(document.querySelectorAll('.card-form__group .form-field')).map((el) =>
    (Array.from(el.classList).find((c) => c.startsWith('form-field--') && c !== 'form-field--invalid') ?? '').replace('form-field--', ''),
  );
}
