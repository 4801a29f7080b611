import Taro from '@tarojs/taro';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import CreateCardPage, { ALREADY_REGISTERED } from '../../../src/packages/card/pages/create';
import { cardDetailUrl } from '../../../src/routes';
import * as service from '../../../src/services/cards';
import { makeIdCard } from '../../../common/id-card';
import { giveConsent, nextFrame, renderSettled, resetApp } from '../helpers';
import { ZHANG, cardsResponse, errors, loggedIn } from './fixtures';
import { fieldError, typeInto } from './form-helpers';

jest.mock('../../../src/services/cards');
const api = jest.mocked(service);

let redirectTo: jest.SpyInstance;
let showModal: jest.SpyInstance;
let showToast: jest.SpyInstance;

const NEW_ID = makeIdCard('520102', '1996-08-23', 124); // a woman (even sequence)

beforeEach(() => {
  jest.resetAllMocks();
  resetApp();
  giveConsent();
  loggedIn();
  api.fetchCards.mockResolvedValue(cardsResponse([ZHANG]));
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' });
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
});

afterEach(() => {
  jest.restoreAllMocks();
});

function selected(field: string): string | null {
  return document.querySelector(`.form-field--${field} .choice-chips__chip--selected`)?.textContent ?? null;
}

function birthday(): string {
  return document.querySelector('.form-field--birthday .create-card__date')?.textContent ?? '';
}

async function fillValid(): Promise<void> {
  await typeInto('name', '周晓雨');
  await typeInto('idNo', NEW_ID);
  await typeInto('phone', '13912345678');
  await typeInto('workUnit', '无');
  await typeInto('address', '贵州省贵阳市南明区花果园大街1号');
  fireEvent.click(screen.getByText('配偶'));
}

describe('在线办卡', () => {
  it('fills birthday and sex from the ID number', async () => {
    await renderSettled(<CreateCardPage />);
    expect(birthday()).toBe('填写身份证号后自动带出');
    await typeInto('idNo', NEW_ID.slice(0, 17));
    await nextFrame();
    expect(selected('sex')).toBeNull();
    await typeInto('idNo', NEW_ID);
    await nextFrame();
    expect(birthday()).toBe('1996-08-23');
    expect(selected('sex')).toBe('女');
    // a man's number changes both
    await typeInto('idNo', '520103198503120358');
    await nextFrame();
    expect(birthday()).toBe('1985-03-12');
    expect(selected('sex')).toBe('男');
  });

  it('lets the patient change the sex, and then says it disagrees with the ID number', async () => {
    await renderSettled(<CreateCardPage />);
    await fillValid();
    fireEvent.click(screen.getByText('男'));
    fireEvent.click(screen.getByText('提交办卡'));
    await nextFrame();
    expect(fieldError('sex')).toBe('性别与身份证号码不一致');
    expect(api.createCard).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('女'));
    await nextFrame();
    expect(fieldError('sex')).toBeNull();
  });

  it('shows every rule’s error at its field', async () => {
    await renderSettled(<CreateCardPage />);
    await typeInto('idNo', '520103198513120358');
    await typeInto('phone', '12345');
    await typeInto('healthCardId', '健康卡');
    fireEvent.click(screen.getByText('提交办卡'));
    await nextFrame();
    expect(fieldError('name')).toBe('请输入姓名');
    expect(fieldError('idNo')).toBe('身份证号码中的出生日期无效');
    expect(fieldError('sex')).toBe('请选择性别');
    expect(fieldError('birthday')).toBe('请选择出生日期');
    expect(fieldError('phone')).toBe('请输入正确的11位手机号码');
    expect(fieldError('workUnit')).toBe('请输入工作单位，无单位请填“无”');
    expect(fieldError('address')).toBe('请输入联系地址');
    expect(fieldError('healthCardId')).toBe('电子健康卡号格式不正确');
    expect(fieldError('relation')).toBe('请选择与您的关系');
    expect(api.createCard).not.toHaveBeenCalled();
  });

  it('issues the card and opens it', async () => {
    api.createCard.mockResolvedValue({ card: { ...ZHANG, id: 'b-new', isDefault: false, relation: 'spouse' }, created: true });
    await renderSettled(<CreateCardPage />);
    await fillValid();
    fireEvent.click(screen.getByText('提交办卡'));
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: cardDetailUrl('b-new') }));
    expect(api.createCard).toHaveBeenCalledWith({
      name: '周晓雨',
      sex: '女',
      idNo: NEW_ID,
      birthday: '1996-08-23',
      phone: '13912345678',
      workUnit: '无',
      address: '贵州省贵阳市南明区花果园大街1号',
      relation: 'spouse',
    });
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '办卡成功' }));
    expect(showModal).not.toHaveBeenCalled();
  });

  it('says so when the hospital already had the patient and bound the old card', async () => {
    api.createCard.mockResolvedValue({ card: ZHANG, created: false });
    await renderSettled(<CreateCardPage />);
    await fillValid();
    fireEvent.click(screen.getByText('提交办卡'));
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: cardDetailUrl(ZHANG.id) }));
    expect(ALREADY_REGISTERED).toBe('您已在本院建档，已为您绑定原就诊卡');
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ content: ALREADY_REGISTERED }));
  });

  it('puts the BFF’s field errors at their fields, and a mismatch as one message', async () => {
    api.createCard.mockRejectedValueOnce(errors.validation({ phone: '请输入正确的11位手机号码' })).mockRejectedValueOnce(errors.mismatch());
    await renderSettled(<CreateCardPage />);
    await fillValid();
    fireEvent.click(screen.getByText('提交办卡'));
    await waitFor(() => expect(fieldError('phone')).toBe('请输入正确的11位手机号码'));
    fireEvent.click(screen.getByText('提交办卡'));
    expect(await screen.findByText('信息不匹配，请核对后重试')).toBeInTheDocument();
    expect(redirectTo).not.toHaveBeenCalled();
  });
});
