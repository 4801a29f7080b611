import type { SeedContext } from '../../state/store';
import type { ReportsState } from './state';

export function seedReports(_ctx: SeedContext): ReportsState {
  return {};
}
