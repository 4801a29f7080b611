import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { CardDetail, InpatientView, UpdateCardRequest } from '@contract/api';
import PageShell, { type ShellState } from '@/components/PageShell';
import CurrentCard from '@/containers/CurrentCard';
import PrivacyGate from '@/containers/PrivacyGate';
import { useTabBarHidden } from '@/hooks/useTabBarHidden';
import { ROUTES, cardDetailUrl } from '@/routes';
import { useCardDetail, useCards } from '@/stores/cards';
import type { Loadable } from '@/stores/loadable';
import { useSession } from '@/stores/session';
import { RELATION_LABELS } from '@/utils/card-form';
import { formatDate } from '@/utils/dates';
import { yuanText } from '@/utils/money';
import CardCodes from '../../components/CardCodes';
import CardFace from '../../components/CardFace';
import { formFailure, type FormFailure } from '../../forms';
import { goBackOr } from '../../navigation';
import EditContactSheet from './EditContactSheet';
import '../../components/cards.scss';
import '../../components/form.scss';
import './index.scss';

export default function CardDetailPage() {
  const id = Taro.getCurrentInstance().router?.params.id ?? '';
  return (
    <PrivacyGate>
      <CardDetailScreen id={decodeURIComponent(id)} />
    </PrivacyGate>
  );
}

function detailState(id: string, detail: Loadable<CardDetail>): ShellState {
  switch (detail.status) {
    case 'idle':
    case 'loading':
      return { kind: 'loading' };
    case 'error':
      if (detail.error.isSessionError) {
        return { kind: 'login', text: '登录后查看就诊卡', onLogin: () => void useSession.getState().login() };
      }
      if (detail.error.code === 'NOT_FOUND') {
        return {
          kind: 'empty',
          text: '没有找到这张就诊卡',
          hint: '它可能已被解除绑定',
          actionText: '查看我的就诊卡',
          onAction: () => void Taro.redirectTo({ url: ROUTES.cardList }),
        };
      }
      return { kind: 'error', message: detail.error.message, onRetry: () => void useCards.getState().loadDetail(id, true) };
    case 'ready':
      return { kind: 'ready' };
  }
}

function Row({ label, value, action, onAction }: { label: string; value: string; action?: string; onAction?: () => void }) {
  return (
    <View className='card-detail__row'>
      <Text className='card-detail__label'>{label}</Text>
      <Text className='card-detail__value'>{value}</Text>
      {action && (
        <Text className='card-detail__row-action' onClick={onAction}>
          {action}
        </Text>
      )}
    </View>
  );
}

function InpatientInfo({ stay }: { stay: InpatientView }) {
  return (
    <View className='card-detail__section'>
      <Text className='card-detail__section-title'>住院信息</Text>
      <Row label='住院号' value={stay.inpatientNo} />
      <Row label='科室' value={stay.deptName} />
      <Row label='床号' value={stay.bedNo || '—'} />
      <Row label='入院日期' value={formatDate(stay.admissionDate)} />
      <Row label='出院日期' value={stay.dischargeDate ? formatDate(stay.dischargeDate) : '在院'} />
      <Row label='住院费用' value={yuanText(stay.totalFen)} />
    </View>
  );
}

async function confirmUnbind(card: CardDetail): Promise<void> {
  const { confirm } = await Taro.showModal({
    title: '解除绑定',
    content: `解除后将不能在本账号为${card.holderName}办理业务，需要时可重新绑定。确定解除吗？`,
    confirmText: '解除绑定',
    confirmColor: '#d93026',
  });
  if (!confirm) return;
  try {
    await useCards.getState().unbind(card.id);
    void Taro.showToast({ title: '已解除绑定', icon: 'success' });
    goBackOr(ROUTES.cardList);
  } catch (error) {
    void Taro.showToast({ title: error instanceof Error ? error.message : '解除失败，请稍后重试', icon: 'none' });
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

export function CardDetailScreen({ id }: { id: string }) {
  const detail = useCardDetail(id);
  const [editing, setEditing] = useState(false);
  useTabBarHidden(editing);

  const save = async (changes: UpdateCardRequest): Promise<FormFailure | null> => {
    try {
      await useCards.getState().update(id, changes);
      setEditing(false);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      return null;
    } catch (error) {
      return formFailure(error, ['phone', 'relation']);
    }
  };

  const card = detail.status === 'ready' ? detail.data : null;
  return (
    <View className='card-detail'>
      <PageShell state={detailState(id, detail)}>
        {card && (
          <>
            <CurrentCard onSwitched={(next) => void Taro.redirectTo({ url: cardDetailUrl(next) })} />
            <View className='card-detail__face'>
              <CardFace name={card.name} kind={card.kind} relation={card.relation} cardNo={card.cardNo} isDefault={card.isDefault} />
            </View>

            <View className='card-detail__section'>
              <Text className='card-detail__section-title'>{card.kind === 'inpatient' ? '住院号码' : '就诊码'}</Text>
              <CardCodes cardNo={card.cardNo} />
            </View>

            <View className='card-detail__section'>
              <Text className='card-detail__section-title'>卡片信息</Text>
              <View className='card-detail__row'>
                <Text className='card-detail__label'>卡状态</Text>
                <Text className={`card-detail__status${card.status === 1 ? '' : ' card-detail__status--warn'}`}>{card.statusName}</Text>
              </View>
              {card.statusHint && <Text className='card-detail__note'>{card.statusHint}</Text>}
              <Row label={card.kind === 'inpatient' ? '预交金余额' : '账户余额'} value={yuanText(card.balanceFen)} />
              <Row label='充值' value={card.canRecharge ? '可以充值' : '暂不能充值'} />
              {!card.canRecharge && card.noRechargeReason && <Text className='card-detail__note card-detail__note--warn'>{card.noRechargeReason}</Text>}
            </View>

            {card.inpatient && <InpatientInfo stay={card.inpatient} />}

            <View className='card-detail__section'>
              <Text className='card-detail__section-title'>持卡人</Text>
              <Row label='姓名' value={card.name} />
              <Row label='性别年龄' value={`${card.sex} · ${card.age}岁`} />
              <Row label='身份证号' value={card.idNoMasked} />
              <Row label='手机号' value={card.phoneMasked} action='修改' onAction={() => setEditing(true)} />
              <Row label='关系' value={RELATION_LABELS[card.relation]} action='修改' onAction={() => setEditing(true)} />
            </View>

            <View className='card-detail__actions'>
              {!card.isDefault && (
                <Button className='card-detail__button card-detail__button--primary' onClick={() => void makeDefault(card.id)}>
                  设为默认就诊卡
                </Button>
              )}
              <Button className='card-detail__button card-detail__button--danger' onClick={() => void confirmUnbind(card)}>
                解除绑定
              </Button>
            </View>

            {editing && (
              <EditContactSheet relation={card.relation} phoneMasked={card.phoneMasked} onCancel={() => setEditing(false)} onSave={save} />
            )}
          </>
        )}
      </PageShell>
    </View>
  );
}
