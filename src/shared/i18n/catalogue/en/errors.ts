/** English: errors. */
export const errors = {} as const;
