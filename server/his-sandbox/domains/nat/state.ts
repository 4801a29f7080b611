/** State slice of the nat domain. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NatState {}
