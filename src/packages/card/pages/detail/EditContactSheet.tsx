import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Relation, UpdateCardRequest } from '@contract/api';
import { phoneError, type FieldErrors } from '@/utils/card-form';
import { ChoiceChips, Field, FormAlert, TextField } from '../../components/Form';
import { RELATION_CHOICES, type FormFailure } from '../../forms';

export interface EditContactSheetProps {
  relation: Relation;
  phoneMasked: string;
  onCancel: () => void;
  /** Resolves with what went wrong, or null when saved. */
  onSave: (changes: UpdateCardRequest) => Promise<FormFailure | null>;
}

/** 修改联系信息: a new phone number (sent to the hospital) and the relation to the account holder. */
export default function EditContactSheet({ relation, phoneMasked, onCancel, onSave }: EditContactSheetProps) {
  const [phone, setPhone] = useState('');
  const [nextRelation, setNextRelation] = useState<Relation>(relation);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    if (busy) return;
    const changes: UpdateCardRequest = {};
    const trimmed = phone.trim();
    if (trimmed) {
      const error = phoneError(trimmed);
      if (error) {
        setErrors({ phone: error });
        return;
      }
      changes.phone = trimmed;
    }
    if (nextRelation !== relation) changes.relation = nextRelation;
    if (!changes.phone && !changes.relation) {
      setAlert('没有需要保存的修改');
      return;
    }
    setBusy(true);
    const failure = await onSave(changes);
    setBusy(false);
    if (failure) {
      setErrors(failure.fields);
      setAlert(failure.message);
    }
  };

  return (
    <View className='edit-sheet' catchMove>
      <View className='edit-sheet__mask' onClick={onCancel} />
      <View className='edit-sheet__panel'>
        <Text className='edit-sheet__title'>修改联系信息</Text>
        <View className='edit-sheet__form'>
          <TextField
            name='phone'
            label='手机号'
            type='number'
            maxlength={11}
            value={phone}
            placeholder={`当前${phoneMasked}，不改可留空`}
            error={errors.phone}
            onChange={(value) => {
              setPhone(value);
              setErrors({});
              setAlert(null);
            }}
          />
          <Field name='relation' label='关系' error={errors.relation}>
            <ChoiceChips
              options={RELATION_CHOICES}
              value={nextRelation}
              onChange={(value) => {
                setNextRelation(value);
                setAlert(null);
              }}
            />
          </Field>
        </View>
        {alert && <FormAlert message={alert} />}
        <View className='edit-sheet__footer'>
          <Button className='edit-sheet__button' onClick={onCancel}>
            取消
          </Button>
          <Button className={`edit-sheet__button edit-sheet__button--primary${busy ? ' edit-sheet__button--busy' : ''}`} onClick={() => void save()}>
            {busy ? '正在保存…' : '保存'}
          </Button>
        </View>
      </View>
    </View>
  );
}
