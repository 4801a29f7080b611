/** Shared with the BFF: see common/card-form.ts. */
export * from '../../common/card-form';
