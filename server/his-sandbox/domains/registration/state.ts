/** State slice of the registration domain. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RegistrationState {}
