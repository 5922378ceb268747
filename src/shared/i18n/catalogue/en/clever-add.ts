/** English: cleverAdd. */
export const cleverAdd = {} as const;
