import type { SeedContext } from '../../state/store';
import type { NatState } from './state';

export function seedNat(_ctx: SeedContext): NatState {
  return {};
}
