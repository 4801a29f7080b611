import type { ReactNode } from 'react';
import { Input, Text, View } from '@tarojs/components';

export interface FieldProps {
  /** Identifies the field (class `form-field--<name>`), as the form rules and the BFF name it. */
  name: string;
  label: string;
  error?: string;
  children: ReactNode;
}

/** A labelled row of a form, with its error right under it. */
export function Field({ name, label, error, children }: FieldProps) {
  return (
    <View className={`form-field form-field--${name}${error ? ' form-field--invalid' : ''}`}>
      <View className='form-field__row'>
        <Text className='form-field__label'>{label}</Text>
        <View className='form-field__control'>{children}</View>
      </View>
      {error && <Text className='form-field__error'>{error}</Text>}
    </View>
  );
}

export interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  placeholder: string;
  error?: string;
  /** `idcard` and `number` bring up the matching keyboard in the mini-program. */
  type?: 'text' | 'number' | 'idcard';
  maxlength?: number;
  onChange: (value: string) => void;
}

export function TextField({ name, label, value, placeholder, error, type = 'text', maxlength = 40, onChange }: TextFieldProps) {
  return (
    <Field name={name} label={label} error={error}>
      <Input
        className='form-field__input'
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass='form-field__placeholder'
        aria-label={label}
        onInput={(event) => onChange(event.detail.value)}
      />
    </Field>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export interface ChoiceChipsProps<T extends string> {
  options: readonly Choice<T>[];
  value: T | '';
  onChange: (value: T) => void;
}

/** A few mutually exclusive choices shown at once (relation, sex): one tap, nothing hidden in a wheel. */
export function ChoiceChips<T extends string>({ options, value, onChange }: ChoiceChipsProps<T>) {
  return (
    <View className='choice-chips'>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <View
            key={option.value}
            className={`choice-chips__chip${selected ? ' choice-chips__chip--selected' : ''}`}
            onClick={() => onChange(option.value)}
          >
            <Text className='choice-chips__label'>{option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

export interface SegmentsProps<T extends string> {
  options: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
}

/** Segmented tabs (the ways to bind a card). */
export function Segments<T extends string>({ options, value, onChange }: SegmentsProps<T>) {
  return (
    <View className='segments'>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <View
            key={option.value}
            className={`segments__item${selected ? ' segments__item--selected' : ''}`}
            onClick={() => onChange(option.value)}
          >
            <Text className='segments__label'>{option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** One message for the whole form (mismatch, rate limit, already bound …). */
export function FormAlert({ message }: { message: string }) {
  return (
    <View className='form-alert'>
      <Text className='form-alert__mark'>!</Text>
      <Text className='form-alert__text'>{message}</Text>
    </View>
  );
}
