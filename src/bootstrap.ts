/** What happens at launch, and the actions that span several stores. */
import { configureHttp } from './services/http';
import { useCards } from './stores/cards';
import { hasConsent, useConsent } from './stores/consent';
import { useSession } from './stores/session';
import { STORAGE_KEYS, removeStored } from './utils/storage';

/** Wire http.ts to the session and consent, then log in silently if the patient has already agreed. */
export function startApp(): void {
  configureHttp({
    getToken: () => useSession.getState().token,
    renew: () => useSession.getState().renew(),
    mayConnect: hasConsent,
  });
  forgetCardsOnUserChange();
  if (hasConsent()) void useSession.getState().start();
}

let unsubscribeCards: (() => void) | null = null;

/**
 * Cards belong to the user who loaded them: logging out, or in (again, or as someone else), forgets them, and the
 * pages that show cards load them afresh (a load that failed for want of a session included).
 */
export function forgetCardsOnUserChange(): void {
  unsubscribeCards?.();
  unsubscribeCards = useSession.subscribe((state, previous) => {
    if (state.user?.id !== previous.user?.id) useCards.getState().reset();
  });
}

/** 同意: store the consent, then log in (the first request the app ever sends). */
export function acceptPrivacy(): void {
  useConsent.getState().accept();
  void useSession.getState().start();
}

/** 撤回同意: log out (while sending is still allowed), then forget the consent and the H5 device id. */
export async function withdrawPrivacy(): Promise<void> {
  await useSession.getState().logout();
  useConsent.getState().withdraw();
  removeStored(STORAGE_KEYS.deviceId);
  // the next consent starts a fresh session
  useSession.setState({ status: 'idle' });
}
