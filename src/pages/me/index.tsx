import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import Cell, { CellGroup } from '@/components/Cell';
import PageShell, { type ShellState } from '@/components/PageShell';
import PrivacyNotice from '@/components/PrivacyNotice';
import PrivacyGate from '@/containers/PrivacyGate';
import { withdrawPrivacy } from '@/bootstrap';
import { appConfig } from '@/config';
import { privacyNotice } from '@/content/privacy';
import { useTabBarHidden } from '@/hooks/useTabBarHidden';
import { ROUTES, cardDetailUrl } from '@/routes';
import { useCardList, useCards } from '@/stores/cards';
import { useConsent } from '@/stores/consent';
import { useSession } from '@/stores/session';
import { formatDate } from '@/utils/dates';
import avatarIcon from '@/assets/icons/avatar.png';
import FamilyCards from './FamilyCards';
import './index.scss';

export default function MePage() {
  return (
    <PrivacyGate>
      <MeContent />
    </PrivacyGate>
  );
}

function MeContent() {
  const status = useSession((state) => state.status);
  const user = useSession((state) => state.user);
  const error = useSession((state) => state.error);
  const consent = useConsent((state) => state.record);
  const [reviewing, setReviewing] = useState(false);
  useTabBarHidden(reviewing);

  const login = (): void => {
    void useSession.getState().login();
  };

  const account: ShellState = (() => {
    switch (status) {
      case 'loggedIn':
        return { kind: 'ready' };
      case 'loggingIn':
        return { kind: 'loading', text: '正在登录…' };
      case 'failed':
        return { kind: 'error', message: error?.message ?? '登录失败，请稍后重试', onRetry: login, retryText: '重新登录' };
      case 'idle':
      case 'loggedOut':
        return { kind: 'login', text: '登录后可查看就诊卡等个人服务', onLogin: login };
    }
  })();

  const confirmLogout = async (): Promise<void> => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '退出后需要重新登录才能使用个人服务，确定退出吗？',
      confirmText: '退出',
      confirmColor: '#d93026',
    });
    if (!confirm) return;
    await useSession.getState().logout();
    void Taro.showToast({ title: '已退出登录', icon: 'none' });
  };

  const confirmWithdraw = async (): Promise<void> => {
    const { confirm } = await Taro.showModal({
      title: '撤回同意',
      content: '撤回后将退出登录，需重新同意隐私保护指引才能继续使用。确定撤回吗？',
      confirmText: '撤回',
      confirmColor: '#d93026',
    });
    if (!confirm) return;
    setReviewing(false);
    await withdrawPrivacy();
  };

  const showAbout = (): void => {
    void Taro.showModal({
      title: '关于',
      content: `${appConfig.hospitalName}掌上医院\n版本 ${appConfig.version}`,
      showCancel: false,
      confirmText: '知道了',
    });
  };

  return (
    <View className='me'>
      <View className='me__profile'>
        <PageShell state={account} variant='section'>
          <View className='me__user'>
            <Image className='me__avatar' src={avatarIcon} mode='aspectFit' />
            <View className='me__user-text'>
              <Text className='me__name'>微信用户</Text>
              {user && <Text className='me__since'>注册于{formatDate(user.createdAt)}</Text>}
            </View>
          </View>
        </PageShell>
      </View>

      <View className='me__section'>
        <Text className='me__section-title'>我的就诊卡</Text>
        {status === 'loggedIn' ? (
          <MyCards />
        ) : (
          <PageShell state={{ kind: 'empty', text: '登录后可查看您的就诊卡' }} variant='section' />
        )}
      </View>

      <View className='me__settings'>
        <CellGroup>
          <Cell title='隐私政策' onClick={() => setReviewing(true)} />
          <Cell title='关于' value={`版本 ${appConfig.version}`} onClick={showAbout} />
          {status === 'loggedIn' && <Cell title='退出登录' danger onClick={() => void confirmLogout()} />}
        </CellGroup>
      </View>

      {reviewing && consent && (
        <PrivacyNotice
          mode='review'
          notice={privacyNotice(appConfig.hospitalName)}
          acceptedOn={formatDate(consent.acceptedAt)}
          onClose={() => setReviewing(false)}
          onWithdraw={() => void confirmWithdraw()}
        />
      )}
    </View>
  );
}

function navigate(url: string): void {
  void Taro.navigateTo({ url });
}

/** The family's cards (only once logged in: loading them must never start a login by itself). */
function MyCards() {
  const list = useCardList();
  const state: ShellState = (() => {
    switch (list.status) {
      case 'idle':
      case 'loading':
        return { kind: 'loading' };
      case 'error':
        return { kind: 'error', message: list.error.message, onRetry: () => void useCards.getState().load(true) };
      case 'ready':
        return list.data.cards.length > 0
          ? { kind: 'ready' }
          : {
              kind: 'empty',
              text: '还没有绑定就诊卡',
              hint: '绑定本人及家人的就诊卡，挂号缴费更方便',
              actionText: '添加就诊卡',
              onAction: () => navigate(ROUTES.cardBind),
            };
    }
  })();
  return (
    <PageShell state={state} variant='section'>
      {list.status === 'ready' && (
        <FamilyCards
          cards={list.data.cards}
          limit={list.data.limit}
          onOpen={(id) => navigate(cardDetailUrl(id))}
          onAdd={() => navigate(ROUTES.cardBind)}
          onManage={() => navigate(ROUTES.cardList)}
        />
      )}
    </PageShell>
  );
}
