import * as service from '../../../src/services/cards';
import { atCardLimit, currentCard, useCards } from '../../../src/stores/cards';
import { LIU, ZHANG, ZHANG_DETAIL, cardsResponse, errors } from './fixtures';

jest.mock('../../../src/services/cards');
const api = jest.mocked(service);

beforeEach(() => {
  jest.resetAllMocks();
  useCards.getState().reset();
});

function cards() {
  const { list } = useCards.getState();
  if (list.status !== 'ready') throw new Error(`list is ${list.status}`);
  return list.data.cards;
}

describe('cards store', () => {
  it('loads once, and again when forced; the current card is the default', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
    await useCards.getState().load();
    await useCards.getState().load();
    expect(api.fetchCards).toHaveBeenCalledTimes(1);
    expect(currentCard(useCards.getState())).toEqual(ZHANG);
    await useCards.getState().load(true);
    expect(api.fetchCards).toHaveBeenCalledTimes(2);
  });

  it('keeps a load failure as an ApiError for the page to show', async () => {
    api.fetchCards.mockRejectedValue(errors.unavailable());
    await useCards.getState().load();
    const { list } = useCards.getState();
    expect(list.status === 'error' && list.error.code).toBe('HIS_UNAVAILABLE');
    expect(currentCard(useCards.getState())).toBeNull();
  });

  it('switches the current card (PUT default) and moves the default badge', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
    api.fetchCard.mockResolvedValue(ZHANG_DETAIL);
    api.setDefaultCard.mockResolvedValue(undefined);
    await useCards.getState().load();
    await useCards.getState().loadDetail(ZHANG.id);
    const switching = useCards.getState().setDefault(LIU.id);
    expect(useCards.getState().switching).toBe(LIU.id);
    await switching;
    expect(api.setDefaultCard).toHaveBeenCalledWith(LIU.id);
    expect(cards().map((c) => [c.id, c.isDefault])).toEqual([
      [ZHANG.id, false],
      [LIU.id, true],
    ]);
    expect(currentCard(useCards.getState())?.id).toBe(LIU.id);
    const detail = useCards.getState().details[ZHANG.id];
    expect(detail?.status === 'ready' && detail.data.isDefault).toBe(false);
    expect(useCards.getState().switching).toBeNull();
  });

  it('keeps the current card when switching fails, and says why', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
    api.setDefaultCard.mockRejectedValue(errors.notFound());
    await useCards.getState().load();
    await expect(useCards.getState().setDefault(LIU.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(currentCard(useCards.getState())?.id).toBe(ZHANG.id);
    expect(useCards.getState().switching).toBeNull();
  });

  it('reloads the list after a bind (the first card becomes the default on the server)', async () => {
    api.fetchCards.mockResolvedValueOnce(cardsResponse([])).mockResolvedValueOnce(cardsResponse([ZHANG]));
    api.bindCard.mockResolvedValue(ZHANG);
    await useCards.getState().load();
    const request = { method: 'card' as const, name: '张伟', relation: 'self' as const, cardNo: '5000100001', idNo: '520103198503120358' };
    await expect(useCards.getState().bind(request)).resolves.toEqual(ZHANG);
    expect(api.bindCard).toHaveBeenCalledWith(request);
    expect(cards()).toEqual([ZHANG]);
  });

  it('passes a refused bind on to the form, list unchanged', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG]));
    api.bindCard.mockRejectedValue(errors.mismatch());
    await useCards.getState().load();
    await expect(useCards.getState().bind({ method: 'inpatient', name: '王芳', relation: 'spouse', inpatientNo: 'ZY1' })).rejects.toMatchObject({
      code: 'IDENTITY_MISMATCH',
      message: '信息不匹配，请核对后重试',
    });
    expect(api.fetchCards).toHaveBeenCalledTimes(1);
  });

  it('unbinds: the card leaves the list, its detail reads as gone, and the server names the new default', async () => {
    api.fetchCards.mockResolvedValueOnce(cardsResponse([ZHANG, LIU])).mockResolvedValueOnce(cardsResponse([{ ...LIU, isDefault: true }]));
    api.fetchCard.mockResolvedValue(ZHANG_DETAIL);
    api.unbindCard.mockResolvedValue(undefined);
    await useCards.getState().load();
    await useCards.getState().loadDetail(ZHANG.id);
    await useCards.getState().unbind(ZHANG.id);
    expect(api.unbindCard).toHaveBeenCalledWith(ZHANG.id);
    expect(cards()).toEqual([{ ...LIU, isDefault: true }]);
    const detail = useCards.getState().details[ZHANG.id];
    expect(detail?.status === 'error' && detail.error.code).toBe('NOT_FOUND');
    expect(api.fetchCard).toHaveBeenCalledTimes(1);
  });

  it('updates the relation in the list after an edit', async () => {
    api.fetchCards.mockResolvedValue(cardsResponse([ZHANG, LIU]));
    api.updateCard.mockResolvedValue({ ...ZHANG_DETAIL, id: LIU.id, relation: 'other' });
    await useCards.getState().load();
    await useCards.getState().update(LIU.id, { relation: 'other' });
    expect(api.updateCard).toHaveBeenCalledWith(LIU.id, { relation: 'other' });
    expect(cards().find((c) => c.id === LIU.id)?.relation).toBe('other');
  });

  it('drops answers that arrive after a reset (they belong to the previous user)', async () => {
    let answer: (value: ReturnType<typeof cardsResponse>) => void = () => undefined;
    api.fetchCards.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const loading = useCards.getState().load();
    useCards.getState().reset();
    answer(cardsResponse([ZHANG]));
    await loading;
    expect(useCards.getState().list).toEqual({ status: 'idle' });
  });

  it('knows when the account is at its limit', () => {
    expect(atCardLimit(cardsResponse([ZHANG, LIU], 2))).toBe(true);
    expect(atCardLimit(cardsResponse([ZHANG], 2))).toBe(false);
  });
});
