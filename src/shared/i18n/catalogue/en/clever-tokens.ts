/** English: cleverTokens. */
export const cleverTokens = {} as const;
