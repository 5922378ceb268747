/** English: cleverAccount. */
export const cleverAccount = {} as const;
