import Taro from '@tarojs/taro';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import CardDetailPage, { CardDetailScreen } from '../../../src/packages/card/pages/detail';
import { barcodeSvg } from '../../../src/packages/card/codes/barcode';
import { qrSvg } from '../../../src/packages/card/codes/qr';
import { svgDataUri } from '../../../src/packages/card/codes/svg';
import { ROUTES, cardDetailUrl } from '../../../src/routes';
import * as service from '../../../src/services/cards';
import { useCards } from '../../../src/stores/cards';
import { giveConsent, nextFrame, renderSettled, resetApp } from '../helpers';
import { INPATIENT_DETAIL, LIU, LOST_DETAIL, ZHANG, ZHANG_DETAIL, cardsResponse, errors, loggedIn } from './fixtures';
import { fieldError, typeInto } from './form-helpers';

jest.mock('../../../src/services/cards');
const api = jest.mocked(service);

let showModal: jest.SpyInstance;
let showToast: jest.SpyInstance;
let navigateBack: jest.SpyInstance;
let redirectTo: jest.SpyInstance;

beforeEach(() => {
  jest.resetAllMocks();
  resetApp();
  giveConsent();
  loggedIn();
  api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
  api.fetchCard.mockResolvedValue(ZHANG_DETAIL);
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
  navigateBack = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' });
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' });
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as ReturnType<typeof Taro.getCurrentPages>);
});

afterEach(() => {
  jest.restoreAllMocks();
});

function row(label: string): string {
  const rows = Array.from(document.querySelectorAll('.card-detail__row'));
  const found = rows.find((el) => el.querySelector('.card-detail__label')?.textContent === label);
  return found?.querySelector('.card-detail__value, .card-detail__status')?.textContent ?? '';
}

async function open(id = ZHANG.id): Promise<void> {
  await renderSettled(<CardDetailScreen id={id} />);
  await screen.findByText('卡片信息');
}

