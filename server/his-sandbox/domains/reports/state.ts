/** State slice of the reports domain. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportsState {}
