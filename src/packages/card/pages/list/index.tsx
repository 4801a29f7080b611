import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { CardsResponse } from '@contract/api';
import PageShell, { type ShellState } from '@/components/PageShell';
import CurrentCard from '@/containers/CurrentCard';
import PrivacyGate from '@/containers/PrivacyGate';
import { ROUTES, cardDetailUrl } from '@/routes';
import { atCardLimit, useCardList, useCards } from '@/stores/cards';
import type { Loadable } from '@/stores/loadable';
import { useSession } from '@/stores/session';
import CardFace from '../../components/CardFace';
import '../../components/cards.scss';
import './index.scss';

export default function CardListPage() {
  return (
    <PrivacyGate>
      <CardList />
    </PrivacyGate>
  );
}

function listState(list: Loadable<CardsResponse>): ShellState {
  switch (list.status) {
    case 'idle':
    case 'loading':
      return { kind: 'loading' };
    case 'error':
      if (list.error.isSessionError) {
        return { kind: 'login', text: '登录后管理您的就诊卡', onLogin: () => void useSession.getState().login() };
      }
      return { kind: 'error', message: list.error.message, onRetry: () => void useCards.getState().load(true) };
    case 'ready':
      if (list.data.cards.length > 0) return { kind: 'ready' };
      return {
        kind: 'empty',
        text: '还没有绑定就诊卡',
        hint: '可绑定本人及家人的就诊卡，方便为家人挂号、缴费',
        actionText: '绑定就诊卡',
        onAction: () => void Taro.navigateTo({ url: ROUTES.cardBind }),
      };
  }
}

async function makeDefault(id: string): Promise<void> {
  try {
    await useCards.getState().setDefault(id);
    void Taro.showToast({ title: '已设为默认', icon: 'success' });
  } catch (error) {
    void Taro.showToast({ title: error instanceof Error ? error.message : '设置失败，请稍后重试', icon: 'none' });
  }
}

function CardList() {
  const list = useCardList();
  const switching = useCards((state) => state.switching);
  const data = list.status === 'ready' ? list.data : null;

  return (
    <View className='card-list'>
      <PageShell state={listState(list)}>
        {data && (
          <>
            <CurrentCard />
            <View className='card-list__heading'>
              <Text className='card-list__title'>家庭就诊卡</Text>
              <Text className='card-list__count'>
                已绑定 {data.cards.length}/{data.limit} 张
              </Text>
            </View>
            {data.cards.map((card) => (
              <View key={card.id} className='card-list__item'>
                <CardFace
                  name={card.holderName}
                  kind={card.kind}
                  relation={card.relation}
                  cardNo={card.cardNo}
                  isDefault={card.isDefault}
                  onClick={() => void Taro.navigateTo({ url: cardDetailUrl(card.id) })}
                >
                  {!card.isDefault && (
                    <View
                      className='card-list__make-default'
                      onClick={(event) => {
                        event.stopPropagation();
                        void makeDefault(card.id);
                      }}
                    >
                      <Text className='card-list__make-default-text'>{switching === card.id ? '设置中…' : '设为默认'}</Text>
                    </View>
                  )}
                </CardFace>
              </View>
            ))}
            <View className='card-list__footer'>
              {atCardLimit(data) ? (
                <Text className='card-list__limit'>
                  每个账号最多绑定{data.limit}张就诊卡。如需添加，请先解除不再使用的就诊卡。
                </Text>
              ) : (
                <>
                  <Button className='card-list__add' onClick={() => void Taro.navigateTo({ url: ROUTES.cardBind })}>
                    添加就诊卡
                  </Button>
                  <View className='card-list__create' onClick={() => void Taro.navigateTo({ url: ROUTES.cardCreate })}>
                    <Text className='card-list__create-text'>没有就诊卡？</Text>
                    <Text className='card-list__create-link'>在线办卡</Text>
                  </View>
                </>
              )}
            </View>
          </>
        )}
      </PageShell>
    </View>
  );
}
