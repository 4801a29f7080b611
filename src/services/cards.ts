/** The account's medical cards (就诊卡) at the BFF. The app knows a card only by its binding id. */
import type {
  BindCardRequest,
  CardDetail,
  CardSummary,
  CardsResponse,
  CreateCardRequest,
  CreateCardResponse,
  UpdateCardRequest,
} from '@contract/api';
import { ApiError } from './api-error';
import { del, get, patch, post, put } from './http';

const CARDS = '/api/v1/cards';

function cardPath(id: string): string {
  return `${CARDS}/${encodeURIComponent(id)}`;
}

/** GET /api/v1/cards: the family's cards, the default first, names masked. */
export async function fetchCards(): Promise<CardsResponse> {
  const answer = await get<CardsResponse>(CARDS);
  // every page reads this list: an answer that is not one (a proxy page, a wrong route) must not break them all
  if (!Array.isArray(answer.cards) || typeof answer.limit !== 'number') throw new ApiError({ status: 200, code: 'INTERNAL' });
  return answer;
}

/** POST /api/v1/cards/bind: proves and binds an existing card (or an inpatient by 住院号). */
export function bindCard(request: BindCardRequest): Promise<CardSummary> {
  return post<CardSummary, BindCardRequest>(`${CARDS}/bind`, request);
}

/** POST /api/v1/cards: issues a new card, or binds the one the hospital already has for this ID number. */
export function createCard(request: CreateCardRequest): Promise<CreateCardResponse> {
  return post<CreateCardResponse, CreateCardRequest>(CARDS, request);
}

export function fetchCard(id: string): Promise<CardDetail> {
  return get<CardDetail>(cardPath(id));
}

/** PATCH /api/v1/cards/:id: a new phone (sent to the hospital) and/or relation. */
export function updateCard(id: string, changes: UpdateCardRequest): Promise<CardDetail> {
  return patch<CardDetail, UpdateCardRequest>(cardPath(id), changes);
}

/** PUT /api/v1/cards/:id/default: the card the whole app acts on. */
export function setDefaultCard(id: string): Promise<void> {
  return put<void>(`${cardPath(id)}/default`);
}

/** DELETE /api/v1/cards/:id: unbinds (the hospital's record stays; the card can be bound again). */
export function unbindCard(id: string): Promise<void> {
  return del<void>(cardPath(id));
}
