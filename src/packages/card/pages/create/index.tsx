import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Picker, Text, View } from '@tarojs/components';
import PrivacyGate from '@/containers/PrivacyGate';
import { cardDetailUrl } from '@/routes';
import { useCards } from '@/stores/cards';
import { LIMITS, type FieldErrors } from '@/utils/card-form';
import { ChoiceChips, Field, FormAlert, TextField, type Choice } from '../../components/Form';
import { RELATION_CHOICES, errorsAfterChange, formFailure, today } from '../../forms';
import { EMPTY_NEW_CARD, NEW_CARD_FIELDS, newCardErrors, newCardRequest, withChange, type NewCardField, type NewCardValues } from './create-form';
import '../../components/form.scss';
import './index.scss';

/** What the patient is told when the hospital already had them: their old card was bound, no second one issued. */
export const ALREADY_REGISTERED = '您已在本院建档，已为您绑定原就诊卡';

const SEX_CHOICES: readonly Choice<'男' | '女'>[] = [
  { value: '男', label: '男' },
  { value: '女', label: '女' },
];

export default function CreateCardPage() {
  return (
    <PrivacyGate>
      <CreateCard />
    </PrivacyGate>
  );
}

function CreateCard() {
  const [values, setValues] = useState<NewCardValues>(EMPTY_NEW_CARD);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);

  const change = (field: NewCardField, value: string): void => {
    const day = today();
    const next = withChange(values, field, value, day);
    setValues(next);
    const found = checked ? newCardErrors(next, day) : {};
    let nextErrors = errorsAfterChange(errors, field, found[field]);
    // birthday and sex are checked against the ID number: their errors follow it
    if (field === 'idNo' || field === 'sex' || field === 'birthday') {
      for (const linked of ['sex', 'birthday'] as const) nextErrors = errorsAfterChange(nextErrors, linked, found[linked]);
    }
    setErrors(nextErrors);
    setAlert(null);
  };

  const submit = async (): Promise<void> => {
    if (busy) return;
    const found = newCardErrors(values, today());
    setChecked(true);
    setErrors(found);
    setAlert(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const { card, created } = await useCards.getState().create(newCardRequest(values));
      if (created) {
        void Taro.showToast({ title: '办卡成功', icon: 'success' });
      } else {
        await Taro.showModal({ title: '已为您绑定', content: ALREADY_REGISTERED, showCancel: false, confirmText: '查看就诊卡' });
      }
      void Taro.redirectTo({ url: cardDetailUrl(card.id) });
    } catch (error) {
      const failure = formFailure(error, NEW_CARD_FIELDS);
      setErrors(failure.fields);
      setAlert(failure.message);
    } finally {
      setBusy(false);
    }
  };

  const text = (field: NewCardField, label: string, placeholder: string, extra: { type?: 'text' | 'number' | 'idcard'; maxlength?: number } = {}) => (
    <TextField
      name={field}
      label={label}
      placeholder={placeholder}
      value={values[field]}
      error={errors[field]}
      onChange={(value) => change(field, value)}
      {...extra}
    />
  );

  return (
    <View className='card-form create-card'>
      <View className='card-form__top'>
        <Text className='card-form__lead'>首次来院的患者可在线办理电子就诊卡，办理后即可挂号、缴费。</Text>
      </View>

      <Text className='card-form__group-title'>身份信息</Text>
      <View className='card-form__group'>
        {text('name', '姓名', '请输入证件上的姓名', { maxlength: LIMITS.name })}
        {text('idNo', '身份证号', '请输入18位身份证号码', { type: 'idcard', maxlength: 18 })}
        <Field name='sex' label='性别' error={errors.sex}>
          <ChoiceChips options={SEX_CHOICES} value={values.sex} onChange={(value) => change('sex', value)} />
        </Field>
        <Field name='birthday' label='出生日期' error={errors.birthday}>
          <Picker className='create-card__picker' mode='date' value={values.birthday || '1990-01-01'} start='1900-01-01' end={today()} onChange={(event) => change('birthday', String(event.detail.value))}>
            <View className='create-card__date'>
              <Text className={values.birthday ? 'create-card__date-value' : 'form-field__placeholder'}>
                {values.birthday || '填写身份证号后自动带出'}
              </Text>
              <View className='create-card__date-arrow' />
            </View>
          </Picker>
        </Field>
      </View>

      <Text className='card-form__group-title'>联系信息</Text>
      <View className='card-form__group'>
        {text('phone', '手机号', '用于接收就诊通知', { type: 'number', maxlength: 11 })}
        {text('workUnit', '工作单位', '无工作单位请填“无”', { maxlength: LIMITS.workUnit })}
        {text('address', '联系地址', '请输入现住址', { maxlength: LIMITS.address })}
        {text('healthCardId', '电子健康卡', '选填，已有电子健康卡可填写卡号', { maxlength: LIMITS.healthCardId })}
        <Field name='relation' label='关系' error={errors.relation}>
          <ChoiceChips options={RELATION_CHOICES} value={values.relation} onChange={(value) => change('relation', value)} />
        </Field>
      </View>

      {alert && <FormAlert message={alert} />}

      <View className='card-form__actions'>
        <Button className={`card-form__submit${busy ? ' card-form__submit--busy' : ''}`} onClick={() => void submit()}>
          {busy ? '正在办理…' : '提交办卡'}
        </Button>
        <Text className='card-form__note'>如您已在本院建档，将直接为您绑定原就诊卡，不会重复办卡。</Text>
      </View>
    </View>
  );
}
