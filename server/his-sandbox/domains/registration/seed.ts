import type { SeedContext } from '../../state/store';
import type { RegistrationState } from './state';

export function seedRegistration(_ctx: SeedContext): RegistrationState {
  return {};
}
