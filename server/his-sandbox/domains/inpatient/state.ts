/** State slice of the inpatient domain. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InpatientState {}
