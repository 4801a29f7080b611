/** Page paths, so that no page spells another's path by hand. */
export const ROUTES = {
  home: '/pages/home/index',
  me: '/pages/me/index',
  departments: '/packages/hospital/pages/departments/index',
} as const;
