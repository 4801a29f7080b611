import type { ReactElement } from 'react';
import Taro from '@tarojs/taro';
import { act, render, type RenderResult } from '@testing-library/react';
import { resetHttp } from '../../src/services/http';
import { useCards } from '../../src/stores/cards';
import { reloadConsent } from '../../src/stores/consent';
import { useHospital } from '../../src/stores/hospital';
import { IDLE } from '../../src/stores/loadable';
import { useSession } from '../../src/stores/session';
import { STORAGE_KEYS } from '../../src/utils/storage';
import { PRIVACY_NOTICE_VERSION } from '../../src/content/privacy';

export type RequestTask = ReturnType<typeof Taro.request>;
export type RequestOption = Parameters<typeof Taro.request>[0];

export interface FakeAnswer {
  statusCode: number;
  data?: unknown;
  header?: Record<string, string>;
}

/** What Taro.request returns: a promise of the answer with the task's methods. */
export function fakeTask(answer: FakeAnswer | Error | 'hang'): RequestTask & { abort: jest.Mock } {
  let result: Promise<{ statusCode: number; data: unknown; header: Record<string, string>; errMsg: string }>;
  if (answer === 'hang') result = new Promise(() => undefined);
  else if (answer instanceof Error) result = Promise.reject(answer);
  else result = Promise.resolve({ header: {}, errMsg: 'request:ok', data: undefined, ...answer });
  return Object.assign(result, {
    abort: jest.fn(),
    onHeadersReceived: jest.fn(),
    offHeadersReceived: jest.fn(),
    onChunkReceived: jest.fn(),
    offChunkReceived: jest.fn(),
  });
}

/** Taro components settle after an animation frame. */
export async function nextFrame(): Promise<void> {
  await act(async () => {
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  });
}

export async function renderSettled(ui: ReactElement): Promise<RenderResult> {
  const result = render(ui);
  await nextFrame();
  return result;
}

/** Stores and http back to a fresh launch (storage is cleared before each test by the setup file). */
export function resetApp(): void {
  resetHttp();
  reloadConsent();
  useSession.setState({ status: 'idle', token: null, expiresAt: null, user: null, error: null });
  useHospital.setState({ campuses: IDLE, departments: {} });
  useCards.getState().reset();
}

/** As if the patient had accepted the current notice on an earlier launch. */
export function giveConsent(acceptedAt = '2026-11-20T08:00:00.000Z'): void {
  Taro.setStorageSync(STORAGE_KEYS.consent, { version: PRIVACY_NOTICE_VERSION, acceptedAt });
  reloadConsent();
}
