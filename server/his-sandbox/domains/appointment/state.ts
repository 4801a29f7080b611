/** State slice of the appointment domain. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppointmentState {}
