/**
 * The family's medical cards, and the current card: the default one, which every feature page acts on. Pages and
 * the CardSwitcher read it from here; only this store talks to services/cards.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type {
  BindCardRequest,
  CardDetail,
  CardSummary,
  CardsResponse,
  CreateCardRequest,
  CreateCardResponse,
  UpdateCardRequest,
} from '@contract/api';
import { ApiError } from '@/services/api-error';
import * as service from '@/services/cards';
import { IDLE, LOADING, type Loadable, toApiError } from './loadable';
import { useSession } from './session';

interface CardsState {
  list: Loadable<CardsResponse>;
  details: Record<string, Loadable<CardDetail> | undefined>;
  /** The card being made the default while the request is under way. */
  switching: string | null;
  /** Loads once; `force` to load again. Never rejects: `list` tells the outcome. */
  load(force?: boolean): Promise<void>;
  /** Rejects with an ApiError (field errors, mismatch, rate limit …) for the form to show. */
  bind(request: BindCardRequest): Promise<CardSummary>;
  create(request: CreateCardRequest): Promise<CreateCardResponse>;
  loadDetail(id: string, force?: boolean): Promise<void>;
  update(id: string, changes: UpdateCardRequest): Promise<CardDetail>;
  /** Makes a card the current one. Rejects with an ApiError. */
  setDefault(id: string): Promise<void>;
  unbind(id: string): Promise<void>;
  /** Forget everything (another user, or logged out). */
  reset(): void;
}

/** Bumped by reset(): answers to requests sent before it are dropped (they belong to the previous user). */
let epoch = 0;

function withDefault(cards: CardSummary[], id: string): CardSummary[] {
  return cards.map((card) => (card.isDefault === (card.id === id) ? card : { ...card, isDefault: card.id === id }));
}

export const useCards = create<CardsState>()((set, get) => {
  /** Applies `change` to the loaded list, if there is one. */
  function editList(change: (cards: CardSummary[]) => CardSummary[]): void {
    const { list } = get();
    if (list.status !== 'ready') return;
    set({ list: { status: 'ready', data: { ...list.data, cards: change(list.data.cards) } } });
  }

  function putDetail(id: string, value: Loadable<CardDetail> | undefined): void {
    set((state) => ({ details: { ...state.details, [id]: value } }));
  }

  return {
    list: IDLE,
    details: {},
    switching: null,

    async load(force = false) {
      const current = get().list.status;
      if (current === 'loading' || (current === 'ready' && !force)) return;
      const started = epoch;
      // a reload keeps showing the cards it replaces
      if (current !== 'ready') set({ list: LOADING });
      try {
        const data = await service.fetchCards();
        if (started === epoch) set({ list: { status: 'ready', data } });
      } catch (error) {
        if (started === epoch) set({ list: { status: 'error', error: toApiError(error) } });
      }
    },

    async bind(request) {
      const card = await service.bindCard(request);
      // the first card becomes the default: the server's list says what changed
      await get().load(true);
      return card;
    },

    async create(request) {
      const answer = await service.createCard(request);
      await get().load(true);
      return answer;
    },

    async loadDetail(id, force = false) {
      const current = get().details[id]?.status;
      if (current === 'loading' || (current === 'ready' && !force)) return;
      const started = epoch;
      if (current !== 'ready') putDetail(id, LOADING);
      try {
        const detail = await service.fetchCard(id);
        if (started === epoch) putDetail(id, { status: 'ready', data: detail });
      } catch (error) {
        if (started === epoch) putDetail(id, { status: 'error', error: toApiError(error) });
      }
    },

    async update(id, changes) {
      const detail = await service.updateCard(id, changes);
      putDetail(id, { status: 'ready', data: detail });
      editList((cards) => cards.map((card) => (card.id === id ? { ...card, relation: detail.relation } : card)));
      return detail;
    },

    async setDefault(id) {
      if (get().switching) return;
      set({ switching: id });
      try {
        await service.setDefaultCard(id);
        editList((cards) => withDefault(cards, id));
        set((state) => {
          const details: CardsState['details'] = {};
          for (const [key, value] of Object.entries(state.details)) {
            details[key] = value?.status === 'ready' ? { status: 'ready', data: { ...value.data, isDefault: key === id } } : value;
          }
          return { details };
        });
      } catch (error) {
        throw toApiError(error);
      } finally {
        set({ switching: null });
      }
    },

    async unbind(id) {
      await service.unbindCard(id);
      editList((cards) => cards.filter((card) => card.id !== id));
      // gone for this account: a page still showing it must not ask for it again
      putDetail(id, { status: 'error', error: new ApiError({ status: 404, code: 'NOT_FOUND' }) });
      // unbinding the default makes another card the default: ask the server which
      await get().load(true);
    },

    reset() {
      epoch += 1;
      set({ list: IDLE, details: {}, switching: null });
    },
  };
});

/** The card the app acts on: the default one (the server lists it first), or none. */
export function currentCard(state: Pick<CardsState, 'list'>): CardSummary | null {
  if (state.list.status !== 'ready') return null;
  const { cards } = state.list.data;
  return cards.find((card) => card.isDefault) ?? cards[0] ?? null;
}

/** For feature pages: the current card, updated when the patient switches. */
export function useCurrentCard(): CardSummary | null {
  return useCards(currentCard);
}

/** True when the account holds as many cards as it may. */
export function atCardLimit(data: CardsResponse): boolean {
  return data.cards.length >= data.limit;
}

/**
 * The card list for a page: loaded when nobody has yet (or again after a reset). Not while a login is under way:
 * the cards are the user's, so they are asked for with the user's token (the login resets them anyway).
 */
export function useCardList(): Loadable<CardsResponse> {
  const list = useCards((state) => state.list);
  const loggingIn = useSession((state) => state.status === 'loggingIn');
  useEffect(() => {
    if (list.status === 'idle' && !loggingIn) void useCards.getState().load();
  }, [list.status, loggingIn]);
  return list;
}

/** One card's detail for its page: loaded on first use (and again after a reset). */
export function useCardDetail(id: string): Loadable<CardDetail> {
  const detail = useCards((state) => state.details[id]) ?? IDLE;
  const loggingIn = useSession((state) => state.status === 'loggingIn');
  useEffect(() => {
    if (detail.status === 'idle' && id && !loggingIn) void useCards.getState().loadDetail(id);
  }, [detail.status, id, loggingIn]);
  return detail;
}
