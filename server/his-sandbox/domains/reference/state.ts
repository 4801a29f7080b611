/** State slice of the reference domain. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReferenceState {}
