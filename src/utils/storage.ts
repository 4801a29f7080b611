/**
 * Typed access to the device's storage (wx storage / localStorage). Reads never throw: a missing, unreadable or
 * foreign value is simply absent.
 */
import Taro from '@tarojs/taro';

export const STORAGE_KEYS = {
  consent: 'ph.consent',
  session: 'ph.session',
  deviceId: 'ph.deviceId',
} as const;

export type StorageKey = (typeof STORAGE_KEYS)[keyof typeof STORAGE_KEYS];

export function readStored<T>(key: StorageKey, isValid: (value: unknown) => value is T): T | null {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return isValid(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeStored<T>(key: StorageKey, value: T): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // storage full or unavailable: the app still works for this launch
  }
}

export function removeStored(key: StorageKey): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // nothing to do
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
