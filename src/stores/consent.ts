/** Whether the patient has accepted the current privacy notice. Nothing is sent to any server before. */
import { create } from 'zustand';
import { PRIVACY_NOTICE_VERSION } from '@/content/privacy';
import { STORAGE_KEYS, isRecord, readStored, removeStored, writeStored } from '@/utils/storage';

export interface ConsentRecord {
  /** The notice version that was accepted. */
  version: string;
  acceptedAt: string;
}

export type ConsentStatus = 'pending' | 'accepted' | 'declined';

interface ConsentState {
  /** Accepted notice of the current version, if any. */
  record: ConsentRecord | null;
  /** The patient said no during this launch (not stored: the next launch asks again). */
  declined: boolean;
  accept(): void;
  decline(): void;
  /** Back from "declined" to the notice. */
  readAgain(): void;
  withdraw(): void;
}

function isConsentRecord(value: unknown): value is ConsentRecord {
  return isRecord(value) && typeof value.version === 'string' && typeof value.acceptedAt === 'string';
}

function storedConsent(): ConsentRecord | null {
  const record = readStored(STORAGE_KEYS.consent, isConsentRecord);
  // a newer notice must be read and accepted again
  return record && record.version === PRIVACY_NOTICE_VERSION ? record : null;
}

export const useConsent = create<ConsentState>()((set) => ({
  record: storedConsent(),
  declined: false,
  accept() {
    const record: ConsentRecord = { version: PRIVACY_NOTICE_VERSION, acceptedAt: new Date().toISOString() };
    writeStored(STORAGE_KEYS.consent, record);
    set({ record, declined: false });
  },
  decline() {
    set({ declined: true });
  },
  readAgain() {
    set({ declined: false });
  },
  withdraw() {
    removeStored(STORAGE_KEYS.consent);
    set({ record: null, declined: false });
  },
}));

export function consentStatus(state: Pick<ConsentState, 'record' | 'declined'>): ConsentStatus {
  if (state.record) return 'accepted';
  return state.declined ? 'declined' : 'pending';
}

export function hasConsent(): boolean {
  return useConsent.getState().record !== null;
}

/** Re-read storage (tests, or after another page changed it). */
export function reloadConsent(): void {
  useConsent.setState({ record: storedConsent(), declined: false });
}