describe('就诊卡详情', () => {
  it('reads the card id from the page address', async () => {
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ ...Taro.getCurrentInstance(), router: { params: { id: 'b-zhang' }, path: ROUTES.cardDetail, onReady: '', onHide: '', onShow: '', shareTicket: undefined, scene: undefined } });
    await renderSettled(<CardDetailPage />);
    await screen.findByText('卡片信息');
    expect(api.fetchCard).toHaveBeenCalledWith('b-zhang');
  });

  it('shows the holder with ID and phone masked, the card number, balance in yuan and the status', async () => {
    await open();
    expect(row('姓名')).toBe('张伟');
    expect(row('性别年龄')).toBe('男 · 41岁');
    expect(row('身份证号')).toBe('520***********0358');
    expect(row('手机号')).toBe('138****8001');
    expect(row('关系')).toBe('本人');
    expect(row('账户余额')).toBe('¥200.00');
    expect(row('卡状态')).toBe('正常');
    expect(screen.getByText('可正常挂号、缴费和充值')).toBeInTheDocument();
    expect(row('充值')).toBe('可以充值');
    expect(document.querySelector('.card-face')).toHaveTextContent('卡号 5000100001');
    expect(document.body).not.toHaveTextContent('520103198503120358');
    expect(screen.queryByText('住院信息')).not.toBeInTheDocument();
    // the default card offers no 设为默认
    expect(screen.queryByText('设为默认就诊卡')).not.toBeInTheDocument();
  });

  it('says why a card cannot be topped up, and what its status means', async () => {
    api.fetchCard.mockResolvedValue(LOST_DETAIL);
    await open(LOST_DETAIL.id);
    expect(row('卡状态')).toBe('挂失');
    expect(screen.getByText('此卡已挂失，不能用于就诊')).toBeInTheDocument();
    expect(row('充值')).toBe('暂不能充值');
    expect(screen.getByText('就诊卡已挂失，暂不能充值，请到门诊收费窗口补办')).toBeInTheDocument();
    expect(row('账户余额')).toBe('¥30.05');
  });

  it('shows the stay of an inpatient binding', async () => {
    api.fetchCard.mockResolvedValue(INPATIENT_DETAIL);
    await open(INPATIENT_DETAIL.id);
    expect(screen.getByText('住院信息')).toBeInTheDocument();
    expect(row('科室')).toBe('心血管内科');
    expect(row('床号')).toBe('12床');
    expect(row('入院日期')).toBe('2026年11月25日');
    expect(row('出院日期')).toBe('在院');
    expect(row('住院费用')).toBe('¥1876.50');
    expect(row('预交金余额')).toBe('¥6123.45');
  });

  it('shows the card number as a barcode and a QR code made on the phone', async () => {
    await open();
    // the H5 Image puts its <img> in a moment after mounting
    const images = () => Array.from(document.querySelectorAll('.card-codes img')).map((img) => img.getAttribute('src'));
    await waitFor(() => expect(images()).toEqual([svgDataUri(barcodeSvg('5000100001')), svgDataUri(qrSvg('5000100001'))]));
    expect(screen.getByText('5000 1000 01')).toBeInTheDocument();
  });

  it('edits the phone and the relation, sending only what changed', async () => {
    api.updateCard.mockResolvedValue({ ...ZHANG_DETAIL, phoneMasked: '139****5678', relation: 'other' });
    await open();
    fireEvent.click(screen.getAllByText('修改')[0] as HTMLElement);
    expect(await screen.findByText('修改联系信息')).toBeInTheDocument();
    await typeInto('phone', '1391234');
    fireEvent.click(screen.getByText('保存'));
    await nextFrame();
    expect(fieldError('phone')).toBe('请输入正确的11位手机号码');
    expect(api.updateCard).not.toHaveBeenCalled();
    await typeInto('phone', '13912345678');
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(screen.queryByText('修改联系信息')).not.toBeInTheDocument());
    expect(api.updateCard).toHaveBeenCalledWith(ZHANG.id, { phone: '13912345678' });
    expect(row('手机号')).toBe('139****5678');
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('says when there is nothing to save, and shows the hospital’s refusal', async () => {
    api.updateCard.mockRejectedValue(errors.unavailable());
    await open();
    fireEvent.click(screen.getAllByText('修改')[1] as HTMLElement);
    fireEvent.click(await screen.findByText('保存'));
    expect(await screen.findByText('没有需要保存的修改')).toBeInTheDocument();
    fireEvent.click(screen.getAllByText('其他').at(-1) as HTMLElement);
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('医院系统暂时无法访问，请稍后再试')).toBeInTheDocument();
    expect(api.updateCard).toHaveBeenCalledWith(ZHANG.id, { relation: 'other' });
  });

  it('unbinds after confirmation, and goes back', async () => {
    api.unbindCard.mockResolvedValue(undefined);
    await open();
    fireEvent.click(screen.getByText('解除绑定'));
    await waitFor(() => expect(navigateBack).toHaveBeenCalled());
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '解除绑定', content: expect.stringContaining('张*') }));
    expect(api.unbindCard).toHaveBeenCalledWith(ZHANG.id);
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已解除绑定' }));
    // the page does not ask for the card it just let go of
    expect(api.fetchCard).toHaveBeenCalledTimes(1);
  });

  it('keeps the card when the confirmation is cancelled', async () => {
    showModal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    await open();
    fireEvent.click(screen.getByText('解除绑定'));
    await nextFrame();
    expect(api.unbindCard).not.toHaveBeenCalled();
    expect(navigateBack).not.toHaveBeenCalled();
  });

  it('makes a non-default card the default', async () => {
    api.fetchCard.mockResolvedValue({ ...ZHANG_DETAIL, ...LIU, name: '刘子轩' });
    api.setDefaultCard.mockResolvedValue(undefined);
    await open(LIU.id);
    fireEvent.click(screen.getByText('设为默认就诊卡'));
    await waitFor(() => expect(screen.queryByText('设为默认就诊卡')).not.toBeInTheDocument());
    expect(api.setDefaultCard).toHaveBeenCalledWith(LIU.id);
    expect(document.querySelector('.card-face')).toHaveTextContent('默认');
  });

  it('follows the card switcher to the chosen card', async () => {
    api.setDefaultCard.mockResolvedValue(undefined);
    await open();
    await screen.findByText('当前就诊人');
    fireEvent.click(screen.getByText('切换'));
    fireEvent.click(await screen.findByText('刘**'));
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: cardDetailUrl(LIU.id) }));
  });

  it('says when the card is not (or no longer) the account’s', async () => {
    api.fetchCard.mockRejectedValue(errors.notFound());
    await renderSettled(<CardDetailScreen id='someone-else' />);
    expect(await screen.findByText('没有找到这张就诊卡')).toBeInTheDocument();
    fireEvent.click(screen.getByText('查看我的就诊卡'));
    expect(redirectTo).toHaveBeenCalledWith({ url: ROUTES.cardList });
    expect(useCards.getState().details['someone-else']?.status).toBe('error');
  });
});
