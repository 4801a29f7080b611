import type { SeedContext } from '../../state/store';
import type { InpatientState } from './state';

export function seedInpatient(_ctx: SeedContext): InpatientState {
  return {};
}
