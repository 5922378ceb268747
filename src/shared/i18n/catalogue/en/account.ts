/** English: account. */
export const account = {} as const;
