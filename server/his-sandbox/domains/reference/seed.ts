import type { SeedContext } from '../../state/store';
import type { ReferenceState } from './state';

export function seedReference(_ctx: SeedContext): ReferenceState {
  return {};
}
