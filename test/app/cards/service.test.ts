import Taro from '@tarojs/taro';
import { forgetCardsOnUserChange } from '../../../src/bootstrap';
import { bindCard, createCard, fetchCard, fetchCards, setDefaultCard, unbindCard, updateCard } from '../../../src/services/cards';
import { configureHttp, resetHttp } from '../../../src/services/http';
import { useCards } from '../../../src/stores/cards';
import { useSession } from '../../../src/stores/session';
import { type FakeAnswer, type RequestOption, fakeTask } from '../helpers';
import { ZHANG, ZHANG_DETAIL, cardsResponse, loggedIn } from './fixtures';

const BASE = 'http://bff.test';
let requestMock: jest.SpiedFunction<typeof Taro.request>;

function answerWith(answer: FakeAnswer): RequestOption[] {
  const calls: RequestOption[] = [];
  requestMock.mockImplementation((option) => {
    calls.push(option);
    return fakeTask(answer);
  });
  return calls;
}

beforeEach(() => {
  requestMock = jest.spyOn(Taro, 'request');
  configureHttp({ getToken: () => 'tok', renew: async () => 'tok', mayConnect: () => true }, { baseUrl: BASE });
});

afterEach(() => {
  requestMock.mockRestore();
  resetHttp();
});

describe('cards service: the BFF routes', () => {
  it('GET /api/v1/cards', async () => {
    const calls = answerWith({ statusCode: 200, data: cardsResponse([ZHANG]) });
    await expect(fetchCards()).resolves.toEqual(cardsResponse([ZHANG]));
    expect(calls[0]).toMatchObject({ url: `${BASE}/api/v1/cards`, method: 'GET' });
  });

  it('refuses a list answer that is not a card list', async () => {
    answerWith({ statusCode: 200, data: { token: 'not a list' } });
    await expect(fetchCards()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('POST /api/v1/cards/bind and POST /api/v1/cards with the request as JSON', async () => {
    const calls = answerWith({ statusCode: 201, data: ZHANG });
    const bind = { method: 'phone' as const, name: '张伟', relation: 'self' as const, idNo: '520103198503120358', phone: '13800138001' };
    await bindCard(bind);
    expect(calls[0]).toMatchObject({ url: `${BASE}/api/v1/cards/bind`, method: 'POST' });
    expect(JSON.parse(String(calls[0]?.data))).toEqual(bind);
    const create = {
      name: '王小明',
      sex: '男' as const,
      idNo: '520103199001010016',
      birthday: '1990-01-01',
      phone: '13900000000',
      workUnit: '无',
      address: '贵阳市',
      relation: 'self' as const,
    };
    await createCard(create);
    expect(calls[1]).toMatchObject({ url: `${BASE}/api/v1/cards`, method: 'POST' });
  });

  it('GET, PATCH, PUT default and DELETE one card by its binding id (encoded)', async () => {
    const calls = answerWith({ statusCode: 200, data: ZHANG_DETAIL });
    await fetchCard('b/1');
    await updateCard('b/1', { phone: '13900000000' });
    answerWith({ statusCode: 204 });
    await setDefaultCard('b1');
    await unbindCard('b1');
    const all = requestMock.mock.calls.map(([option]) => [option.method, option.url.replace(BASE, '')]);
    expect(all).toEqual([
      ['GET', '/api/v1/cards/b%2F1'],
      // H5 sends a real PATCH; the mini-program (which has no PATCH) a POST with X-HTTP-Method-Override
      ['PATCH', '/api/v1/cards/b%2F1'],
      ['PUT', '/api/v1/cards/b1/default'],
      ['DELETE', '/api/v1/cards/b1'],
    ]);
    expect(calls[1]?.header).not.toHaveProperty('X-HTTP-Method-Override');
  });

  it('reads the generic mismatch answer as IDENTITY_MISMATCH with its message', async () => {
    answerWith({ statusCode: 422, data: { code: 'IDENTITY_MISMATCH', message: '信息不匹配，请核对后重试', requestId: 'r1' } });
    await expect(bindCard({ method: 'inpatient', name: '张伟', relation: 'self', inpatientNo: 'ZY1' })).rejects.toMatchObject({
      code: 'IDENTITY_MISMATCH',
      message: '信息不匹配，请核对后重试',
      requestId: 'r1',
    });
  });

  it('has a Chinese message for IDENTITY_MISMATCH when the body has none', async () => {
    answerWith({ statusCode: 422, data: { code: 'IDENTITY_MISMATCH', message: 'identity mismatch', requestId: 'r2' } });
    await expect(fetchCards()).rejects.toMatchObject({ code: 'IDENTITY_MISMATCH', message: '信息不匹配，请核对后重试' });
  });
});

describe('cards follow the user', () => {
  it('forgets the cards when the user logs out or another logs in', () => {
    forgetCardsOnUserChange();
    loggedIn();
    useCards.setState({ list: { status: 'ready', data: cardsResponse([ZHANG]) } });
    useSession.setState({ token: 'tok-2' });
    expect(useCards.getState().list.status).toBe('ready');
    useSession.setState({ status: 'loggedOut', token: null, user: null });
    expect(useCards.getState().list.status).toBe('idle');
    useCards.setState({ list: { status: 'ready', data: cardsResponse([ZHANG]) } });
    loggedIn();
    expect(useCards.getState().list.status).toBe('idle');
  });
});
