/** Page paths, so that no page spells another's path by hand. */
export const ROUTES = {
  home: '/pages/home/index',
  me: '/pages/me/index',
  departments: '/packages/hospital/pages/departments/index',
  cardBind: '/packages/card/pages/bind/index',
  cardCreate: '/packages/card/pages/create/index',
  cardList: '/packages/card/pages/list/index',
  cardDetail: '/packages/card/pages/detail/index',
} as const;

/** 就诊卡详情 of one card (its binding id). */
export function cardDetailUrl(id: string): string {
  return `${ROUTES.cardDetail}?id=${encodeURIComponent(id)}`;
}
