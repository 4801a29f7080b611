import Taro from '@tarojs/taro';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import BindCardPage from '../../../src/packages/card/pages/bind';
import { ROUTES } from '../../../src/routes';
import * as service from '../../../src/services/cards';
import { giveConsent, nextFrame, renderSettled, resetApp } from '../helpers';
import { LIU, ZHANG, cardsResponse, errors, loggedIn } from './fixtures';
import { fieldError, shownFields, typeInto } from './form-helpers';

jest.mock('../../../src/services/cards');
const api = jest.mocked(service);

let navigateBack: jest.SpyInstance;
let navigateTo: jest.SpyInstance;
let showToast: jest.SpyInstance;

beforeEach(() => {
  jest.resetAllMocks();
  resetApp();
  giveConsent();
  loggedIn();
  api.fetchCards.mockResolvedValue(cardsResponse([]));
  navigateBack = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' });
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as ReturnType<typeof Taro.getCurrentPages>);
});

afterEach(() => {
  jest.restoreAllMocks();
});

async function fillCardMethod(name = '张伟'): Promise<void> {
  await typeInto('cardNo', '5000100001');
  await typeInto('name', name);
  await typeInto('idNo', '520103198503120358');
}

describe('绑定就诊卡', () => {
  it('offers three ways, each with its own fields, and the relation', async () => {
    await renderSettled(<BindCardPage />);
    expect(shownFields()).toEqual(['cardNo', 'name', 'idNo', 'relation']);
    fireEvent.click(screen.getByText('手机号'));
    await nextFrame();
    expect(shownFields()).toEqual(['idNo', 'name', 'phone', 'relation']);
    fireEvent.click(screen.getByText('住院号'));
    await nextFrame();
    expect(shownFields()).toEqual(['inpatientNo', 'name', 'relation']);
    for (const relation of ['本人', '父母', '配偶', '子女', '其他']) expect(screen.getByText(relation)).toBeInTheDocument();
    // the account has no card yet: its first is most likely the patient's own
    expect(document.querySelector('.choice-chips__chip--selected')).toHaveTextContent('本人');
  });

  it('shows the rules’ errors at the fields and sends nothing', async () => {
    await renderSettled(<BindCardPage />);
    await typeInto('idNo', '520103198503120359');
    fireEvent.click(screen.getByText('绑定'));
    await nextFrame();
    expect(fieldError('cardNo')).toBe('请输入就诊卡号');
    expect(fieldError('name')).toBe('请输入姓名');
    expect(fieldError('idNo')).toBe('身份证号码有误，请核对最后一位');
    expect(api.bindCard).not.toHaveBeenCalled();

    // fixing a field clears its error, live
    await typeInto('idNo', '520103198503120358');
    await nextFrame();
    expect(fieldError('idNo')).toBeNull();
    expect(fieldError('name')).toBe('请输入姓名');
  });

  it('asks for the relation once the account already has its own card', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG]));
    await renderSettled(<BindCardPage />);
    await waitFor(() => expect(api.fetchCards).toHaveBeenCalled());
    fireEvent.click(screen.getByText('手机号'));
    await typeInto('idNo', '520111201705180177');
    await typeInto('name', '刘子轩');
    await typeInto('phone', '1380013800');
    fireEvent.click(screen.getByText('绑定'));
    await nextFrame();
    expect(fieldError('phone')).toBe('请输入正确的11位手机号码');
    expect(fieldError('relation')).toBe('请选择与您的关系');
  });

  it('binds with the method’s own fields, says so and goes back', async () => {
    api.bindCard.mockResolvedValue(ZHANG);
    await renderSettled(<BindCardPage />);
    await fillCardMethod();
    fireEvent.click(screen.getByText('本人'));
    fireEvent.click(screen.getByText('绑定'));
    await waitFor(() => expect(navigateBack).toHaveBeenCalled());
    expect(api.bindCard).toHaveBeenCalledWith({ method: 'card', name: '张伟', relation: 'self', cardNo: '5000100001', idNo: '520103198503120358' });
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '绑定成功' }));
    expect(api.fetchCards).toHaveBeenCalledTimes(2);
  });

  it('binds a family member by ID number and phone, relation 子女', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG]));
    api.bindCard.mockResolvedValue(LIU);
    await renderSettled(<BindCardPage />);
    fireEvent.click(screen.getByText('手机号'));
    await typeInto('idNo', '520111201705180177');
    await typeInto('name', '刘子轩');
    await typeInto('phone', '13800138004');
    fireEvent.click(screen.getByText('子女'));
    fireEvent.click(screen.getByText('绑定'));
    await waitFor(() => expect(api.bindCard).toHaveBeenCalled());
    expect(api.bindCard).toHaveBeenCalledWith({ method: 'phone', name: '刘子轩', relation: 'child', idNo: '520111201705180177', phone: '13800138004' });
  });

  it('puts the BFF’s field errors at their fields', async () => {
    api.bindCard.mockRejectedValue(errors.validation({ cardNo: '请输入正确的就诊卡号' }));
    await renderSettled(<BindCardPage />);
    await fillCardMethod();
    fireEvent.click(screen.getByText('绑定'));
    await waitFor(() => expect(fieldError('cardNo')).toBe('请输入正确的就诊卡号'));
    expect(document.querySelector('.form-alert')).toBeNull();
    expect(navigateBack).not.toHaveBeenCalled();
  });

  it('shows a mismatch as one message that names no field', async () => {
    api.bindCard.mockRejectedValue(errors.mismatch());
    await renderSettled(<BindCardPage />);
    await fillCardMethod('张三');
    fireEvent.click(screen.getByText('绑定'));
    expect(await screen.findByText('信息不匹配，请核对后重试')).toBeInTheDocument();
    for (const field of ['cardNo', 'name', 'idNo']) expect(fieldError(field)).toBeNull();
    // editing clears the message
    await typeInto('name', '张伟');
    await nextFrame();
    expect(screen.queryByText('信息不匹配，请核对后重试')).not.toBeInTheDocument();
  });

  it('shows the rate limit with when to try again, and a conflict as it is', async () => {
    api.bindCard.mockRejectedValueOnce(errors.rateLimited()).mockRejectedValueOnce(errors.alreadyBound());
    await renderSettled(<BindCardPage />);
    await fillCardMethod();
    fireEvent.click(screen.getByText('绑定'));
    expect(await screen.findByText('验证失败次数过多，请于14:35后再试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('绑定'));
    expect(await screen.findByText('该就诊卡已绑定，无需重复绑定')).toBeInTheDocument();
    expect(screen.queryByText('验证失败次数过多，请于14:35后再试')).not.toBeInTheDocument();
  });

  it('links to 在线办卡', async () => {
    await renderSettled(<BindCardPage />);
    fireEvent.click(screen.getByText('在线办卡'));
    expect(navigateTo).toHaveBeenCalledWith({ url: ROUTES.cardCreate });
  });
});
