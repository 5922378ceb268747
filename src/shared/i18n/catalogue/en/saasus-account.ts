/** English: saasusAccount. */
export const saasusAccount = {} as const;
