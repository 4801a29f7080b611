import type { ReactNode } from 'react';
import PrivacyNotice from '@/components/PrivacyNotice';
import { acceptPrivacy } from '@/bootstrap';
import { appConfig } from '@/config';
import { privacyNotice } from '@/content/privacy';
import { useTabBarHidden } from '@/hooks/useTabBarHidden';
import { consentStatus, useConsent } from '@/stores/consent';

/** Every page sits behind this: until the privacy notice is accepted, the page shows the notice instead. */
export default function PrivacyGate({ children }: { children: ReactNode }) {
  const status = useConsent(consentStatus);
  useTabBarHidden(status !== 'accepted');
  if (status === 'accepted') return <>{children}</>;
  if (status === 'declined') {
    return <PrivacyNotice mode='declined' onReadAgain={() => useConsent.getState().readAgain()} />;
  }
  return (
    <PrivacyNotice
      mode='ask'
      notice={privacyNotice(appConfig.hospitalName)}
      onAgree={acceptPrivacy}
      onDecline={() => useConsent.getState().decline()}
    />
  );
}
