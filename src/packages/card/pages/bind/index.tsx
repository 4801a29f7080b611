import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { BindMethod, CardsResponse, Relation } from '@contract/api';
import PrivacyGate from '@/containers/PrivacyGate';
import { ROUTES } from '@/routes';
import { useCardList, useCards } from '@/stores/cards';
import type { Loadable } from '@/stores/loadable';
import type { FieldErrors } from '@/utils/card-form';
import { ChoiceChips, Field, FormAlert, Segments, TextField } from '../../components/Form';
import { RELATION_CHOICES, errorsAfterChange, formFailure, today } from '../../forms';
import { goBackOr } from '../../navigation';
import {
  BIND_FIELDS,
  EMPTY_BIND,
  FIELD_SPECS,
  METHOD_CHOICES,
  METHOD_FIELDS,
  METHOD_HINTS,
  bindErrors,
  bindRequest,
  type BindField,
  type BindValues,
} from './bind-form';
import '../../components/form.scss';
import './index.scss';

export default function BindCardPage() {
  return (
    <PrivacyGate>
      <BindCard />
    </PrivacyGate>
  );
}

/** 本人 while the account has no own card yet; for family members the patient chooses. */
function suggestedRelation(list: Loadable<CardsResponse>): Relation | '' {
  if (list.status !== 'ready') return '';
  return list.data.cards.some((card) => card.relation === 'self') ? '' : 'self';
}

function BindCard() {
  const list = useCardList();
  const [method, setMethod] = useState<BindMethod>('card');
  const [values, setValues] = useState<BindValues>(EMPTY_BIND);
  const [relationChosen, setRelationChosen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);

  const suggested = suggestedRelation(list);
  useEffect(() => {
    if (!relationChosen) setValues((current) => ({ ...current, relation: suggested }));
  }, [suggested, relationChosen]);

  const change = (field: BindField | 'relation', value: string): void => {
    if (field === 'relation') setRelationChosen(true);
    const next = { ...values, [field]: value };
    setValues(next);
    setErrors(errorsAfterChange(errors, field, checked ? bindErrors(method, next, today())[field] : undefined));
    setAlert(null);
  };

  const switchMethod = (next: BindMethod): void => {
    setMethod(next);
    setErrors(checked ? bindErrors(next, values, today()) : {});
    setAlert(null);
  };

  const submit = async (): Promise<void> => {
    if (busy) return;
    const found = bindErrors(method, values, today());
    setChecked(true);
    setErrors(found);
    setAlert(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await useCards.getState().bind(bindRequest(method, values));
      void Taro.showToast({ title: '绑定成功', icon: 'success' });
      goBackOr(ROUTES.cardList);
    } catch (error) {
      const failure = formFailure(error, BIND_FIELDS);
      setErrors(failure.fields);
      setAlert(failure.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card-form bind-card'>
      <View className='card-form__top'>
        <Segments options={METHOD_CHOICES} value={method} onChange={switchMethod} />
        <Text className='card-form__hint'>{METHOD_HINTS[method]}</Text>
      </View>

      <View className='card-form__group'>
        {METHOD_FIELDS[method].map((field) => {
          const spec = FIELD_SPECS[field];
          return (
            <TextField
              key={`${method}-${field}`}
              name={field}
              label={spec.label}
              type={spec.type}
              maxlength={spec.maxlength}
              placeholder={spec.placeholder}
              value={values[field]}
              error={errors[field]}
              onChange={(value) => change(field, value)}
            />
          );
        })}
        <Field name='relation' label='关系' error={errors.relation}>
          <ChoiceChips options={RELATION_CHOICES} value={values.relation} onChange={(value) => change('relation', value)} />
        </Field>
      </View>

      {alert && <FormAlert message={alert} />}

      <View className='card-form__actions'>
        <Button className={`card-form__submit${busy ? ' card-form__submit--busy' : ''}`} onClick={() => void submit()}>
          {busy ? '正在核验…' : '绑定'}
        </Button>
        <View className='bind-card__create' onClick={() => void Taro.navigateTo({ url: ROUTES.cardCreate })}>
          <Text className='bind-card__create-text'>还没有本院就诊卡？</Text>
          <Text className='bind-card__create-link'>在线办卡</Text>
        </View>
        <Text className='card-form__note'>您填写的信息仅用于向医院核验身份，核验通过后就诊卡将绑定到当前微信账号。</Text>
      </View>
    </View>
  );
}
